import assert from "node:assert/strict";
import { toEventPayload } from "../../src/bridge/mod.ts";
import type { MessageEvent } from "../../src/client/session/mod.ts";
import { createWebhooks } from "../../src/webhook/mod.ts";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";
import { postJson, startService } from "./_setup.ts";

/** A real receiver on 127.0.0.1 that records what it gets. */
function receiver() {
  const received: { id: string | null; body: string }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    received.push({ id: req.headers.get("webhook-id"), body: await req.text() });
    return new Response(null, { status: 204 });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hook`,
    received,
    close: () => server.shutdown(),
  };
}

Deno.test("webhook routes: add (secret once), list, get, patch, deliveries, redeliver, delete", async () => {
  await using net = await createTestNetwork();
  const kv = await Deno.openKv(":memory:");
  const webhooks = createWebhooks({ kv, schedule: [50, 50] });
  const target = receiver();
  try {
    await using service = await startService(net, { webhooks });
    webhooks.start();

    const created = await postJson(service, "/v1/webhooks", {
      url: target.url,
      allowPrivate: true,
      events: ["message"],
      description: "ops",
    });
    assert.equal(created.status, 201, await created.clone().text());
    const endpoint = await created.json();
    assert.match(endpoint.secret, /^whsec_/);
    assert.equal(created.headers.get("location"), `/v1/webhooks/${endpoint.id}`);

    const list = await (await service.call("/v1/webhooks")).json();
    assert.equal(list.endpoints.length, 1);
    assert.equal(list.endpoints[0].secret, undefined, "the secret is shown only once");
    const one = await (await service.call(`/v1/webhooks/${endpoint.id}`)).json();
    assert.equal(one.description, "ops");

    const patched = await service.call(`/v1/webhooks/${endpoint.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ description: "operations" }),
    });
    assert.equal(patched.status, 200);
    assert.equal((await patched.json()).description, "operations");
    const badPatch = await service.call(`/v1/webhooks/${endpoint.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ maxConcurrency: 0 }),
    });
    assert.equal(badPatch.status, 400);
    assert.deepEqual((await badPatch.json()).issues.map((i: { path: string }) => i.path), [
      "maxConcurrency",
    ]);

    // One event through the worker to the receiver.
    const event = {
      type: "message",
      id: "hash1",
      identity: service.client.sessionId,
      from: "05" + "ee".repeat(32),
      conversation: "05" + "ee".repeat(32),
      timestamp: 1_760_000_000_000,
      outgoing: false,
      body: "to the hook",
      attachments: [],
      timerUpdate: false,
      request: false,
      tx: {} as MessageEvent["tx"],
    } satisfies MessageEvent;
    assert.equal(await webhooks.enqueue(toEventPayload(event)), 1);
    await waitFor(() => target.received.length === 1, { what: "the delivery" });
    assert.equal(JSON.parse(target.received[0].body).body, "to the hook");

    const deliveries = await waitFor(async () => {
      const page =
        await (await service.call(`/v1/webhooks/${endpoint.id}/deliveries?status=delivered`))
          .json();
      return page.deliveries.length === 1 && page.deliveries;
    }, { what: "the delivered record" });
    const redelivered = await service.call(`/v1/deliveries/${deliveries[0].id}/redeliver`, {
      method: "POST",
    });
    assert.equal(redelivered.status, 202);
    await redelivered.body?.cancel();
    await waitFor(() => target.received.length === 2, { what: "the redelivery" });
    assert.equal(target.received[1].id, target.received[0].id, "same webhook-id");

    const badStatus = await service.call(`/v1/webhooks/${endpoint.id}/deliveries?status=lost`);
    assert.equal(badStatus.status, 400);
    await badStatus.body?.cancel();
    const unknown = await service.call("/v1/deliveries/nope/redeliver", { method: "POST" });
    assert.equal(unknown.status, 404);
    await unknown.body?.cancel();

    const removed = await service.call(`/v1/webhooks/${endpoint.id}`, { method: "DELETE" });
    assert.equal(removed.status, 204);
    const gone = await service.call(`/v1/webhooks/${endpoint.id}`);
    assert.equal(gone.status, 404);
    await gone.body?.cancel();
    const again = await service.call(`/v1/webhooks/${endpoint.id}`, { method: "DELETE" });
    assert.equal(again.status, 404);
    await again.body?.cancel();

    const refused = await postJson(service, "/v1/webhooks", { url: "http://127.0.0.1:9/x" });
    assert.equal(refused.status, 400);
    assert.equal((await refused.json()).code, "ssrf_refused");
  } finally {
    await webhooks.stop();
    await target.close();
    kv.close();
  }
});

Deno.test("webhook routes: 501 when the service has no webhooks", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const response = await service.call("/v1/webhooks");
  assert.equal(response.status, 501);
  assert.equal((await response.json()).error, "not_configured");
});
