/**
 * Pinned connections (DNS rebinding): requests go to the address the SSRF guard checked, never
 * to a fresh resolution of the name. The host names below (`.test`, reserved) resolve nowhere: only a
 * pinned request can reach the local servers behind them.
 */
import assert from "node:assert/strict";
import { createSelfSignedCert } from "../../src/devnet/tls/mod.ts";
import { createPinnedPool, pinnedFetch } from "../../src/webhook/mod.ts";
import { startPinProxy } from "../../src/webhook/pin_proxy.ts";

const HOST = "hooks.test";

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
  const tls = await createSelfSignedCert({ dnsNames: [HOST, "other.test"] });
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
    await assert.rejects(fetch(`https://other.test:${server.port}/`, { client: good }));
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

const ROOT = new URL("../../", import.meta.url);

/** Runs `_pinned_attempt.ts` with `--allow-net=<net>`; returns whether its attempt was pinned. */
async function attemptWith(net: string): Promise<boolean[]> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-env",
      "--allow-read",
      `--allow-net=${net}`,
      "tests/webhook/_pinned_attempt.ts",
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(stdout);
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return JSON.parse(out).pinned;
}

Deno.test("webhooks: a guarded endpoint's attempt runs pinned to the checked address when allowed to reach it", async () => {
  // The resolver says 93.184.216.34; the fake fetch answers 204 without any traffic. A process
  // that may connect to the address pins; one whose --allow-net names only hosts goes by name.
  assert.deepEqual(await attemptWith("127.0.0.1,hooks.test,93.184.216.34:443"), [true]);
  assert.deepEqual(await attemptWith("127.0.0.1,hooks.test"), [false]);
});

Deno.test("pinned pool: one client per origin and address while used, closed when idle or on close", async () => {
  const server = echoServer();
  const url = new URL(`http://${HOST}:${server.port}/hook`);
  const pool = createPinnedPool({ idleMs: 50 });
  try {
    const first = pool.acquire(url, "127.0.0.1", fetch);
    const second = pool.acquire(url, "127.0.0.1", fetch);
    assert.equal(first.fetch, second.fetch, "shared while in use");
    for (const lease of [first, second]) {
      const response = await lease.fetch(url, { method: "POST", body: "x" });
      assert.match(await response.text(), / x$/);
      lease.release();
    }
    const soon = pool.acquire(url, "127.0.0.1", fetch);
    assert.equal(soon.fetch, first.fetch, "kept while idle");
    soon.release();
    await new Promise((r) => setTimeout(r, 120));
    const later = pool.acquire(url, "127.0.0.1", fetch);
    assert.notEqual(later.fetch, first.fetch, "closed after idling");
    const elsewhere = pool.acquire(url, "127.0.0.2", fetch);
    assert.notEqual(elsewhere.fetch, later.fetch, "another address, another client");
    await (await later.fetch(url, { method: "POST", body: "y" })).body?.cancel();
    later.release();
    elsewhere.release();
  } finally {
    await pool.close();
    await server.close();
  }
});
