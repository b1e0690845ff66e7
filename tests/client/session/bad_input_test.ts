/**
 * Bad input injected straight into the recipient's swarm: each becomes a typed error event
 * (and a dead letter, except replays), the poll loop goes on, and nothing else is dropped.
 */
import assert from "node:assert/strict";
import { fromBase64, toBase64, utf8 } from "../../../src/core/bytes.ts";
import { encodeDirectMessage } from "../../../src/client/codec/mod.ts";
import { unwrapWebSocketMessage, wrapWebSocketMessage } from "../../../src/proto/mod.ts";
import { ofType } from "./_fixtures.ts";
import { Identity, record, until, withDevnet } from "./_setup.ts";

Deno.test("undecryptable, tampered, replayed, oversize, wrong-recipient and v2 input", () =>
  withDevnet(async ({ open, net }) => {
    const [alice, bob, carol] = [Identity.generate(), Identity.generate(), Identity.generate()];
    const b = await open(bob, { maxMessageBytes: 2000 });
    const events = record(b);
    await b.start();
    const store = (data: string) => net.store(bob.sessionId, { data });
    const good = (body: string) =>
      encodeDirectMessage(alice, bob.sessionId, { dataMessage: { body } });

    const replayed = good("original");
    const tampered = fromBase64(good("tamper me").data);
    tampered[tampered.length - 40] ^= 1;
    const rewrapped = wrapWebSocketMessage(
      unwrapWebSocketMessage(fromBase64(replayed.data)),
      "libsession",
    );
    const bad = {
      junk: toBase64(utf8("this is not a protobuf message at all")),
      tampered: toBase64(tampered),
      wrongRecipient:
        encodeDirectMessage(alice, carol.sessionId, { dataMessage: { body: "not yours" } }).data,
      oversize: good("x".repeat(3000)).data,
      v2: toBase64(new Uint8Array([0, 2, ...new Uint8Array(1200).fill(7)])),
    };
    await store(good("good 1").data);
    await store(bad.junk);
    await store(replayed.data);
    await store(bad.tampered);
    await store(good("good 2").data);
    await store(bad.wrongRecipient);
    await store(toBase64(rewrapped)); // same envelope, new wrapper: a replay with another hash
    await store(bad.oversize);
    await store(bad.v2);
    // A config namespace holds no envelopes: it must not even be read.
    await net.store(bob, { data: toBase64(utf8("config blob")), namespace: 2 });
    await store(good("good 3").data);

    await until(() => ofType(events, "message").length >= 4, 10_000, "good messages");
    await b.poll();
    await b.idle();
    assert.deepEqual(ofType(events, "message").map((m) => m.body), [
      "good 1",
      "original",
      "good 2",
      "good 3",
    ]);
    const errors = ofType(events, "error");
    assert.deepEqual(errors.map((e) => [e.code, e.deadLettered]).sort(), [
      ["bad_protobuf", true],
      ["decrypt_failed", true],
      ["decrypt_failed", true],
      ["oversize", true],
      ["replayed", false],
      ["unsupported_v2_dm", true],
    ]);
    assert.ok(errors.every((e) => e.identity === bob.sessionId && e.id?.length === 43));
    assert.equal(errors.find((e) => e.code === "replayed")?.from, alice.sessionId);
    const letters = await b.deadLetters();
    assert.deepEqual(letters.map((l) => l.code).sort(), [
      "bad_protobuf",
      "decrypt_failed",
      "decrypt_failed",
      "oversize",
      "unsupported_v2_dm",
    ]);
    assert.ok(letters.every((l) => l.box === "in" && l.reason.length > 0 && l.data));
  }));
