import assert from "node:assert/strict";
import { createWebhooks, USER_AGENT } from "../../src/webhook/mod.ts";
import { payload, startReceiver, until, withWebhooks } from "./_receiver.ts";

const ALICE = "05" + "a1".repeat(32);
const BOB = "05" + "b2".repeat(32);

Deno.test("deliver: signed JSON POSTs that an independent verifier accepts; log and stats", async () => {
  const kv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver();
  const webhooks = createWebhooks({ kv, schedule: [50] });
  try {
    const endpoint = await webhooks.endpoints.add({
      url: receiver.url + "?token=s3cret-query",
      allowPrivate: true,
      events: ["message", "reaction"],
      description: "local receiver",
    });
    receiver.secret = endpoint.secret;
    assert.match(endpoint.secret, /^whsec_/);
    assert.equal(endpoint.maxConcurrency, 4);
    assert.equal(endpoint.timeoutMs, 10_000);
    const events = [payload(1, ALICE), payload(2, BOB, "reaction"), payload(3, ALICE)];
    for (const event of events) assert.equal(await webhooks.enqueue(event), 1);
    assert.equal(await webhooks.enqueue(payload(4, ALICE, "typing")), 0, "filtered out by type");
    assert.equal(await webhooks.enqueue(payload(1, ALICE)), 0, "the same event id is sent once");
    assert.equal((await webhooks.stats()).pending, 3);
    webhooks.start();
    await until(() => receiver.delivered().length === 3, "three deliveries");
    await until(async () => (await webhooks.stats()).delivered === 3, "the records");
    for (const got of receiver.received) {
      assert.ok(got.verified, got.verifyError);
      assert.equal(got.headers.get("content-type"), "application/json");
      assert.equal(got.headers.get("user-agent"), USER_AGENT);
      assert.equal(got.headers.get("webhook-id"), got.payload.id, "webhook-id = event id");
      assert.equal(got.headers.get("x-sessionbot-event"), got.payload.type);
      const original = events.find((e) => e.id === got.payload.id);
      assert.equal(got.body, JSON.stringify(original), "the exact payload JSON");
    }
    const aliceOrder = receiver.received.filter((r) => r.payload.conversation === ALICE)
      .map((r) => r.payload.id);
    assert.deepEqual(aliceOrder, ["hash1:message", "hash3:message"]);

    const log = await webhooks.deliveries({ endpointId: endpoint.id });
    assert.equal(log.length, 3);
    assert.deepEqual(log.map((d) => d.eventId), [
      "hash3:message",
      "hash2:reaction",
      "hash1:message",
    ]);
    for (const record of log) {
      assert.equal(record.status, "delivered");
      assert.equal(record.attempts, 1);
      assert.equal(record.lastStatus, 200);
      assert.ok(record.deliveredAt! >= record.createdAt);
      assert.ok(!("seq" in record) && !("lane" in record), "internal fields stay inside");
    }
    assert.equal((await webhooks.deliveries({ status: "delivered", limit: 2 })).length, 2);
    assert.deepEqual(await webhooks.deliveries({ status: "dead" }), []);
    assert.deepEqual(await webhooks.stats(), {
      delivered: 3,
      failed: 0,
      dead: 0,
      pending: 0,
      disabled: 0,
    });
  } finally {
    await webhooks.stop();
    kv.close();
  }
});

Deno.test("deliver: non-2xx, redirects and timeouts are retried; errors keep the query out", async () => {
  const kv = await Deno.openKv(":memory:");
  let release: (() => void) | undefined;
  await using receiver = await startReceiver((_request, index) => {
    if (index === 0) return 500;
    if (index === 1) return 404; // 4xx other than 410 is retried too (Standard Webhooks, Svix)
    if (index === 2) return new Promise<number>((r) => release = () => r(200)); // times out
    return 200;
  });
  const webhooks = createWebhooks({ kv, schedule: [10, 10, 10, 10], random: () => 0.5 });
  try {
    const endpoint = await webhooks.endpoints.add({
      url: receiver.url + "?token=s3cret-query",
      allowPrivate: true,
      timeoutMs: 100,
    });
    receiver.secret = endpoint.secret;
    await webhooks.enqueue(payload(1));
    webhooks.start();
    await until(() => receiver.delivered().length === 1, "the delivery");
    release?.();
    const [record] = await until(async () => {
      const list = await webhooks.deliveries({ status: "delivered" });
      return list.length ? list : undefined;
    }, "the record");
    assert.equal(record.attempts, 4);
    assert.equal(record.lastStatus, 200);
    const ids = new Set(receiver.received.map((r) => r.headers.get("webhook-id")));
    assert.deepEqual([...ids], ["hash1:message"], "retries keep the webhook-id");
    assert.ok(receiver.received.every((r) => r.verified), "every attempt is freshly signed");
    assert.deepEqual(
      receiver.received.map((r) => r.headers.get("x-sessionbot-attempt")),
      ["1", "2", "3", "4"],
    );
    assert.equal((await webhooks.stats()).failed, 3);
  } finally {
    await webhooks.stop();
    kv.close();
  }
});

Deno.test("deliver: a redirect is a failure (not followed) and the error names no secret", async () => {
  const kv = await Deno.openKv(":memory:");
  const redirector = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () =>
      new Response(null, {
        status: 307,
        headers: { location: "http://169.254.169.254/latest?x=1" },
      }),
  );
  const webhooks = createWebhooks({ kv, schedule: [60_000] });
  try {
    await webhooks.endpoints.add({
      url: `http://127.0.0.1:${redirector.addr.port}/hook?token=s3cret-query`,
      allowPrivate: true,
    });
    await webhooks.enqueue(payload(1));
    webhooks.start();
    const [record] = await until(async () => {
      const list = await webhooks.deliveries({ status: "failed" });
      return list.length ? list : undefined;
    }, "the failed attempt");
    assert.equal(record.lastStatus, 307);
    assert.match(
      record.lastError ?? "",
      /redirect to http:\/\/169\.254\.169\.254\/latest not followed/,
    );
    assert.ok(record.nextAttemptAt! > Date.now() + 30_000);
  } finally {
    await webhooks.stop();
    await redirector.shutdown();
    kv.close();
  }
});

Deno.test("deliver: connection errors are recorded without the URL's query", async () => {
  const kv = await Deno.openKv(":memory:");
  const closed = await startReceiver();
  const url = closed.url + "?token=s3cret-query";
  await closed.close(); // nothing listens there now
  const webhooks = createWebhooks({ kv, schedule: [60_000] });
  try {
    await webhooks.endpoints.add({ url, allowPrivate: true });
    await webhooks.enqueue(payload(1));
    webhooks.start();
    const [record] = await until(async () => {
      const list = await webhooks.deliveries({ status: "failed" });
      return list.length ? list : undefined;
    }, "the failed attempt");
    assert.match(record.lastError ?? "", /request failed/);
    assert.ok(!record.lastError?.includes("s3cret"), record.lastError);
  } finally {
    await webhooks.stop();
    kv.close();
  }
});

Deno.test("deliver: maxConcurrency bounds requests in flight per endpoint", async () => {
  const kv = await Deno.openKv(":memory:");
  const held: (() => void)[] = [];
  await using receiver = await startReceiver(() =>
    new Promise<number>((r) => held.push(() => r(200)))
  );
  const webhooks = createWebhooks({ kv });
  try {
    const endpoint = await webhooks.endpoints.add({
      url: receiver.url,
      allowPrivate: true,
      maxConcurrency: 2,
    });
    receiver.secret = endpoint.secret;
    for (let c = 0; c < 6; c++) await webhooks.enqueue(payload(c, `05${String(c).repeat(64)}`));
    webhooks.start();
    let answered = 0;
    while (answered < 6) {
      await until(() => held.length > 0, "a held request");
      held.shift()!();
      answered++;
    }
    await until(async () => (await webhooks.stats()).delivered === 6, "all six");
    assert.equal(receiver.inFlight.max, 2);
  } finally {
    held.forEach((r) => r());
    await webhooks.stop();
    kv.close();
  }
});

Deno.test("redeliver: a delivered event is sent again with the same webhook-id", () =>
  withWebhooks(async ({ receiver, webhooks }) => {
    const endpoint = await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    await webhooks.enqueue(payload(7));
    webhooks.start();
    await until(async () => (await webhooks.stats()).delivered === 1, "the first delivery");
    const [first] = await webhooks.deliveries();
    const again = await webhooks.redeliver(first.id);
    assert.notEqual(again.id, first.id);
    assert.equal(again.redeliveryOf, first.id);
    assert.equal(again.status, "pending");
    await until(() => receiver.delivered().length === 2, "the redelivery");
    assert.deepEqual(
      receiver.received.map((r) => r.headers.get("webhook-id")),
      ["hash7:message", "hash7:message"],
    );
    assert.ok(receiver.received.every((r) => r.verified));
    await assert.rejects(webhooks.redeliver("dlv_nope"), /no delivery 'dlv_nope'/);
  }));

Deno.test("deliver: large bodies are stored in chunks and sent byte for byte; ids with dots are hashed", () =>
  withWebhooks(async ({ receiver, webhooks }) => {
    const endpoint = await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    const big = { ...payload(1), body: "ü✓".repeat(30_000) }; // 60 000 UTF-16 units: 3 chunks
    const dotted = { ...payload(2), id: "a.b.c:message" };
    await webhooks.enqueue(big);
    await webhooks.enqueue(dotted);
    await assert.rejects(
      webhooks.enqueue({ ...payload(3), body: "x".repeat(200_001) }),
      /at most/,
    );
    webhooks.start();
    await until(async () => (await webhooks.stats()).delivered === 2, "both");
    const [first, second] = receiver.delivered();
    assert.equal(first.body, JSON.stringify(big));
    assert.ok(first.verified, first.verifyError);
    assert.match(second.headers.get("webhook-id") ?? "", /^msg_[A-Za-z0-9_-]{32}$/);
    assert.ok(second.verified, second.verifyError);
    // the log keeps the big body for redelivery
    const [record] = await webhooks.deliveries({ endpointId: endpoint.id, limit: 1 });
    assert.equal(record.eventId, "a.b.c:message");
    const bigRecord = (await webhooks.deliveries()).find((d) => d.eventId === big.id)!;
    await webhooks.redeliver(bigRecord.id);
    await until(() => receiver.delivered().length === 3, "the redelivery");
    assert.equal(receiver.delivered()[2].body, JSON.stringify(big));
  }));
