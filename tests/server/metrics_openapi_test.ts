import assert from "node:assert/strict";
import { createMetrics } from "../../src/bridge/mod.ts";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";
import { parsePrometheus } from "./_prometheus.ts";
import { postJson, startService } from "./_setup.ts";

Deno.test("GET /metrics: Prometheus text with polls, messages, queues and HTTP requests", async () => {
  await using net = await createTestNetwork();
  const metrics = createMetrics();
  await using service = await startService(net, { metrics });
  const alice = await net.createUser("alice");
  const sent = await postJson(service, "/v1/messages", { to: alice.sessionId, body: "counted" });
  assert.equal(sent.status, 201);
  await sent.body?.cancel();
  await alice.send(service.client.sessionId, "in");
  await waitFor(async () => (await service.client.stats()).received > 0, { what: "a receipt" });
  (await service.call("/v1/nothing")).body?.cancel();

  const response = await service.call("/metrics");
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  assert.match(text, /^# HELP sessionbot_polls_total /m);
  const m = parsePrometheus(text);
  assert.ok(m.get("sessionbot_polls_total")! >= 1);
  assert.equal(m.get("sessionbot_poll_failures_total"), 0);
  assert.ok(m.get("sessionbot_messages_received_total")! >= 1);
  assert.ok(m.get("sessionbot_messages_sent_total")! >= 1);
  assert.equal(m.get("sessionbot_api_messages_accepted_total"), 1);
  assert.ok(m.has('sessionbot_queue_depth{queue="inbox"}'));
  assert.ok(m.has('sessionbot_queue_depth{queue="outbox"}'));
  assert.equal(
    m.get('sessionbot_http_requests_total{method="POST",route="/v1/messages",status="201"}'),
    1,
  );
  assert.equal(
    m.get('sessionbot_http_requests_total{method="GET",route="unmatched",status="404"}'),
    1,
  );
  assert.ok(
    metrics.render().includes("sessionbot_api_messages_accepted_total 1"),
    "shared registry",
  );
});

Deno.test("GET /v1/openapi.json: valid OpenAPI 3.1 JSON listing every route", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const response = await fetch(`${service.url}/v1/openapi.json`);
  assert.equal(response.status, 200);
  const doc = JSON.parse(await response.text());
  assert.equal(doc.openapi, "3.1.0");
  const documented = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(item)) {
      if (method !== "parameters") documented.add(`${method.toUpperCase()} ${path}`);
    }
  }
  const served = new Set(
    service.api.app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
  );
  assert.ok(served.size >= 14, `routes: ${[...served]}`);
  assert.deepEqual([...served].filter((r) => !documented.has(r)), [], "undocumented routes");
  assert.deepEqual([...documented].filter((r) => !served.has(r)), [], "documented, not served");
  // Every $ref resolves.
  for (const [, name] of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
    assert.ok(doc.components.schemas[name], `missing schema ${name}`);
  }
  assert.ok(doc.components.schemas.SendMessage.properties.replyTo, "generated from zod");
});
