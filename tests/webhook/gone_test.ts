import assert from "node:assert/strict";
import { ValidationError } from "../../src/core/errors.ts";
import { createWebhooks } from "../../src/webhook/mod.ts";
import { payload, startReceiver, until } from "./_receiver.ts";

Deno.test("410 Gone disables the endpoint with the reason; later events skip it", async () => {
  const kv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver(() => 410);
  await using other = await startReceiver();
  const webhooks = createWebhooks({ kv, schedule: [5, 5, 5] });
  try {
    const gone = await webhooks.endpoints.add({ url: receiver.url, allowPrivate: true });
    const kept = await webhooks.endpoints.add({ url: other.url, allowPrivate: true });
    other.secret = kept.secret;
    assert.equal(await webhooks.enqueue(payload(1)), 2);
    assert.equal(await webhooks.enqueue(payload(2)), 2);
    webhooks.start();
    await until(async () => !(await webhooks.endpoints.get(gone.id))?.enabled, "the disable");
    await until(async () => (await webhooks.stats()).pending === 0, "both queues drained");
    const endpoint = (await webhooks.endpoints.get(gone.id))!;
    assert.match(endpoint.disabledReason ?? "", /410 Gone/);
    assert.equal(receiver.received.length, 1, "one request, then no more");
    const dead = await webhooks.deliveries({ endpointId: gone.id });
    assert.deepEqual(dead.map((d) => [d.eventId, d.status]), [
      ["hash2:message", "dead"],
      ["hash1:message", "dead"],
    ]);
    assert.equal(dead[1].lastStatus, 410);
    assert.match(dead[0].lastError ?? "", /endpoint disabled: the receiver answered 410 Gone/);
    assert.equal(dead[0].attempts, 0, "never attempted");
    assert.equal(other.delivered().length, 2, "the other endpoint is unaffected");

    assert.equal(await webhooks.enqueue(payload(3)), 1, "only the enabled endpoint");
    const stats = await webhooks.stats();
    assert.equal(stats.disabled, 1);
    await assert.rejects(
      webhooks.redeliver(dead[1].id),
      (e: ValidationError) => e.code === "endpoint_disabled",
    );
    // re-enabled by hand: the reason goes, redelivery works
    receiver.answer = () => 204;
    const enabled = await webhooks.endpoints.update(gone.id, { enabled: true });
    assert.equal(enabled.disabledReason, undefined);
    await webhooks.redeliver(dead[1].id);
    await until(() => receiver.delivered().length === 1, "the redelivery");
  } finally {
    await webhooks.stop();
    kv.close();
  }
});

Deno.test("endpoints: add, list, get, update, remove; removed endpoints' deliveries die", async () => {
  const kv = await Deno.openKv(":memory:");
  const webhooks = createWebhooks({ kv });
  try {
    const a = await webhooks.endpoints.add({
      url: "http://127.0.0.1:9/a",
      allowPrivate: true,
      events: ["*"],
      conversations: ["05" + "c1".repeat(32)],
      maxConcurrency: 2,
      timeoutMs: 2000,
      description: "first",
    });
    const b = await webhooks.endpoints.add({
      url: "http://127.0.0.1:9/b",
      allowPrivate: true,
      enabled: false,
    });
    assert.deepEqual((await webhooks.endpoints.list()).map((e) => e.id), [a.id, b.id]);
    assert.deepEqual(await webhooks.endpoints.get(a.id), a);
    assert.equal(await webhooks.endpoints.get("ep_missing"), undefined);
    // conversation filter: only c1's events; "*" takes every type; b is disabled
    assert.equal(await webhooks.enqueue(payload(1, "05" + "c1".repeat(32), "typing")), 1);
    assert.equal(await webhooks.enqueue(payload(2, "05" + "c2".repeat(32))), 0);
    const updated = await webhooks.endpoints.update(a.id, {
      description: "renamed",
      events: ["message"],
    });
    assert.equal(updated.description, "renamed");
    assert.equal(updated.secret, a.secret, "the secret stays");
    assert.equal(updated.createdAt, a.createdAt);
    assert.equal(await webhooks.endpoints.remove(a.id), true);
    assert.equal(await webhooks.endpoints.remove(a.id), false);
    await assert.rejects(
      webhooks.endpoints.update(a.id, { enabled: true }),
      (e: ValidationError) => e.code === "not_found" && e.field === "id",
    );
    webhooks.start();
    const [record] = await (async () => {
      for (let i = 0; i < 500; i++) {
        const list = await webhooks.deliveries({ status: "dead" });
        if (list.length) return list;
        await new Promise((r) => setTimeout(r, 10));
      }
      return [];
    })();
    assert.equal(record?.lastError, "endpoint removed");
  } finally {
    await webhooks.stop();
    kv.close();
  }
});

Deno.test("validation: bad endpoint input names the field", async () => {
  const kv = await Deno.openKv(":memory:");
  const webhooks = createWebhooks({ kv });
  const check = async (input: unknown, code: string, field?: string) => {
    await assert.rejects(
      webhooks.endpoints.add(input as never),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError, String(e));
        assert.equal(e.code, code, e.message);
        assert.equal(e.field, field, e.message);
        return true;
      },
    );
  };
  try {
    await check({ url: "not a url" }, "invalid_url", "url");
    await check({ url: "ftp://example.com/" }, "invalid_url", "url");
    await check({ url: "https://user:pw@example.com/" }, "invalid_url", "url");
    await check({ url: 42 }, "invalid_webhook", "url");
    await check(
      { url: "http://127.0.0.1/", allowPrivate: true, secret: "nope" },
      "invalid_secret",
      "secret",
    );
    await check(
      { url: "http://127.0.0.1/", allowPrivate: true, events: [] },
      "invalid_webhook",
      "events",
    );
    await check(
      { url: "http://127.0.0.1/", allowPrivate: true, events: ["message", "Bad Type"] },
      "invalid_webhook",
      "events[1]",
    );
    await check(
      { url: "http://127.0.0.1/", allowPrivate: true, maxConcurrency: 0 },
      "invalid_webhook",
      "maxConcurrency",
    );
    await check(
      { url: "http://127.0.0.1/", allowPrivate: true, timeoutMs: 1.5 },
      "invalid_webhook",
      "timeoutMs",
    );
    await check(
      { url: "http://127.0.0.1/", allowPrivate: "yes" },
      "invalid_webhook",
      "allowPrivate",
    );
    await check({ url: "http://127.0.0.1/", allowPrivate: true, colour: "red" }, "invalid_webhook");
    await check(null, "invalid_webhook");
    await assert.rejects(webhooks.deliveries({ limit: 0 }), /limit/);
    await assert.rejects(webhooks.deliveries({ status: "lost" as never }), /status/);
    await assert.rejects(webhooks.enqueue({ id: "" } as never), /string 'id'/);
    assert.throws(() => createWebhooks({} as never), /needs \{ kv \}/);
    assert.throws(() => createWebhooks({ kv, schedule: [-1] }), /schedule/);
    const custom = await webhooks.endpoints.add({
      url: "http://127.0.0.1:9/",
      allowPrivate: true,
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    });
    assert.equal(custom.secret, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  } finally {
    kv.close();
  }
});
