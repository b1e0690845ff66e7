/** Disappearing messages (core §2.11): sending with a timer, honouring timers on receive. */
import assert from "node:assert/strict";
import { encodeDirectMessage } from "../../../src/client/codec/mod.ts";
import { ExpirationType } from "../../../src/proto/mod.ts";
import { ofType } from "./_fixtures.ts";
import { Identity, record, until, withDevnet } from "./_setup.ts";

Deno.test("after-send timers: TTL, expiresAt, swept from the swarm, expired ones not delivered", () =>
  withDevnet(async ({ open, net }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const a = await open(alice);
    const b = await open(bob);
    const [atA, atB] = [record(a), record(b)];
    await Promise.all([a.start(), b.start()]);

    // Already expired on arrival: sent a minute ago with a 5 s timer.
    const stale = encodeDirectMessage(alice, bob.sessionId, {
      dataMessage: { body: "too late" },
      expirationType: ExpirationType.DELETE_AFTER_SEND,
      expirationTimer: 5,
    }, { timestamp: Date.now() - 60_000 });
    await net.store(bob.sessionId, { data: stale.data, ttl: 60_000 });

    const long = await a.send(bob.sessionId, { body: "a minute", expiresInSeconds: 60 });
    const expiry = (await net.getExpiries(bob, [long.hash]))[long.hash];
    assert.ok(Math.abs(expiry - (long.timestamp + 60_000)) < 5000, "store TTL = the timer");
    const short = await a.send(bob.sessionId, { body: "two seconds", expiresInSeconds: 2 });
    await until(() => ofType(atB, "message").length === 2, 10_000, "two messages");
    const [first, second] = ofType(atB, "message");
    assert.deepEqual([first.body, first.expiration], ["a minute", {
      mode: "afterSend",
      seconds: 60,
      expiresAt: long.timestamp + 60_000,
    }]);
    assert.equal(second.expiration?.expiresAt, short.timestamp + 2000);
    assert.ok(!ofType(atB, "message").some((m) => m.body === "too late"));

    // Honoured: once the 2 s are up, bob's copy leaves his swarm (the swarm TTL is 10 s).
    await until(
      async () => !(await net.retrieve(bob)).messages.some((m) => m.hash === short.hash),
      8000,
      "swept",
    );
    assert.ok((await net.retrieve(bob)).messages.some((m) => m.hash === long.hash));

    // Bob adopted alice's timer: his reply disappears too.
    await b.send(alice.sessionId, "reply");
    const reply = await until(() => ofType(atA, "message")[0], 10_000, "reply");
    assert.equal(reply.expiration?.seconds, 2);
    await b.send(alice.sessionId, { body: "timer off", expiresInSeconds: 0 });
    await until(() => ofType(atA, "message").length === 2, 10_000, "second reply");
    assert.equal(ofType(atA, "message")[1].expiration, undefined);
  }));

Deno.test("after-read timers start when the message is marked read", () =>
  withDevnet(async ({ open, net }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const a = await open(alice);
    const b = await open(bob);
    const atB = record(b, "message");
    await b.start();
    const sent = await a.send(bob.sessionId, {
      body: "read me",
      expiresInSeconds: 30,
      expirationMode: "afterRead",
    });
    const got = await until(() => ofType(atB, "message")[0], 10_000, "message");
    assert.deepEqual(got.expiration, { mode: "afterRead", seconds: 30 });
    const before = (await net.getExpiries(bob, [sent.hash]))[sent.hash];
    assert.ok(before > Date.now() + 13 * 86_400_000, "unread: the default 14 days");
    await b.markRead(alice.sessionId, [sent.timestamp]);
    const after = (await net.getExpiries(bob, [sent.hash]))[sent.hash];
    assert.ok(after <= Date.now() + 31_000 && after > Date.now() + 20_000, "shortened to 30 s");
  }));
