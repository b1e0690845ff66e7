import assert from "node:assert/strict";
import { createTx } from "../../src/client/session/tx.ts";
import { createWebhooks } from "../../src/webhook/mod.ts";
import { payload, startReceiver, until, withWebhooks } from "./_receiver.ts";

Deno.test("tx: deliveries written through an inbox transaction exist only once it commits", () =>
  withWebhooks(async ({ kv, receiver, webhooks }) => {
    const endpoint = await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    webhooks.start();
    // A handler that failed: its recorded ops are never committed — nothing is sent.
    const failed = createTx();
    assert.equal(await webhooks.enqueue(payload(1), { tx: failed.tx }), 1);
    assert.deepEqual(await webhooks.deliveries(), []);
    // The retry succeeds and the inbox commits its ops with the removal of the event.
    const handled = createTx();
    assert.equal(await webhooks.enqueue(payload(1), { tx: handled.tx }), 1);
    const atomic = kv.atomic().set(["inbox-removal-stand-in"], true);
    for (const op of handled.ops) op(atomic);
    assert.ok((await atomic.commit()).ok);
    // The worker learns of it through the watched wake key (no in-process call).
    await until(() => receiver.delivered().length === 1, "the delivery");
    assert.equal(receiver.received[0].headers.get("webhook-id"), "hash1:message");
    assert.ok(receiver.received[0].verified);
    const [record] = await until(async () => {
      const list = await webhooks.deliveries({ status: "delivered" });
      return list.length ? list : undefined;
    }, "the record");
    assert.equal(record.eventId, "hash1:message");
    // The event handled again later (say, a crash after the commit was lost): sent once.
    assert.equal(await webhooks.enqueue(payload(1), { tx: createTx().tx }), 0);
  }));

Deno.test("tx: a second Webhooks on the same store (another process) is woken by the commit", async () => {
  const kv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver();
  const producer = createWebhooks({ kv });
  const worker = createWebhooks({ kv });
  try {
    await producer.endpoints.add({ url: receiver.url, allowPrivate: true });
    worker.start();
    await new Promise((r) => setTimeout(r, 20)); // let the worker reach its sleep
    for (let n = 0; n < 5; n++) await producer.enqueue(payload(n));
    await until(() => receiver.delivered().length === 5, "five deliveries");
    assert.deepEqual(
      receiver.delivered().map((r) => r.payload.id),
      [0, 1, 2, 3, 4].map((n) => `hash${n}:message`),
    );
  } finally {
    await worker.stop();
    kv.close();
  }
});

Deno.test("workers: two workers on one store send each delivery once, in order per conversation", async () => {
  const kv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver();
  const one = createWebhooks({ kv });
  const two = createWebhooks({ kv });
  try {
    const endpoint = await one.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    one.start();
    two.start();
    const conversations = ["05" + "e1".repeat(32), "05" + "e2".repeat(32), "05" + "e3".repeat(32)];
    for (let n = 0; n < 30; n++) {
      await (n % 2 ? one : two).enqueue(payload(n, conversations[n % 3]));
    }
    await until(async () => (await one.stats()).delivered === 30, "thirty deliveries");
    const ids = receiver.received.map((r) => r.payload.id);
    assert.equal(new Set(ids).size, 30);
    assert.equal(ids.length, 30, "no delivery sent twice");
    for (const c of conversations) {
      const order = receiver.received.filter((r) => r.payload.conversation === c)
        .map((r) => Number(r.payload.id.slice(4).split(":")[0]));
      assert.deepEqual(order, [...order].sort((a, b) => a - b));
    }
  } finally {
    await one.stop();
    await two.stop();
    kv.close();
  }
});
