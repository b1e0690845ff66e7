/**
 * Attachments beyond the basics: the deterministic format, a pointer whose digest does not
 * match (a typed error and a dead letter; the loop goes on), and a message over 64 KiB (split
 * across KV values in the outbox and the inbox).
 */
import assert from "node:assert/strict";
import { encryptDeterministicAttachment } from "../../../src/crypto/attachments/mod.ts";
import { sendableAttachment } from "../../../src/client/attachments/mod.ts";
import { createFileServerClient } from "../../../src/client/files/mod.ts";
import { ofType } from "./_fixtures.ts";
import { Identity, record, until, withDevnet } from "./_setup.ts";

Deno.test("deterministic attachments decrypt; a bad digest dead-letters, the loop goes on", () =>
  withDevnet(async ({ open, net, devnet }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const a = await open(alice);
    const b = await open(bob, { retry: { attempts: 3, backoffMs: [10] } });
    const errors = record(b, "error");
    const handled: string[] = [];
    b.on("message", async (event) => {
      for (const file of event.attachments) {
        handled.push(new TextDecoder().decode((await b.download(file)).bytes));
      }
      if (event.body) handled.push(event.body);
    });
    await b.start();

    const files = createFileServerClient(net, devnet.fileServer);
    const text = new TextEncoder().encode("deterministic bytes");
    const sealed = encryptDeterministicAttachment(text, alice.exportSeed());
    const { url } = await files.upload(sealed.blob, { deterministic: true });
    await a.send(bob.sessionId, {
      attachments: [{ id: "0", url, key: sealed.key, size: sealed.size, fileName: "d.txt" }],
    });
    await until(() => handled.length === 1, 10_000, "deterministic file");
    assert.deepEqual(handled, ["deterministic bytes"]);

    const pointer = await sendableAttachment(files, { bytes: text, fileName: "x.txt" });
    const digest = pointer.digest!.slice();
    digest[0] ^= 1;
    await a.send(bob.sessionId, { attachments: [{ ...pointer, digest }] });
    await a.send(bob.sessionId, "after");
    await until(() => handled.length === 2 && errors.length === 1, 10_000, "bad digest and after");
    assert.deepEqual(handled, ["deterministic bytes", "after"]);
    const [error] = ofType(errors, "error");
    assert.deepEqual([error.code, error.deadLettered], ["handler_failed", true]);
    assert.match(error.message, /digest/);
    const [letter] = await b.deadLetters();
    assert.equal(letter.attempts, 1, "a failed check is not retried");
  }));

Deno.test("a message over 64 KiB travels through the outbox and inbox in parts", () =>
  withDevnet(async ({ open }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const a = await open(alice);
    const b = await open(bob);
    const got = record(b, "message");
    await b.start();
    const body = "long text ".repeat(5_900); // 59,000 bytes: ~80,000 base64 characters stored
    const sent = await a.send(bob.sessionId, body);
    await until(() => got.length === 1, 10_000, "long message");
    const [message] = ofType(got, "message");
    assert.equal(message.body, body);
    assert.equal(message.id, sent.hash);
  }));
