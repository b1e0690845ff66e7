/** Delivery guarantees: retries with backoff, dead letters, `event.tx`, restarts, history. */
import assert from "node:assert/strict";
import { ValidationError } from "../../../src/core/errors.ts";
import { ofType } from "./_fixtures.ts";
import { Identity, record, until, withDevnet } from "./_setup.ts";

Deno.test("a failing handler is retried with backoff, then dead-lettered; others go on", () =>
  withDevnet(async ({ open }) => {
    const [alice, carol, bob] = [Identity.generate(), Identity.generate(), Identity.generate()];
    const [a, c] = [await open(alice), await open(carol)];
    const b = await open(bob, { retry: { attempts: 3, backoffMs: [100, 200] } });
    const calls = new Map<string, number[]>();
    const handled: string[] = [];
    b.on("message", (e) => {
      const body = e.body ?? "";
      calls.set(body, [...calls.get(body) ?? [], Date.now()]);
      if (body === "boom") throw new Error("handler exploded");
      if (body === "flaky" && calls.get(body)!.length === 1) throw new Error("first try fails");
      if (body === "invalid") throw new ValidationError("cannot handle this", "bad", "body");
      e.tx.sum(["handled"], 1n);
      handled.push(body);
    });
    const errors = record(b, "error");
    await b.start();
    await a.send(bob.sessionId, "boom");
    await a.send(bob.sessionId, "after boom"); // same chat: waits for boom's retries
    await c.send(bob.sessionId, "flaky");
    await c.send(bob.sessionId, "invalid");
    await until(() => handled.length === 2 && errors.length === 2, 10_000, "all handled");
    await b.idle();

    const boom = calls.get("boom")!;
    assert.equal(boom.length, 3);
    assert.ok(boom[1] - boom[0] >= 75 && boom[2] - boom[1] >= 150, `backoff: ${boom}`);
    assert.equal(calls.get("flaky")!.length, 2);
    assert.equal(calls.get("invalid")!.length, 1, "a ValidationError is not retried");
    assert.deepEqual(handled.sort(), ["after boom", "flaky"]);
    assert.ok(calls.get("after boom")![0] >= boom[2], "a chat is handled in order");
    assert.deepEqual(ofType(errors, "error").map((e) => [e.code, e.deadLettered]), [
      ["handler_failed", true],
      ["handler_failed", true],
    ]);
    const letters = await b.deadLetters();
    assert.deepEqual(letters.map((l) => [l.code, l.attempts]).sort(), [
      ["handler_failed", 1],
      ["handler_failed", 3],
    ]);
    assert.ok(letters.some((l) => l.reason === "handler exploded"));
  }));

Deno.test("event.tx commits with the removal: exactly once, never for a failed try", () =>
  withDevnet(async ({ open }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const a = await open(alice);
    const kv = await Deno.openKv(":memory:");
    try {
      const b = await open(bob, { kv });
      let tries = 0;
      b.on("message", (e) => {
        e.tx.sum(["count", e.body!], 1n).set(["last"], e.body);
        if (e.body === "retry me" && ++tries === 1) throw new Error("once");
      });
      await b.start();
      for (const body of ["one", "retry me", "two"]) await a.send(bob.sessionId, body);
      await until(async () => (await kv.get(["last"])).value === "two", 10_000, "handled");
      await b.idle();
      const counts = await kv.getMany<Deno.KvU64[]>([["count", "one"], ["count", "retry me"], [
        "count",
        "two",
      ]]);
      assert.deepEqual(counts.map((c) => c.value?.value), [1n, 1n, 1n]);
      assert.equal(tries, 2);
    } finally {
      kv.close();
    }
  }));

Deno.test("restart: resumes exactly where it stopped (same KV), inbox entries survive", () =>
  withDevnet(async ({ open }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const a = await open(alice);
    const kv = await Deno.openKv(":memory:");
    try {
      const first = await open(bob, { kv, retry: { attempts: 5, backoffMs: [60_000] } });
      const seen1: string[] = [];
      first.on("message", (e) => {
        if (e.body === "stuck") throw new Error("not now");
        seen1.push(e.body!);
      });
      await first.start();
      await a.send(bob.sessionId, "m1");
      await a.send(bob.sessionId, "m2");
      await until(() => seen1.length === 2, 10_000, "m1, m2");
      await a.send(bob.sessionId, "stuck"); // fails once, then waits a minute: stays in the inbox
      await first.poll();
      await until(
        async () => (await first.deadLetters()).length === 0 && await inboxSize(kv) === 1,
        5000,
      );
      await first.stop();
      await a.send(bob.sessionId, "m3"); // while nobody listens
      await a.send(bob.sessionId, "m4");

      const second = await open(bob, { kv });
      const seen2: string[] = [];
      second.on("message", (e) => void seen2.push(e.body!));
      await second.start();
      await until(() => seen2.length === 3, 10_000, "stuck, m3, m4");
      await second.poll();
      await second.idle();
      assert.deepEqual(seen1, ["m1", "m2"]);
      assert.deepEqual(seen2, ["stuck", "m3", "m4"]);
      assert.equal(await inboxSize(kv), 0);
    } finally {
      kv.close();
    }
  }));

Deno.test("history: skipped on the first start unless asked, deliverable later", () =>
  withDevnet(async ({ open }) => {
    const [alice, bob] = [Identity.generate(), Identity.generate()];
    const a = await open(alice);
    await a.send(bob.sessionId, "old 1");
    await a.send(bob.sessionId, "old 2");
    const kv = await Deno.openKv(":memory:");
    try {
      const fresh = await open(bob, { kv });
      const seen: string[] = [];
      fresh.on("message", (e) => void seen.push(e.body!));
      await fresh.start();
      await a.send(bob.sessionId, "new");
      await until(() => seen.length === 1, 10_000, "new");
      await fresh.poll();
      await fresh.idle();
      assert.deepEqual(seen, ["new"]);
      await fresh.stop();

      // The same store asked for history later: only what it skipped comes now.
      const again = await open(bob, { kv, history: true });
      const later: string[] = [];
      again.on("message", (e) => void later.push(e.body!));
      await again.start();
      await again.idle();
      assert.deepEqual(later, ["old 1", "old 2"]);

      // Another device with history on a fresh store gets everything.
      const other = await open(bob, { history: true });
      const all: string[] = [];
      other.on("message", (e) => void all.push(e.body!));
      await other.start();
      await other.idle();
      assert.deepEqual(all, ["old 1", "old 2", "new"]);
    } finally {
      kv.close();
    }
  }));

async function inboxSize(kv: Deno.Kv): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix: ["inbox"] })) n++;
  return n;
}
