/**
 * What pinning costs a webhook delivery (`src/webhook/pinned.ts`): POSTs to a local HTTPS
 * receiver by host name, connected to the checked address through the loopback CONNECT tunnel.
 *
 * - `fresh`: a new pinned client per request (new tunnel, TCP and TLS handshakes);
 * - `pooled`: the worker's pool, one client per origin and address, connections kept alive;
 * - `direct`: plain `fetch` with a reused client and no tunnel, for reference.
 *
 * Run: `deno run -A bench/pinned_fetch.ts [--requests 200]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createSelfSignedCert } from "../src/devnet/tls/mod.ts";
import { createPinnedPool, pinnedFetch } from "../src/webhook/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { requests: { type: "string", default: "200" } },
});
const requests = Number(values.requests);
const tls = await createSelfSignedCert({ dnsNames: ["hooks.test"], ips: ["127.0.0.1"] });
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen() {}, cert: tls.cert, key: tls.key },
  async (req) => {
    await req.text();
    return new Response(null, { status: 204 });
  },
);
const url = new URL(`https://hooks.test:${server.addr.port}/hook`);
const caCerts = [tls.cert];

async function timed(send: () => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < requests; i++) await send();
  return +((performance.now() - started) / requests).toFixed(2);
}

async function post(doFetch: typeof fetch, target: URL | string = url) {
  const response = await doFetch(target, { method: "POST", body: "{}" });
  await response.body?.cancel();
}

const fresh = await timed(async () => {
  const pinned = pinnedFetch(url, "127.0.0.1", fetch, { caCerts });
  await post(pinned.fetch);
  await pinned.close();
});
// The pool as the worker uses it: one client per origin and address, kept alive.
const pool = createPinnedPool({ caCerts });
const pooled = await timed(async () => {
  const lease = pool.acquire(url, "127.0.0.1", fetch);
  await post(lease.fetch);
  lease.release();
});
await pool.close();
const client = Deno.createHttpClient({ caCerts });
const direct = await timed(() =>
  post(
    (input, init) => fetch(input, { ...init, client }),
    `https://127.0.0.1:${server.addr.port}/hook`,
  )
);
client.close();
await server.shutdown();
console.log(JSON.stringify({ requests, msPerRequest: { fresh, pooled, direct } }, null, 2));
