import assert from "node:assert/strict";
import { createWebhooks } from "../../src/webhook/mod.ts";
import { payload, type Received, startReceiver, until } from "./_receiver.ts";

const conversations = ["a", "b", "c", "d"].map((c) => "05" + c.repeat(64));

/** Every request for a conversation was for its next undelivered event (never ahead). */
function assertInOrder(received: Received[], expected: Map<string, string[]>): void {
  for (const [conversation, ids] of expected) {
    let next = 0;
    for (const r of received.filter((r) => r.payload.conversation === conversation)) {
      assert.equal(r.payload.id, ids[next], `${conversation.slice(0, 4)}: request out of order`);
      if (r.status >= 200 && r.status < 300) next++;
    }
    assert.equal(next, ids.length, "all delivered");
  }
}

Deno.test("outage: receiver down, then up — every event delivered, in order per conversation, none lost", async () => {
  const kv = await Deno.openKv(":memory:");
  const probe = await startReceiver();
  const port = probe.port;
  await probe.close(); // the receiver is down
  const webhooks = createWebhooks({ kv, schedule: new Array(200).fill(25) });
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  try {
    const endpoint = await webhooks.endpoints.add({
      url: `http://127.0.0.1:${port}/hook`,
      allowPrivate: true,
      maxConcurrency: 3,
    });
    const expected = new Map<string, string[]>(conversations.map((c) => [c, []]));
    for (let n = 0; n < 24; n++) {
      const conversation = conversations[(n * 7) % 4];
      const event = payload(n, conversation);
      expected.get(conversation)!.push(event.id);
      assert.equal(await webhooks.enqueue(event), 1);
    }
    webhooks.start();
    // Wait until every conversation's first event failed twice while the receiver was down.
    await until(async () => {
      const failed = await webhooks.deliveries({ status: "failed" });
      return failed.filter((d) => d.attempts >= 2).length === 4;
    }, "failed attempts while down");
    const failedSoFar = await webhooks.deliveries({ status: "failed" });
    assert.ok(failedSoFar.every((d) => /request failed/.test(d.lastError ?? "")));
    assert.equal((await webhooks.stats()).delivered, 0);

    // Up again, and flaky: the first try of each event gets a 503.
    const tried = new Set<string>();
    receiver = await startReceiver((r) => {
      if (tried.has(r.payload.id)) return 200;
      tried.add(r.payload.id);
      return 503;
    }, port);
    receiver.secret = endpoint.secret;
    await until(async () => (await webhooks.stats()).delivered === 24, "24 deliveries", 20_000);

    const delivered = receiver.delivered().map((r) => r.payload.id).sort();
    assert.deepEqual(delivered, [...expected.values()].flat().sort(), "each event exactly once");
    assertInOrder(receiver.received, expected);
    assert.ok(receiver.received.every((r) => r.verified));
    assert.ok(receiver.inFlight.max <= 3);
    const stats = await webhooks.stats();
    assert.equal(stats.pending, 0);
    assert.equal(stats.dead, 0);
    assert.ok(stats.failed >= 24 + 8, "503s and down-time failures were counted");
  } finally {
    await webhooks.stop();
    await receiver?.close();
    kv.close();
  }
});

Deno.test("outage: an exhausted schedule dead-letters, and the conversation moves on", async () => {
  const kv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver((r) => r.payload.id === "hash1:message" ? 500 : 200);
  const webhooks = createWebhooks({ kv, schedule: [5, 5] });
  try {
    const endpoint = await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    await webhooks.enqueue(payload(1));
    await webhooks.enqueue(payload(2));
    webhooks.start();
    await until(() => receiver.delivered().length === 1, "the second event");
    const [dead] = await webhooks.deliveries({ status: "dead" });
    assert.equal(dead.eventId, "hash1:message");
    assert.equal(dead.attempts, 3);
    assert.match(dead.lastError ?? "", /HTTP 500: nope \(gave up after 3 attempts\)/);
    assert.deepEqual(
      receiver.received.map((r) => r.payload.id),
      ["hash1:message", "hash1:message", "hash1:message", "hash2:message"],
    );
    // manual redelivery brings the dead one back
    receiver.answer = () => 200;
    await webhooks.redeliver(dead.id);
    await until(async () => (await webhooks.stats()).delivered === 2, "the redelivery");
    assert.equal(receiver.delivered().length, 2);
    const stats = await webhooks.stats();
    assert.deepEqual(
      [stats.delivered, stats.dead, stats.failed, stats.pending],
      [2, 1, 3, 0],
    );
  } finally {
    await webhooks.stop();
    kv.close();
  }
});
