/** Shared setup of the session runtime tests: a small devnet and clients on it. */
import { Identity } from "../../../src/crypto/mod.ts";
import { createNetwork, type Network } from "../../../src/client/network/mod.ts";
import {
  SessionClient,
  type SessionClientOptions,
  type SessionEvent,
  type SessionEventType,
} from "../../../src/client/session/mod.ts";
import { type Devnet, type DevnetOptions, startDevnet } from "../../../src/devnet/mod.ts";

/** Client timeouts for tests: fast polls, quick retries. */
export const FAST = {
  pollInterval: { min: 50, max: 200 },
  retry: { attempts: 3, backoffMs: [20, 40] },
  sendRetry: { attempts: 3, backoffMs: [50, 100] },
  networkOptions: {
    timeoutMs: 2000,
    guardTimeoutMs: 1000,
    seed: { timeoutMs: 2000, backoffMs: 50 },
  },
} as const;

/** What a test gets. */
export interface Env {
  readonly devnet: Devnet;
  /** A network client for injecting raw messages. */
  readonly net: Network;
  /** Opens a client on the devnet (fresh in-memory KV unless `kv` is given); stopped at the end. */
  open(identity: Identity, options?: Partial<SessionClientOptions>): Promise<SessionClient>;
}

/**
 * Runs `fn` on a fresh devnet (4 nodes, one swarm, no rate limit unless `options` say otherwise);
 * stops every client, the network and the devnet afterwards.
 */
export async function withDevnet(
  fn: (env: Env) => Promise<void>,
  options: number | DevnetOptions = {},
): Promise<void> {
  const devnet = await startDevnet({
    nodes: 4,
    swarms: 1,
    rateLimit: { burst: 1e9, perSecond: 1e9 },
    ...(typeof options === "number" ? { nodes: options } : options),
  });
  const net = createNetwork({ network: devnet.seedUrl, ...FAST.networkOptions });
  const clients: SessionClient[] = [];
  const kvs: Deno.Kv[] = [];
  try {
    await fn({
      devnet,
      net,
      async open(identity, options = {}) {
        let kv = options.kv;
        if (!kv) kvs.push(kv = await Deno.openKv(":memory:"));
        const client = await SessionClient.open({
          network: devnet.seedUrl,
          fileServer: devnet.fileServer,
          ...FAST,
          ...options,
          identity,
          kv,
        });
        clients.push(client);
        return client;
      },
    });
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    kvs.forEach((kv) => kv.close());
    await net.close();
    await devnet.stop();
  }
}

/**
 * Records the events of `client` (all types, or those listed). Transient poll failures (error
 * events about no message and no dead letter, e.g. a path that was not ready) are left out:
 * tests assert on message errors and dead letters.
 */
export function record(client: SessionClient, ...types: SessionEventType[]): SessionEvent[] {
  const seen: SessionEvent[] = [];
  const want = (e: SessionEvent) => types.length === 0 || types.includes(e.type);
  client.on("*", (e) => void (want(e) && seen.push(e)));
  if (types.length === 0 || types.includes("error")) {
    client.on("error", (e) => void ((e.id || e.deadLettered) && seen.push(e)));
  }
  return seen;
}

/** Waits until `check` returns something truthy (polling every 20 ms, at most `ms`). */
export async function until<T>(
  check: () => T | Promise<T>,
  ms = 10_000,
  what = "condition",
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export { Identity };
