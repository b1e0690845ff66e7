/**
 * HTTP API: `POST /v1/messages` accepted per second (201 answers), over real HTTP on
 * 127.0.0.1, with `concurrency` requests in flight, two sinks:
 *
 * - `devnet`: a real `SessionClient` on a local devnet (6 nodes, onion paths, its KV outbox);
 *   a 201 means the message was encrypted and stored on the recipient's swarm;
 * - `outbox`: an `ApiClient` whose `send` appends the validated message to a KV queue (the
 *   outbox as the sink, no network): the cost of the API layer itself (auth, body limit, JSON
 *   + zod validation, routing, metrics) plus one KV commit per message.
 *
 * Requests go round-robin to `peers` recipients (sends to one recipient are admitted one at a
 * time, in call order).
 *
 * With `--idempotency` every request carries its own `Idempotency-Key` (claim and answer kept
 * in KV: two more commits per message).
 *
 * Run: `deno run -A bench/api_messages.ts [--seconds 5] [--concurrency 32] [--peers 8]
 * [--sink outbox|devnet|both] [--idempotency]`
 */
import { parseArgs } from "node:util";
import { createEventLog } from "../src/bridge/mod.ts";
import { SessionClient } from "../src/client/session/mod.ts";
import { Identity } from "../src/crypto/mod.ts";
import { startDevnet } from "../src/devnet/mod.ts";
import { type ApiClient, createWebhookServer } from "../src/server/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "32" },
    sink: { type: "string", default: "both" },
    peers: { type: "string", default: "8" },
    idempotency: { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
// Sends to one recipient are admitted in call order (one at a time); spread over several.
const peers = Array.from(
  { length: Number(values.peers) },
  (_, i) => Identity.fromSeed((i + 16).toString(16).padStart(2, "0").repeat(16)).sessionId,
);
const TOKEN = "bench-token-0123456789";

/** Fires POSTs with `concurrency` workers for `seconds`; returns accepted/s and latencies. */
async function load(url: string) {
  const end = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let accepted = 0;
  let failed = 0;
  let n = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      const headers: Record<string, string> = {
        authorization: `Bearer ${TOKEN}`,
        "content-type": "application/json",
      };
      if (values.idempotency) headers["idempotency-key"] = `bench-${n}`;
      const response = await fetch(`${url}/v1/messages`, {
        method: "POST",
        headers,
        body: JSON.stringify({ to: peers[n % peers.length], body: `benchmark message ${n++}` }),
      });
      await response.body?.cancel();
      if (response.status === 201) {
        accepted++;
        latencies.push(performance.now() - started);
      } else failed++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    acceptedPerSecond: Math.round(accepted / elapsed),
    accepted,
    failed,
    p50ms: +p(0.5).toFixed(1),
    p99ms: +p(0.99).toFixed(1),
  };
}

async function outboxSink() {
  const kv = await Deno.openKv(":memory:");
  let seq = 0;
  const client: ApiClient = {
    sessionId: Identity.fromSeed("01".repeat(16)).sessionId,
    async send(to, input) {
      const id = ++seq;
      const timestamp = Date.now();
      await kv.set(["outbox", id], { to, body: input.body ?? null, timestamp });
      return { hash: `sink-${id}`, timestamp };
    },
    download: () => Promise.reject(new Error("not used")),
    resolve: (name) => Promise.reject(new Error(`no ONS here: ${name}`)),
  };
  const api = createWebhookServer({ client, kv, events: createEventLog(kv), token: TOKEN });
  const { url } = await api.listen({ port: 0 });
  try {
    return await load(url);
  } finally {
    await api.close();
    kv.close();
  }
}

async function devnetSink() {
  await using devnet = await startDevnet({
    nodes: 6,
    swarms: 2,
    rateLimit: { burst: 1e9, perSecond: 1e9 },
  });
  const kv = await Deno.openKv(":memory:");
  const client = await SessionClient.open({
    kv,
    identity: Identity.fromSeed("02".repeat(16)),
    network: devnet.seedUrl,
    fileServer: devnet.fileServer,
  });
  const api = createWebhookServer({ client, kv, events: createEventLog(kv), token: TOKEN });
  const { url } = await api.listen({ port: 0 });
  try {
    return await load(url);
  } finally {
    await api.close();
    await client.stop();
    kv.close();
  }
}

const results: Record<string, unknown> = { seconds, concurrency, peers: peers.length };
if (values.sink === "outbox" || values.sink === "both") results.outbox = await outboxSink();
if (values.sink === "devnet" || values.sink === "both") results.devnet = await devnetSink();
console.log(JSON.stringify(results, null, 2));
