import assert from "node:assert/strict";
import { ValidationError } from "../../src/core/errors.ts";
import { createWebhookServer } from "../../src/server/mod.ts";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { startService, TOKEN } from "./_setup.ts";

Deno.test("auth: no token 401, wrong token 401, right token 200; health and openapi are public", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net, { token: ["old-token-abc", TOKEN] });
  const none = await fetch(`${service.url}/v1/messages`);
  assert.equal(none.status, 401);
  assert.match(none.headers.get("www-authenticate")!, /^Bearer/);
  assert.deepEqual(Object.keys(await none.json()).sort(), ["error", "message"]);

  for (
    const header of [
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      "Bearer a",
      `Basic ${TOKEN}`,
    ]
  ) {
    const wrong = await fetch(`${service.url}/v1/messages`, { headers: { authorization: header } });
    assert.equal(wrong.status, 401, header);
    assert.equal((await wrong.json()).error, "unauthorized");
    assert.match(wrong.headers.get("www-authenticate")!, /^Bearer/);
  }
  const right = await service.call("/v1/messages");
  assert.equal(right.status, 200);
  await right.body?.cancel();
  const rotated = await fetch(`${service.url}/v1/messages`, {
    headers: { authorization: "Bearer old-token-abc" },
  });
  assert.equal(rotated.status, 200, "every configured token is accepted");
  await rotated.body?.cancel();

  // Unauthenticated requests are refused before their body is read.
  const post = await fetch(`${service.url}/v1/messages`, { method: "POST", body: "{}" });
  assert.equal(post.status, 401);
  await post.body?.cancel();

  const health = await fetch(`${service.url}/v1/health`);
  assert.equal(health.status, 200);
  const publicHealth = await health.json();
  assert.equal(publicHealth.status, "ok");
  assert.equal(publicHealth.identity, undefined, "details only with a token");
  const detailed = await (await service.call("/v1/health")).json();
  assert.equal(detailed.identity, service.client.sessionId);
  assert.equal(typeof detailed.client.polls, "number");
  const openapi = await fetch(`${service.url}/v1/openapi.json`);
  assert.equal(openapi.status, 200);
  await openapi.body?.cancel();
  const metrics = await fetch(`${service.url}/metrics`);
  assert.equal(metrics.status, 401, "metrics need the token");
  await metrics.body?.cancel();
});

Deno.test("auth: the server refuses to start without a token unless auth is off", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const base = { client: service.client, kv: service.kv, events: service.events };
  assert.throws(
    () => createWebhookServer(base),
    (e: unknown) =>
      e instanceof ValidationError && e.code === "token_missing" && e.field === "token" &&
      /auth: false/.test(e.message),
  );
  assert.throws(() => createWebhookServer({ ...base, token: "" }), ValidationError);
  assert.throws(() => createWebhookServer({ ...base, token: "has space" }), ValidationError);
  assert.throws(() => createWebhookServer({ ...base, token: [] }), /token/);
  const open = createWebhookServer({ ...base, auth: false });
  const response = await open.fetch(new Request("http://local/v1/messages"));
  assert.equal(response.status, 200);
  await response.body?.cancel();
  await open.close();
});

Deno.test("listen: binds 127.0.0.1 by default; port 0 picks a free port; signal closes", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  assert.match(service.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const stop = new AbortController();
  const second = await service.api.listen({ port: 0, signal: stop.signal });
  assert.notEqual(second.url, service.url);
  const health = await fetch(`${second.url}/v1/health`);
  assert.equal(health.status, 200);
  await health.body?.cancel();
  stop.abort();
  await second.close();
  await assert.rejects(fetch(`${second.url}/v1/health`));
});
