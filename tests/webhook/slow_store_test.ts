import assert from "node:assert/strict";
import { createWebhooks } from "../../src/webhook/mod.ts";
import { payload, startReceiver, until } from "./_receiver.ts";

/**
 * A store whose every read takes `step` ms of (simulated) time: what a slow disk does to the
 * worker's round (scan, claim, next-due read). The clock only moves when the store is used.
 */
function slowStore(kv: Deno.Kv, step: number) {
  let clock = Date.now();
  const store = new Proxy(kv, {
    get(target, name) {
      if (name === "list") {
        return (...args: Parameters<Deno.Kv["list"]>) => {
          clock += step;
          return target.list(...args);
        };
      }
      const value = Reflect.get(target, name);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store, now: () => clock };
}

Deno.test("worker: a retry that falls due between the worker's scan and its sleep is not skipped", async () => {
  // With a 20 ms retry and reads that take 1–25 ms, the retry often falls due after the scan
  // that would have started it but before the worker computes how long to sleep. It must go
  // out on the next round, not wait for the next wake-up (up to 30 s).
  for (let step = 1; step <= 25; step += 3) {
    await using receiver = await startReceiver((_, index) => index === 0 ? 503 : 200);
    const kv = await Deno.openKv(":memory:");
    const { store, now } = slowStore(kv, step);
    const webhooks = createWebhooks({ kv: store, now, random: () => 0.5, schedule: [20, 60_000] });
    try {
      const endpoint = await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true });
      receiver.secret = endpoint.secret;
      await webhooks.enqueue(payload(1));
      webhooks.start();
      await until(
        async () => (await webhooks.stats()).delivered === 1,
        `the retry with ${step} ms reads`,
        5_000,
      );
      assert.equal(receiver.received.length, 2, "one failure, one retry");
    } finally {
      await webhooks.stop();
      kv.close();
    }
  }
});
