/**
 * SessionClient pipeline without the network: a 2,000-message backlog served from memory
 * goes through the KV inbox (file-backed, fsync included), decryption, routing, dispatch to a
 * handler and the grouped removal commits. Drain rate = 2,000 / (time per iteration).
 * Issue target: ≥ 2,000 msg/s. End-to-end figures on a devnet: `bench/client_e2e.ts`.
 * Run: `deno task bench`.
 */
import { SessionClient } from "../src/client/session/mod.ts";
import { Identity } from "../src/crypto/mod.ts";
import { backlog, stubNetwork } from "./_stub_network.ts";

const COUNT = 2000;
const me = Identity.fromSeed("0f0e0d0c0b0a09080706050403020100");
const messages = backlog(me, COUNT);

async function drain(kvPath: string): Promise<void> {
  const client = await SessionClient.open({
    kv: kvPath,
    identity: me,
    network: stubNetwork(messages),
    history: true,
    pollInterval: { min: 60_000, max: 60_000 },
  });
  let handled = 0;
  const done = Promise.withResolvers<void>();
  client.on("message", () => void (++handled === COUNT && done.resolve()));
  await client.start();
  await done.promise;
  await client.stop();
}

Deno.bench({
  name: `drain ${COUNT} messages: KV inbox → decrypt → dispatch → commit (file KV)`,
  n: 5,
  warmup: 1,
  async fn(b) {
    const dir = await Deno.makeTempDir({ prefix: "sessionbot-bench-" });
    b.start();
    await drain(`${dir}/bench.kv`);
    b.end();
    await Deno.remove(dir, { recursive: true });
  },
});
