/** `client.stats()`: the counters a monitoring endpoint reads. */
import assert from "node:assert/strict";
import { Identity, until, withDevnet } from "./_setup.ts";

Deno.test("stats count polls, handled events, stores and queue depths", () =>
  withDevnet(async ({ open }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const a = await open(alice);
    const b = await open(bob);
    const before = await b.stats();
    assert.deepEqual(before, {
      polls: 0,
      pollFailures: 0,
      received: 0,
      sent: 0,
      sendFailures: 0,
      inbox: 0,
      outbox: 0,
    });
    let handled = 0;
    b.on("message", () => void handled++);
    await b.start();
    await a.send(bob.sessionId, "one");
    await a.send(bob.sessionId, "two");
    await until(() => handled === 2, 10_000, "both handled");
    await b.idle();
    const after = await b.stats();
    assert.ok(after.polls >= 1, `polls ${after.polls}`);
    assert.ok(after.lastPollAt! <= Date.now());
    assert.equal(after.received, 3, "first contact: a request event, then two messages");
    assert.equal(after.inbox, 0);
    const sender = await a.stats();
    assert.equal(sender.sent, 4, "two messages, each with its sync copy");
    assert.equal(sender.outbox, 0);
    assert.equal(sender.polls, 0, "a client that was never started does not poll");
  }));
