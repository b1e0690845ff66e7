/**
 * SessionClient end to end on a local devnet (issue targets in brackets):
 *
 * - latency: A sends, B's handler runs, with B polling every 1 s: p50 / p99;
 * - drain: a 10,000-message backlog in B's swarm through retrieve, KV inbox, decrypt, dispatch
 *   and commit [≥ 2,000 msg/s], in a separate process;
 * - resident memory of that process while idle [≤ 80 MB] and after the backlog.
 *
 * Run: `deno run -A bench/client_e2e.ts [--samples 100] [--backlog 10000] [--v8 FLAGS]`
 * (`--v8=--max-semi-space-size=1`: extra V8 flags for the measured process, e.g. a smaller
 * young generation for a smaller footprint).
 */
import { parseArgs } from "node:util";
import { encodeDirectMessage } from "../src/client/codec/mod.ts";
import { createNetwork } from "../src/client/network/mod.ts";
import { SessionClient } from "../src/client/session/mod.ts";
import { toHex } from "../src/core/bytes.ts";
import { Identity } from "../src/crypto/mod.ts";
import { startDevnet } from "../src/devnet/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    samples: { type: "string", default: "100" },
    backlog: { type: "string", default: "10000" },
    v8: { type: "string", default: "" },
  },
});
const samples = Number(values.samples);
const backlog = Number(values.backlog);
const devnet = await startDevnet({
  nodes: 6,
  swarms: 2,
  rateLimit: { burst: 1e9, perSecond: 1e9 },
});
const dir = await Deno.makeTempDir({ prefix: "sessionbot-bench-" });
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

try {
  // Latency: both clients here; B polls every second, as the issue asks.
  const alice = await SessionClient.open({
    kv: ":memory:",
    identity: Identity.generate(),
    network: devnet.seedUrl,
  });
  const bob = await SessionClient.open({
    kv: ":memory:",
    identity: Identity.generate(),
    network: devnet.seedUrl,
    pollInterval: { min: 1000, max: 1000 },
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  bob.on("message", (e) => void latencies.push(performance.now() - sentAt.get(e.body!)!));
  await bob.start();
  for (let i = 0; i < samples; i++) {
    sentAt.set(`m${i}`, performance.now());
    await alice.send(bob.sessionId, `m${i}`);
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 200)); // spread over the poll phase
  }
  while (latencies.length < samples) await new Promise((r) => setTimeout(r, 100));
  await Promise.all([alice.stop(), bob.stop()]);
  latencies.sort((a, b) => a - b);

  // Drain: fill a fresh identity's swarm directly (no outbox), then let a child drain it.
  const seeds = [
    crypto.getRandomValues(new Uint8Array(16)),
    crypto.getRandomValues(new Uint8Array(16)),
  ];
  const target = Identity.fromSeed(seeds[1]);
  const senders = Array.from({ length: 20 }, () => Identity.generate());
  const net = createNetwork({ network: devnet.seedUrl, transport: "direct" });
  const fillStart = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < backlog) {
      const i = next++;
      const body = `backlog message ${i} ` + "x".repeat(100);
      // Distinct sent times: (sender, timestamp) identifies a message, a repeat is a replay.
      const timestamp = Date.now() - backlog + i;
      const from = senders[i % senders.length];
      const { data } = encodeDirectMessage(from, target.sessionId, { dataMessage: { body } }, {
        timestamp,
      });
      await net.store(target.sessionId, { data });
    }
  }));
  const fillSeconds = (performance.now() - fillStart) / 1000;
  await net.close();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `--v8-flags=--expose-gc${values.v8 ? `,${values.v8}` : ""}`,
      new URL("./client_receiver.ts", import.meta.url).pathname,
      devnet.seedUrl,
      toHex(seeds[0]),
      toHex(seeds[1]),
      String(backlog),
      dir,
    ],
    stderr: "inherit",
  });
  const output = await child.output();
  const drain = JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!);

  const report = {
    latencyMs: {
      pollIntervalMs: 1000,
      samples,
      p50: Math.round(percentile(latencies, 0.5)),
      p99: Math.round(percentile(latencies, 0.99)),
      max: Math.round(latencies.at(-1)!),
    },
    drain: { ...drain, fillSeconds: Math.round(fillSeconds * 10) / 10, v8Flags: values.v8 },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await devnet.stop();
  await Deno.remove(dir, { recursive: true });
}
