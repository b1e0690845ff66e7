import assert from "node:assert/strict";
import { join } from "node:path";
import { createWebhooks } from "../../src/webhook/mod.ts";
import { payload, startReceiver, until } from "./_receiver.ts";

const ALICE = "05" + "a1".repeat(32);
const BOB = "05" + "b2".repeat(32);

Deno.test("restart: pending and failing deliveries resume from the KV file in a new worker", async () => {
  const dir = await Deno.makeTempDir({ prefix: "webhook-restart-" });
  const path = join(dir, "hooks.kv");
  try {
    // Process 1: the receiver fails; some events were never attempted (one conversation waits
    // behind its failing head), then the process goes away.
    await using receiver = await startReceiver(() => 503);
    let kv = await Deno.openKv(path);
    let webhooks = createWebhooks({ kv, schedule: [20, 60_000] });
    const endpoint = await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    for (let n = 0; n < 4; n++) await webhooks.enqueue(payload(n, n % 2 ? BOB : ALICE));
    webhooks.start();
    await until(async () => {
      const failed = await webhooks.deliveries({ status: "failed" });
      return failed.filter((d) => d.attempts === 2).length === 2;
    }, "both heads failed twice (next try in a minute)");
    await webhooks.stop();
    kv.close();
    // Enqueued while no worker runs: must not be lost either.
    kv = await Deno.openKv(path);
    const offline = createWebhooks({ kv });
    assert.equal(await offline.enqueue(payload(9, ALICE)), 1);
    kv.close();

    // Process 2: same file, a new worker, the receiver healthy. The failed heads are due in a
    // minute; an operator retries them now with redeliver.
    receiver.answer = () => 200;
    kv = await Deno.openKv(path);
    webhooks = createWebhooks({ kv, schedule: [20, 60_000] });
    try {
      assert.equal((await webhooks.stats()).pending, 5);
      webhooks.start();
      for (const failed of await webhooks.deliveries({ status: "failed" })) {
        const same = await webhooks.redeliver(failed.id);
        assert.equal(same.id, failed.id, "a failed delivery is retried in place");
      }
      await until(async () => (await webhooks.stats()).delivered === 5, "all five delivered");
      const order = (conversation: string) =>
        receiver.delivered().filter((r) => r.payload.conversation === conversation).map((r) =>
          r.payload.id
        );
      assert.deepEqual(order(ALICE), ["hash0:message", "hash2:message", "hash9:message"]);
      assert.deepEqual(order(BOB), ["hash1:message", "hash3:message"]);
      assert.ok(receiver.received.every((r) => r.verified));
      assert.equal((await webhooks.stats()).pending, 0);
    } finally {
      await webhooks.stop();
      kv.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("restart: stop aborts a request in flight; it is due again at once, not counted", async () => {
  const dir = await Deno.makeTempDir({ prefix: "webhook-lease-" });
  const path = join(dir, "hooks.kv");
  let hold: (() => void) | undefined;
  try {
    await using receiver = await startReceiver(() =>
      new Promise<number>((r) => hold = () => r(200))
    );
    let kv = await Deno.openKv(path);
    let webhooks = createWebhooks({ kv });
    const endpoint = await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    await webhooks.enqueue(payload(1));
    webhooks.start();
    await until(() => hold !== undefined, "the request in flight");
    // Stop = abort in flight: the claim is released and the delivery is due again at once.
    await webhooks.stop();
    hold!();
    kv.close();
    kv = await Deno.openKv(path);
    receiver.answer = () => 200;
    webhooks = createWebhooks({ kv });
    try {
      const [record] = await webhooks.deliveries();
      assert.equal(record.status, "pending");
      assert.equal(record.attempts, 0, "an aborted request does not count as an attempt");
      webhooks.start();
      await until(async () => (await webhooks.stats()).delivered === 1, "the delivery");
      assert.equal(receiver.received.at(-1)?.headers.get("webhook-id"), "hash1:message");
    } finally {
      await webhooks.stop();
      kv.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("restart: a delivery in flight when the process died is retried after its lease", async () => {
  const dir = await Deno.makeTempDir({ prefix: "webhook-crash-" });
  const path = join(dir, "hooks.kv");
  try {
    await using receiver = await startReceiver();
    const first = await Deno.openKv(path);
    const errors: unknown[] = [];
    const crashing = createWebhooks({
      kv: first,
      // The "process" dies mid-request: its store goes away before the result is written.
      fetch: () => {
        first.close();
        return Promise.reject(new Error("power cut"));
      },
      onError: (e) => void errors.push(e),
    });
    const endpoint = await crashing.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    await crashing.enqueue(payload(1));
    crashing.start();
    await until(() => errors.length > 0, "the crash");
    await crashing.stop();

    const kv = await Deno.openKv(path);
    let skew = 0;
    const webhooks = createWebhooks({ kv, now: () => Date.now() + skew });
    try {
      webhooks.start();
      assert.equal((await webhooks.stats()).pending, 1);
      assert.equal(receiver.received.length, 0, "the claim holds while its lease runs");
      skew = 10_000 + 30_000 + 1000; // timeout + lease margin later
      webhooks.start(); // idempotent
      // Another event (another conversation) wakes the worker, which finds the lease expired.
      await webhooks.enqueue(payload(2, "05" + "b2".repeat(32)));
      await until(async () => (await webhooks.stats()).delivered === 2, "the retried delivery");
      assert.deepEqual(receiver.delivered().map((r) => r.payload.id).sort(), [
        "hash1:message",
        "hash2:message",
      ]);
      assert.ok(receiver.received.every((r) => r.verified));
    } finally {
      await webhooks.stop();
      kv.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
