/** Redelivering incoming dead letters and resending outgoing ones once the cause is fixed. */
import assert from "node:assert/strict";
import { SessionBotError, ValidationError } from "../../../src/core/errors.ts";
import type { SessionEvent } from "../../../src/client/session/mod.ts";
import { fromBase64 } from "../../../src/core/bytes.ts";
import { messageHash } from "../../../src/client/network/message_hash.ts";
import { createInbox } from "../../../src/client/session/inbox.ts";
import { redeliverLetter } from "../../../src/client/session/redeliver.ts";
import { Identity, until, withDevnet } from "./_setup.ts";

const code = (want: string) => (e: unknown) =>
  e instanceof SessionBotError && e.code === want || assert.fail(`expected ${want}, got ${e}`);

Deno.test("redeliver: a fixed handler gets the dead letter once; no poll conflict", () =>
  withDevnet(async ({ open }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const a = await open(alice);
    const b = await open(bob, { retry: { attempts: 2, backoffMs: [20] } });
    let fixed = false;
    const ids: string[] = [];
    const handled: string[] = [];
    b.on("message", (e) => {
      ids.push(e.id);
      if (!fixed && e.body === "needs fix") throw new Error("bug in the handler");
      handled.push(e.body ?? "");
    });
    const errors: SessionEvent[] = [];
    b.on("error", (e) => void errors.push(e));
    await b.start();
    await a.send(bob.sessionId, "needs fix");
    const [letter] = (await until(() => b.deadLetters().then((l) => l.length ? l : undefined)))!;
    await b.idle();
    assert.deepEqual([letter.box, letter.code, letter.attempts], ["in", "handler_failed", 2]);
    assert.ok(letter.data, "a small message is kept");
    const before = (await b.stats()).received;

    fixed = true;
    await b.redeliver(letter);
    await until(() => handled.length === 1, 10_000, "redelivered");
    await a.send(bob.sessionId, "later"); // polling goes on with the moved poll state
    await until(() => handled.length === 2, 10_000, "later message");
    await b.poll();
    await b.idle();

    assert.deepEqual(handled, ["needs fix", "later"]);
    assert.equal(new Set(ids.slice(0, 3)).size, 1, "same event.id on every try");
    assert.deepEqual(await b.deadLetters(), []);
    assert.equal((await b.stats()).received, before + 2);
    assert.deepEqual(errors.map((e) => e.type === "error" && e.code), ["handler_failed"]);
    assert.equal((await b.stats()).pollFailures, 0);

    await assert.rejects(b.redeliver(letter), code("not_found"));
    await assert.rejects(b.redeliver(letter.id), code("not_found"));
    await assert.rejects(b.redeliver("no-such-letter"), code("not_found"));
    await assert.rejects(b.redeliver(""), code("invalid_letter"));
    await assert.rejects(b.redeliver(42 as unknown as string), code("invalid_letter"));
    await assert.rejects(b.redeliver({ ...letter, box: "out" }), code("wrong_box"));
    await assert.rejects(b.resend(letter), code("wrong_box"));
    await assert.rejects(b.resend("123"), code("not_found"));
  }));

Deno.test("redeliver refuses letters without data, unusable community letters, and a stopped client", () =>
  withDevnet(async ({ open }) => {
    const bob = Identity.generate();
    const kv = await Deno.openKv(":memory:");
    try {
      const b = await open(bob, { kv });
      const letter = (id: string) => ({
        box: "in",
        id,
        code: "handler_failed",
        reason: "x",
        attempts: 3,
        at: Date.now(),
      });
      await kv.set(["dead", bob.sessionId, "in", "bigHash"], letter("bigHash"));
      // Community letters go to the community inbox: refused only when they cannot be used.
      const dm = "http://127.0.0.1:4000/inbox/7";
      await kv.set(["dead", bob.sessionId, "in", dm], { ...letter(dm), data: "{}" });
      const post = "http://127.0.0.1:4000/lobby#3";
      await kv.set(["dead", bob.sessionId, "in", post], letter(post));
      await assert.rejects(b.redeliver("bigHash"), (e) => {
        assert.ok(e instanceof ValidationError && e.code === "no_data", String(e));
        assert.match(e.message, /too large to keep/);
        return true;
      });
      await assert.rejects(b.redeliver(dm), code("bad_data"));
      await assert.rejects(b.redeliver(post), code("no_data"));
      // The 1:1 path alone still refuses them: they belong to the community counter.
      await assert.rejects(redeliverLetter(kv, bob.sessionId, post), code("community_letter"));
      assert.equal((await b.deadLetters()).length, 3, "refusals change nothing");
      await b.stop();
      await assert.rejects(b.redeliver("bigHash"), code("stopped"));
      await assert.rejects(b.resend("1"), code("stopped"));
    } finally {
      kv.close();
    }
  }));

Deno.test("redeliver before start: handled once the client starts", () =>
  withDevnet(async ({ open }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const kv = await Deno.openKv(":memory:");
    try {
      const a = await open(alice);
      const first = await open(bob, { kv, retry: { attempts: 1, backoffMs: [20] } });
      first.on("message", () => {
        throw new Error("bug");
      });
      await first.start();
      await a.send(bob.sessionId, "again");
      await until(() => first.deadLetters().then((l) => l.length > 0), 10_000, "dead letter");
      await first.stop();

      const b = await open(bob, { kv });
      const got: string[] = [];
      b.on("message", (e) => void got.push(e.body ?? ""));
      const [letter] = await b.deadLetters();
      await b.redeliver(letter.id);
      await b.start();
      await until(() => got.length === 1, 10_000, "handled after start");
      await b.idle();
      assert.deepEqual(got, ["again"]);
      assert.equal((await b.stats()).pollFailures, 0);
    } finally {
      kv.close();
    }
  }));

Deno.test("resend: a send dead-lettered under a refusal reaches the peer once when resent", () =>
  withDevnet(async ({ devnet, net, open }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const a = await open(alice);
    const b = await open(bob);
    const got: { id: string; body?: string; timestamp: number }[] = [];
    b.on("message", (e) => void got.push({ id: e.id, body: e.body, timestamp: e.timestamp }));
    await b.start();

    devnet.faults.refuseStore(400);
    await assert.rejects(a.send(bob.sessionId, "second chance"), code("bad_request"));
    const [letter] = await a.deadLetters();
    assert.deepEqual([letter.box, letter.to, letter.kind], ["out", bob.sessionId, "message"]);
    assert.ok(letter.data && letter.own, "both copies kept");
    devnet.faults.acceptStore();

    const result = await a.resend(letter);
    assert.equal(result.timestamp, letter.timestamp);
    assert.deepEqual(await a.deadLetters(), []);
    await until(() => got.length === 1, 10_000, "received");
    await b.poll();
    await b.idle();
    assert.deepEqual(got, [{
      id: result.hash,
      body: "second chance",
      timestamp: letter.timestamp,
    }]);
    await assert.rejects(a.resend(letter), code("not_found"));
    const own = await net.retrieve(alice, { namespace: 0 });
    const syncHash = messageHash(alice.sessionId, 0, fromBase64(letter.own!));
    assert.ok(own.messages.some((m) => m.hash === syncHash), "the kept sync copy was stored too");
  }));

Deno.test("redeliver takes the next inbox number: queued entries keep their order before it", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const sid = Identity.generate().sessionId;
    const queued = (hash: string) => ({ hash, data: "AA", parts: 0, timestamp: 1, expiration: 2 });
    await kv.set(["poll", sid], { seq: 5, node: "n1", baselined: true });
    await kv.set(["inbox", sid, 3], queued("h3"));
    await kv.set(["inbox", sid, 4], { ...queued("h4"), attempts: 1 });
    const long = "A".repeat(59_000); // the largest a dead letter keeps
    await kv.set(["dead", sid, "in", "h1"], {
      box: "in",
      id: "h1",
      code: "handler_failed",
      reason: "x",
      attempts: 3,
      at: Date.now(),
      data: long,
    });
    assert.equal(await redeliverLetter(kv, sid, "h1"), 5);
    const inbox = await Array.fromAsync(kv.list({ prefix: ["inbox", sid] }));
    assert.deepEqual(inbox.map((e) => [e.key[2], (e.value as { hash: string }).hash]), [
      [3, "h3"],
      [4, "h4"],
      [5, "h1"],
    ]);
    assert.equal((inbox[2].value as { attempts?: number }).attempts, undefined, "fresh count");
    const [entry] = await createInbox(kv, sid).list(5, 1);
    assert.equal(entry.data, long);
    assert.deepEqual((await kv.get(["poll", sid])).value, { seq: 6, node: "n1", baselined: true });
    assert.equal((await kv.get(["dead", sid, "in", "h1"])).value, null);
  } finally {
    kv.close();
  }
});
