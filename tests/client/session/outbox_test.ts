/** The outbox: per-recipient order, retries, dead letters, and jobs that outlive a stop. */
import assert from "node:assert/strict";
import { SessionBotError } from "../../../src/core/errors.ts";
import { ofType } from "./_fixtures.ts";
import { Identity, record, until, withDevnet } from "./_setup.ts";

Deno.test("sends to one recipient land in order; each resolves with hash and timestamp", () =>
  withDevnet(async ({ open }) => {
    const [alice, bob, carol] = [Identity.generate(), Identity.generate(), Identity.generate()];
    const a = await open(alice);
    const [b, c] = [await open(bob), await open(carol)];
    const [atB, atC] = [record(b, "message"), record(c, "message")];
    await Promise.all([b.start(), c.start()]);
    const bodies = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const results = await Promise.all(bodies.flatMap((body) => [
      a.send(bob.sessionId, body),
      a.send(carol.sessionId, body),
    ]));
    const stamps = results.map((r) => r.timestamp);
    assert.equal(new Set(stamps).size, stamps.length, "timestamps are unique");
    assert.ok(results.every((r) => r.hash.length === 43));
    await until(() => atB.length === 30 && atC.length === 30, 15_000, "60 messages");
    assert.deepEqual(ofType(atB, "message").map((m) => m.body), bodies);
    assert.deepEqual(ofType(atC, "message").map((m) => m.body), bodies);
    assert.deepEqual(
      ofType(atB, "message").map((m) => m.id),
      results.filter((_, i) => i % 2 === 0).map((r) => r.hash),
    );
  }));

Deno.test("a store that fails is retried; one that keeps failing is dead-lettered", () =>
  withDevnet(async ({ open, devnet }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const a = await open(alice, { sendRetry: { attempts: 40, backoffMs: [100] } });
    const b = await open(bob);
    const atB = record(b, "message");
    await b.start();
    const down = (code: number | undefined) => devnet.nodes.forEach((n) => n.faults.status(code));

    down(503);
    const sending = a.send(bob.sessionId, "eventually");
    await new Promise((r) => setTimeout(r, 600));
    down(undefined);
    const sent = await sending;
    await until(() => atB.length === 1, 10_000, "delivered after the outage");
    assert.equal(atB[0].id, sent.hash);

    const quick = await open(alice, { sendRetry: { attempts: 2, backoffMs: [10] } });
    const errors = record(quick, "error");
    down(503);
    try {
      await assert.rejects(quick.send(bob.sessionId, "never"), SessionBotError);
    } finally {
      down(undefined);
    }
    const [letter] = await quick.deadLetters();
    assert.deepEqual([letter.box, letter.to, letter.attempts], ["out", bob.sessionId, 2]);
    assert.equal(ofType(errors, "error")[0].deadLettered, true);
    await b.poll();
    await b.idle();
    assert.equal(atB.length, 1, "nothing stored for the dead letter");
  }));

Deno.test("a queued send survives a stop and goes out on the next start", () =>
  withDevnet(async ({ open, devnet }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const kv = await Deno.openKv(":memory:");
    try {
      const a = await open(alice, { kv, sendRetry: { attempts: 5, backoffMs: [60_000] } });
      const b = await open(bob);
      const atB = record(b, "message");
      await b.start();
      devnet.nodes.forEach((n) => n.faults.status(503));
      const pending = a.send(bob.sessionId, "later");
      await new Promise((r) => setTimeout(r, 300));
      await a.stop();
      await assert.rejects(pending, (e) => e instanceof SessionBotError && e.code === "stopped");
      devnet.nodes.forEach((n) => n.faults.status(undefined));
      const again = await open(alice, { kv });
      await again.idle();
      await until(() => atB.length === 1, 10_000, "sent after restart");
      assert.equal(ofType(atB, "message")[0].body, "later");
    } finally {
      kv.close();
    }
  }));
