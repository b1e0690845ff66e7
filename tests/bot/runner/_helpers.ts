/** Shared by the runner tests: fixture processes on a shared KV file, and what they recorded. */
import { join } from "node:path";
import { toHex } from "../../../src/core/bytes.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import { spawn, type Spawned } from "../../_spawn.ts";

const FIXTURE = "tests/bot/runner/fixtures/bot.ts";

/** A bot identity and a directory holding its KV file and handler log. */
export interface BotHome {
  readonly dir: string;
  readonly kv: string;
  readonly out: string;
  readonly seed: string;
  readonly identity: Identity;
  /** Starts a fixture process; `options` adds to its config (ttlMs, drainMs, hang). */
  start(seedUrl: string, options?: Record<string, unknown>): Spawned;
  /** `["handled", id]` counts in the KV file. */
  handled(): Promise<Map<string, bigint>>;
  /** Inbox entries left in the KV file. */
  inbox(): Promise<number>;
  /** Lines of the handler log. */
  log(): Promise<string[]>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A fresh bot home in a temporary directory. */
export async function botHome(): Promise<BotHome> {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-runner-" });
  const seedBytes = crypto.getRandomValues(new Uint8Array(16));
  const seed = toHex(seedBytes);
  const kv = join(dir, "bot.kv");
  const out = join(dir, "handled.txt");
  const read = async <T>(fn: (kv: Deno.Kv) => Promise<T>) => {
    const store = await Deno.openKv(kv);
    try {
      return await fn(store);
    } finally {
      store.close();
    }
  };
  return {
    dir,
    kv,
    out,
    seed,
    identity: Identity.fromSeed(seedBytes),
    start: (seedUrl, options = {}) =>
      spawn(FIXTURE, [JSON.stringify({ kv, seedUrl, seed, out, ...options })]),
    handled: () =>
      read(async (store) => {
        const counts = new Map<string, bigint>();
        for await (const e of store.list<Deno.KvU64>({ prefix: ["handled"] })) {
          counts.set(e.key[1] as string, e.value.value);
        }
        return counts;
      }),
    inbox: () =>
      read(async (store) => (await Array.fromAsync(store.list({ prefix: ["inbox"] }))).length),
    log: async () => (await Deno.readTextFile(out).catch(() => "")).split("\n").filter(Boolean),
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

/** The next runner event `type` a fixture prints. */
export async function nextEvent(process: Spawned, type: string, timeoutMs = 20_000) {
  return JSON.parse(await process.line(new RegExp(`"event":"${type}"`), timeoutMs));
}
