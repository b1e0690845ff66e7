import assert from "node:assert/strict";
import { createWebhooks } from "../../src/webhook/mod.ts";
import { createThrottle } from "../../src/webhook/throttle.ts";
import { payload, startReceiver, until } from "./_receiver.ts";

Deno.test("throttle: 429/502/503/504 halve the concurrency, successes add one back", () => {
  const t = createThrottle();
  assert.equal(t.limit("e", 8), 8);
  t.record("e", 8, { kind: "failed", status: 503, error: "" });
  assert.equal(t.limit("e", 8), 4);
  t.record("e", 8, { kind: "failed", status: 429, error: "" });
  t.record("e", 8, { kind: "failed", status: 504, error: "" });
  t.record("e", 8, { kind: "failed", status: 502, error: "" });
  assert.equal(t.limit("e", 8), 1, "never below one");
  t.record("e", 8, { kind: "failed", status: 500, error: "" });
  t.record("e", 8, { kind: "failed", error: "timed out" });
  assert.equal(t.limit("e", 8), 1, "other failures do not throttle");
  for (let i = 0; i < 3; i++) t.record("e", 8, { kind: "delivered", status: 200 });
  assert.equal(t.limit("e", 8), 4);
  for (let i = 0; i < 10; i++) t.record("e", 8, { kind: "delivered", status: 200 });
  assert.equal(t.limit("e", 8), 8, "back to full speed");
  assert.equal(t.limit("e", 2), 2, "a lowered maxConcurrency wins");
});

Deno.test("throttle: after 429s a receiver sees one request at a time, then more as it recovers", async () => {
  const kv = await Deno.openKv(":memory:");
  let throttled = false;
  let successes = 0;
  const excess: number[] = [];
  const held: ((status: number) => void)[] = [];
  await using receiver = await startReceiver(() => {
    // Once throttled to 1, at most 1 + (successes since) requests may be in flight.
    if (throttled && receiver.inFlight.now > 1 + successes) excess.push(receiver.inFlight.now);
    return new Promise<number>((r) => held.push(r));
  });
  const webhooks = createWebhooks({ kv, schedule: new Array(20).fill(0) });
  try {
    await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true, maxConcurrency: 4 });
    for (let c = 0; c < 8; c++) await webhooks.enqueue(payload(c, `05${String(c).repeat(64)}`));
    webhooks.start();
    await until(() => held.length === 4, "four requests in flight");
    held.splice(0).forEach((answer) => answer(429)); // 4 → 2 → 1 → 1 → 1
    throttled = true;
    while (successes < 8) {
      await until(() => held.length > 0, "a request");
      successes++;
      held.shift()!(200);
    }
    await until(async () => (await webhooks.stats()).delivered === 8, "all eight");
    assert.deepEqual(excess, []);
  } finally {
    held.forEach((answer) => answer(200));
    await webhooks.stop();
    kv.close();
  }
});
