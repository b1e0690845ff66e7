/**
 * Devnet benchmarks: store + retrieve over HTTPS against one node, and the cost of each onion
 * hop (paths of 1, 2 and 3 relays to the same destination; the difference is one hop).
 *
 * Needs `--allow-net=127.0.0.1 --allow-sys` (node:https reads the CA store):
 * `deno bench --allow-read --allow-env --allow-net=127.0.0.1 --allow-sys bench/devnet.bench.ts`
 */
import { toBase64, utf8 } from "../src/core/bytes.ts";
import { Identity } from "../src/crypto/identity.ts";
import { startDevnet } from "../src/devnet/mod.ts";
import { buildOnionRequest, SnodeAgent, snodePayload } from "../src/onion/mod.ts";

const account = Identity.fromSeed("39038c8988db02c1af44e8c847bd9713");
const unlimited = { burst: 1e12, perSecond: 1e12 };
const single = await startDevnet({ nodes: 1, swarms: 1, rateLimit: unlimited });
const relays = await startDevnet({ nodes: 4, swarms: 1, rateLimit: unlimited });
const agent = new SnodeAgent({ maxSockets: 32 });
globalThis.addEventListener("unload", () => {
  agent.close();
  void single.stop();
  void relays.stop();
});

const node = single.nodes[0];
const rpcUrl = `${node.url}/storage_rpc/v1`;
let counter = 0;

function signed(method: string, namespace: number, timestamp: number): string {
  const ns = namespace === 0 ? "" : String(namespace);
  return toBase64(account.signer.sign(utf8(`${method}${ns}${timestamp}`)));
}

async function storeAndRetrieve(): Promise<void> {
  const now = Date.now();
  const store = {
    method: "store",
    params: {
      pubkey: account.sessionId,
      pubkey_ed25519: account.ed25519PublicKey,
      namespace: 2,
      timestamp: now,
      ttl: 60_000,
      data: toBase64(utf8(`bench message ${counter++}`)),
      signature: signed("store", 2, now),
    },
  };
  const retrieve = {
    method: "retrieve",
    params: {
      pubkey: account.sessionId,
      pubkey_ed25519: account.ed25519PublicKey,
      namespace: 2,
      timestamp: now,
      max_count: 10,
      signature: signed("retrieve", 2, now),
    },
  };
  const stored = await agent.fetch(rpcUrl, JSON.stringify(store));
  const got = await agent.fetch(rpcUrl, JSON.stringify(retrieve));
  if (stored.status !== 200 || got.status !== 200) throw new Error("store/retrieve failed");
}

Deno.bench("HTTPS store + retrieve, one node (2 requests)", { group: "rpc" }, async () => {
  await storeAndRetrieve();
});

Deno.bench("HTTPS store + retrieve ×32 concurrent (64 requests)", { group: "rpc" }, async () => {
  await Promise.all(Array.from({ length: 32 }, storeAndRetrieve));
});

const [n0, n1, n2, destination] = relays.nodes;
const paths = [[n0], [n0, n1], [n0, n1, n2]];
const info = snodePayload({ method: "info", params: {} });

async function onion(path: typeof paths[number]): Promise<void> {
  const request = buildOnionRequest({
    path,
    destination: { kind: "snode", ...destination },
    payload: info,
  });
  const res = await agent.fetch(`${path[0].url}/onion_req/v2`, request.body);
  if (res.status !== 200 || request.decryptSnodeReply(res.body).status !== 200) {
    throw new Error("onion request failed");
  }
}

for (const path of paths) {
  Deno.bench(`onion info via ${path.length} relay(s) + destination`, {
    group: "onion",
    baseline: path.length === 1,
  }, async () => {
    await onion(path);
  });
}
