/**
 * Webhook deliveries per second to a local receiver (`Deno.serve` on 127.0.0.1 answering 200,
 * in this process): `--events` events spread over `--conversations` conversations are enqueued
 * (enqueues/s), then the worker drains the queue — signing, POST, KV bookkeeping, order per
 * conversation, `--concurrency` requests in flight per endpoint (deliveries/s). Runs on an
 * in-memory KV and on a KV file (durable, fsync per commit).
 *
 * Run: `deno run -A bench/webhook_deliveries.ts [--events 2000] [--conversations 50] [--concurrency 8]`
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createWebhooks } from "../src/webhook/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    events: { type: "string", default: "2000" },
    conversations: { type: "string", default: "50" },
    concurrency: { type: "string", default: "8" },
  },
});
const events = Number(values.events);
const conversations = Number(values.conversations);
const concurrency = Number(values.concurrency);

let delivered = 0;
let onAll: (() => void) | undefined;
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
  await req.arrayBuffer();
  if (++delivered === events) onAll?.();
  return new Response("ok");
});
const url = `http://127.0.0.1:${server.addr.port}/hook`;

function payload(n: number) {
  const conversation = "05" + (n % conversations).toString(16).padStart(64, "0");
  return {
    schema: "sessionbot.event/v1" as const,
    id: `bench${n}:message`,
    type: "message",
    identity: "05" + "a0".repeat(32),
    from: conversation,
    conversation,
    timestamp: Date.now(),
    outgoing: false,
    body: `message number ${n} ` + "x".repeat(200),
    attachments: [],
    data: {},
  };
}

async function run(store: string, path: string): Promise<void> {
  delivered = 0;
  const kv = await Deno.openKv(path);
  const webhooks = createWebhooks({ kv });
  await webhooks.endpoints.add({ url, allowPrivate: true, maxConcurrency: concurrency });
  const t0 = performance.now();
  for (let n = 0; n < events; n++) await webhooks.enqueue(payload(n));
  const t1 = performance.now();
  const done = new Promise<void>((r) => onAll = r);
  webhooks.start();
  await done;
  // until the last records are written
  while ((await webhooks.stats()).delivered < events) await new Promise((r) => setTimeout(r, 1));
  const t2 = performance.now();
  await webhooks.stop();
  kv.close();
  const enqueueRate = events / ((t1 - t0) / 1000);
  const deliveryRate = events / ((t2 - t1) / 1000);
  console.log(
    `${store.padEnd(6)} ${events} events, ${conversations} conversations, concurrency ` +
      `${concurrency}: enqueue ${enqueueRate.toFixed(0)}/s, delivered ${
        deliveryRate.toFixed(0)
      }/s (${((t2 - t1) / 1000).toFixed(2)} s)`,
  );
}

const dir = await Deno.makeTempDir({ prefix: "webhook-bench-" });
try {
  await run("memory", ":memory:");
  await run("file", join(dir, "hooks.kv"));
} finally {
  await server.shutdown();
  await Deno.remove(dir, { recursive: true });
}
