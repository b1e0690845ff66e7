/**
 * Pinned connections (DNS rebinding): requests go to the address the SSRF guard checked, never
 * to a fresh resolution of the name. The host names below (`.invalid`) resolve nowhere: only a
 * pinned request can reach the local servers behind them.
 */
import assert from "node:assert/strict";
import { createSelfSignedCert } from "../../src/devnet/tls/mod.ts";
import { createWebhooks, pinnedFetch } from "../../src/webhook/mod.ts";
import { startPinProxy } from "../../src/webhook/pin_proxy.ts";
import { payload, until } from "./_receiver.ts";

const HOST = "hooks.example.invalid";

function echoServer(tls?: { cert: string; key: string }) {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {}, ...tls },
    async (req) =>
      new Response(`${new URL(req.url).host} ${req.headers.get("host")} ${await req.text()}`),
  );
  return { port: server.addr.port, close: () => server.shutdown() };
}

Deno.test("pinnedFetch over http: the request reaches the pinned address with the URL's Host", async () => {
  const server = echoServer();
  const url = new URL(`http://${HOST}:${server.port}/hook`);
  const pinned = pinnedFetch(url, "127.0.0.1");
  try {
    const response = await pinned.fetch(url, { method: "POST", body: "ping" });
    assert.equal(await response.text(), `${HOST}:${server.port} ${HOST}:${server.port} ping`);
  } finally {
    await pinned.close();
    await server.close();
  }
});

Deno.test("pinnedFetch over https: tunnelled to the pinned address; the certificate is still checked", async () => {
  const tls = await createSelfSignedCert({ dnsNames: [HOST] });
  const server = echoServer(tls);
  const url = new URL(`https://${HOST}:${server.port}/hook`);
  const trusting = pinnedFetch(url, "127.0.0.1", fetch, { caCerts: [tls.cert] });
  const strict = pinnedFetch(url, "127.0.0.1");
  try {
    const response = await trusting.fetch(url, { method: "POST", body: "ping" });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /ping$/);
    // Same tunnel, no trust in the self-signed certificate: TLS still refuses it.
    await assert.rejects(
      strict.fetch(url),
      (e: Error) => /certificate|UnknownIssuer/i.test(String(e.cause ?? e)),
    );
  } finally {
    await trusting.close();
    await strict.close();
    await server.close();
  }
});

Deno.test("pin proxy: only CONNECTs with a known token to the pinned host and port", async () => {
  const tls = await createSelfSignedCert({ dnsNames: [HOST, "other.example.invalid"] });
  const server = echoServer(tls);
  const proxy = startPinProxy();
  const pin = proxy.add({ host: HOST, port: server.port, address: "127.0.0.1" });
  const via = (username: string) =>
    Deno.createHttpClient({
      proxy: { url: proxy.url, basicAuth: { username, password: "" } },
      caCerts: [tls.cert],
    });
  const good = via(pin.token);
  const forged = via("0".repeat(32));
  try {
    const ok = await fetch(`https://${HOST}:${server.port}/`, { client: good });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
    await assert.rejects(fetch(`https://${HOST}:${server.port}/`, { client: forged }));
    // A known token for another host (or port) is refused too.
    await assert.rejects(fetch(`https://other.example.invalid:${server.port}/`, { client: good }));
    pin.remove();
    const stale = via(pin.token);
    await assert.rejects(fetch(`https://${HOST}:${server.port}/x`, { client: stale }));
    stale.close();
  } finally {
    good.close();
    forged.close();
    await proxy.close();
    await server.close();
  }
});

Deno.test("webhooks: a guarded endpoint's attempt runs on a client pinned to the checked address", async () => {
  const kv = await Deno.openKv(":memory:");
  const clients: unknown[] = [];
  const webhooks = createWebhooks({
    kv,
    resolveHost: () => Promise.resolve(["93.184.216.34"]),
    fetch: (_input, init) => {
      clients.push((init as { client?: unknown } | undefined)?.client);
      return Promise.resolve(new Response(null, { status: 204 }));
    },
  });
  try {
    await webhooks.endpoints.add({ url: `https://${HOST}/hook` });
    await webhooks.enqueue(payload(1));
    webhooks.start();
    await until(async () => (await webhooks.stats()).delivered === 1, "the delivery");
    assert.equal(clients.length, 1);
    assert.ok(clients[0] instanceof Deno.HttpClient, "pinned, not the default client");
  } finally {
    await webhooks.stop();
    kv.close();
  }
});
