/**
 * Signed retrieves per second through 3 hops on a local devnet (guard + 2 relays + the
 * destination, aes-gcm), sequential and 8 at a time, with direct HTTPS as the reference.
 * The client CPU of one onion request is measured separately in `bench/onion.bench.ts`.
 *
 * Needs loopback networking: `deno bench --allow-read --allow-env --allow-net=127.0.0.1
 * --allow-sys bench/network.bench.ts`. Without those the benchmarks are skipped with a note.
 */
import { createNetwork, type Network } from "../src/client/network/mod.ts";
import { toBase64, utf8 } from "../src/core/bytes.ts";
import { Identity } from "../src/crypto/identity.ts";
import { startDevnet } from "../src/devnet/mod.ts";

// node:https needs `sys` besides loopback `net`; `deno task bench` may not grant them.
// (Bench functions are `async` on purpose: Deno awaits only async functions.)
const granted = await Promise.all([
  Deno.permissions.query({ name: "net", host: "127.0.0.1" }),
  Deno.permissions.query({ name: "sys" }),
]);

if (granted.some((p) => p.state !== "granted")) {
  console.warn(
    "bench/network.bench.ts skipped: it runs a devnet, so it needs --allow-net=127.0.0.1 --allow-sys",
  );
  Deno.bench({
    name: "signed retrieve through 3 hops (needs --allow-net=127.0.0.1 --allow-sys)",
    ignore: true,
    fn() {},
  });
} else {
  // No rate limit in the way: the bench measures the path, not the token bucket.
  const devnet = await startDevnet({
    nodes: 9,
    swarms: 3,
    rateLimit: { burst: 1e9, perSecond: 1e9 },
  });
  const onion = createNetwork({ network: devnet.seedUrl });
  const direct = createNetwork({ network: devnet.seedUrl, transport: "direct" });
  const me = Identity.generate();
  // A realistic page: 10 stored messages of ~300 bytes each come back every time.
  for (let i = 0; i < 10; i++) {
    await onion.store(me.sessionId, { data: toBase64(utf8(`message ${i} `.padEnd(300, "x"))) });
  }
  // Warm up: pool, swarm, guards, paths and keep-alive connections.
  await onion.retrieve(me);
  await direct.retrieve(me);

  const retrieve = async (client: Network) => {
    const page = await client.retrieve(me);
    if (page.messages.length !== 10) {
      throw new Error(`expected 10 messages, got ${page.messages.length}`);
    }
  };

  Deno.bench("signed retrieve through 3 hops (onion, aes-gcm)", {
    group: "retrieve",
    baseline: true,
  }, async () => await retrieve(onion));

  Deno.bench(
    "signed retrieve, direct HTTPS (no onion)",
    { group: "retrieve" },
    async () => await retrieve(direct),
  );

  Deno.bench("8 concurrent signed retrieves through 3 hops (retrieves/s = 8 × iter/s)", {
    group: "concurrent",
  }, async () => {
    await Promise.all(Array.from({ length: 8 }, () => retrieve(onion)));
  });

  // Deno.bench has no teardown hook: this last bench stops everything. Deno may call it more
  // than once (fast benches ignore `n`); close() and stop() are idempotent. Ignore its row.
  Deno.bench("(teardown: stop the devnet)", { group: "teardown", n: 1, warmup: 0 }, async () => {
    await onion.close();
    await direct.close();
    await devnet.stop();
  });
}
