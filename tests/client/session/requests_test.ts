/** Message requests (extended.md §6) and the block list. */
import assert from "node:assert/strict";
import { ofType } from "./_fixtures.ts";
import { Identity, record, until, withDevnet } from "./_setup.ts";

Deno.test("message requests: first contact, accept, decline, and replying accepts", () =>
  withDevnet(async ({ open }) => {
    const [alice, bob, carol] = [Identity.generate(), Identity.generate(), Identity.generate()];
    const a = await open(alice, { displayName: "Alice" });
    const b = await open(bob, { displayName: "Bob" });
    const c = await open(carol);
    const [atA, atB, atC] = [record(a), record(b), record(c)];
    await Promise.all([a.start(), b.start(), c.start()]);

    await a.send(bob.sessionId, "one");
    await a.send(bob.sessionId, "two");
    await until(() => ofType(atB, "message").length === 2, 10_000, "two messages");
    const requests = ofType(atB, "request");
    assert.equal(requests.length, 1, "one request per first contact");
    assert.deepEqual([requests[0].from, requests[0].body, requests[0].profile?.displayName], [
      alice.sessionId,
      "one",
      "Alice",
    ]);
    assert.deepEqual(ofType(atB, "message").map((m) => m.request), [true, true]);
    assert.deepEqual((await b.requests()).map((r) => r.id), [alice.sessionId]);

    // Accepting sends a MessageRequestResponse with bob's profile.
    await b.acceptRequest(alice.sessionId);
    const accepted = await until(() => ofType(atA, "requestAccepted")[0], 10_000, "accepted");
    assert.deepEqual([accepted.from, accepted.profile?.displayName], [bob.sessionId, "Bob"]);
    assert.deepEqual(await b.requests(), []);
    assert.equal((await a.contact(bob.sessionId)).approvedMe, true);
    await a.send(bob.sessionId, "three");
    await until(() => ofType(atB, "message").length === 3, 10_000, "third");
    assert.equal(ofType(atB, "message")[2].request, false);

    // Declining forgets the request; the next message opens a new one.
    await c.send(bob.sessionId, "spam?");
    await until(() => ofType(atB, "request").length === 2, 10_000, "carol's request");
    await b.declineRequest(carol.sessionId);
    assert.deepEqual(await b.requests(), []);
    await c.send(bob.sessionId, "again");
    await until(() => ofType(atB, "request").length === 3, 10_000, "carol's second request");

    // Replying to a pending request accepts it first (desktop's flow).
    await b.send(carol.sessionId, "ok, hi");
    const carolSees = await until(
      () => ofType(atC, "requestAccepted")[0],
      10_000,
      "carol accepted",
    );
    assert.equal(carolSees.from, bob.sessionId);
    assert.equal((await b.contact(carol.sessionId)).approved, true);
    // Carol never gets a request from bob: she wrote first.
    assert.deepEqual(ofType(atC, "request"), []);
  }));

Deno.test("block list: a blocked peer's messages are dropped until unblocked", () =>
  withDevnet(async ({ open }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const a = await open(alice);
    const b = await open(bob);
    const atB = record(b);
    await b.start();
    await b.block(alice.sessionId);
    assert.deepEqual(await b.blocked(), [alice.sessionId]);
    await a.send(bob.sessionId, "you cannot see this");
    await a.typing(bob.sessionId);
    await b.poll();
    await b.idle();
    assert.deepEqual(atB, [], "nothing from a blocked peer");
    await b.unblock(alice.sessionId);
    assert.deepEqual(await b.blocked(), []);
    await a.send(bob.sessionId, "now you can");
    const got = await until(() => ofType(atB, "message")[0], 10_000, "message after unblock");
    assert.equal(got.body, "now you can");
    assert.equal(ofType(atB, "message").length, 1);
    assert.deepEqual(await b.deadLetters(), [], "dropped on purpose, not dead letters");
  }));
