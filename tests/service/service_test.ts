/** `startService` in-process on a devnet, with a real webhook receiver on 127.0.0.1. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { RESTORE_MARKER } from "../../src/backup/mod.ts";
import { openKv } from "../../src/client/kv.ts";
import { NetworkError, SessionBotError } from "../../src/core/errors.ts";
import { resolveServiceConfig, startService } from "../../src/service/mod.ts";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";
import { createWebhooks } from "../../src/webhook/mod.ts";

const TOKEN = "service-test-token";

function receiver() {
  const hits: { headers: Headers; body: Record<string, unknown> }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    hits.push({ headers: req.headers, body: await req.json() });
    return new Response(null, { status: 204 });
  });
  return { url: `http://127.0.0.1:${server.addr.port}/hook`, hits, close: () => server.shutdown() };
}

Deno.test("service: bot + event log + webhooks + API from one config; endpoints upsert by URL", async () => {
  await using net = await createTestNetwork({ nodes: 4, swarms: 1 });
  const hook = receiver();
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-service-" });
  try {
    const kv = join(dir, "bot.kv");
    const content = {
      identity: { kv, name: "bot", create: true },
      network: { seed: net.seedUrl },
      bot: { pollInterval: { min: 50, max: 200 }, drainMs: 2000 },
      webhooks: {
        endpoints: [{ url: hook.url, allowPrivate: true, secret: { env: "HOOK_SECRET" } }],
      },
      api: { port: 0, token: { env: "API_TOKEN" } },
      logging: { level: "error" },
    };
    const env = {
      HOOK_SECRET: "whsec_" + btoa("0123456789abcdef0123456789abcdef"),
      API_TOKEN: TOKEN,
    };
    const config = resolveServiceConfig(content, { env });
    const logs: unknown[] = [];
    const service = await startService(config, { signals: false, logSink: (r) => logs.push(r) });
    const alice = await net.createUser("alice");
    try {
      assert.match(service.apiUrl!, /^http:\/\/127\.0\.0\.1:\d+$/);
      await alice.send(service.sessionId, "hello service");
      await waitFor(() => hook.hits.length > 0, { timeout: 15_000, what: "a webhook delivery" });
      const [delivery] = hook.hits;
      assert.equal(delivery.body.type, "message");
      assert.equal(delivery.body.body, "hello service");
      assert.equal(delivery.body.from, alice.sessionId);
      assert.ok(delivery.headers.get("webhook-signature")?.startsWith("v1,"));

      const page = await fetch(`${service.apiUrl}/v1/messages?since=0`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const events = await page.json();
      assert.equal(page.status, 200, JSON.stringify(events));
      assert.ok(
        events.events.some((e: { payload: { body?: string } }) =>
          e.payload.body === "hello service"
        ),
        JSON.stringify(events),
      );
    } finally {
      const stopped = await service.stop();
      assert.equal(stopped.drained, true);
    }

    // Start again with the same endpoint (and one more): matched by URL, not duplicated.
    const again = await startService(
      resolveServiceConfig({
        ...content,
        webhooks: {
          endpoints: [
            { url: hook.url, allowPrivate: true, events: ["*"] },
            { url: hook.url + "2", allowPrivate: true },
          ],
        },
      }, { env }),
      { signals: false, logSink: () => {} },
    );
    assert.equal(again.sessionId, service.sessionId);
    await again.stop();
    const store = await openKv(kv);
    try {
      const endpoints = await createWebhooks({ kv: store }).endpoints.list();
      assert.deepEqual(endpoints.map((e) => [e.url, e.events]), [
        [hook.url, ["*"]],
        [hook.url + "2", ["message"]],
      ]);
      assert.equal(endpoints[0].secret, env.HOOK_SECRET); // kept: the config left it out
    } finally {
      store.close();
    }
  } finally {
    await hook.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("service: refuses a store whose restore did not finish", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-service-" });
  try {
    const path = join(dir, "half.kv");
    const store = await openKv(path);
    await store.set(RESTORE_MARKER, { startedAt: Date.now(), entries: 10 });
    store.close();
    const config = resolveServiceConfig({ identity: { kv: path, create: true } }, { env: {} });
    await assert.rejects(
      startService(config, { signals: false, logSink: () => {} }),
      /did not finish, so its state is incomplete/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("service: a failed start (API port taken) stops what it started and rejects", async () => {
  await using net = await createTestNetwork({ nodes: 4, swarms: 1 });
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-service-" });
  try {
    const config = resolveServiceConfig({
      identity: { kv: join(dir, "bot.kv"), create: true },
      network: { seed: net.seedUrl },
      api: { port: (taken.addr as Deno.NetAddr).port, token: { env: "T" } },
    }, { env: { T: TOKEN } });
    await assert.rejects(
      startService(config, { signals: false, logSink: () => {} }),
      (e: unknown) => {
        assert.ok(e instanceof SessionBotError && !(e instanceof NetworkError), String(e));
        assert.match(e.message, /api: cannot listen on 127\.0\.0\.1:\d+: .*change api\.port/);
        return true;
      },
    );
    // the store was closed: it opens again, and holds the identity created on the way
    const store = await openKv(join(dir, "bot.kv"));
    assert.notEqual((await store.get(["identity", "default"])).value, null);
    store.close();
  } finally {
    taken.close();
    await Deno.remove(dir, { recursive: true });
  }
});
