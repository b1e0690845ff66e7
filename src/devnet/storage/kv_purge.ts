/**
 * Purging expired messages by the engine's clock: walk the expiry index up to `now` and remove
 * every message found there, at most once per 10 s of engine time.
 *
 * @module
 */
import type { Layout } from "./kv_layout.ts";
import type { KvOps, Step } from "./kv_ops.ts";

const PURGE_INTERVAL = 10_000;

/** Purge steps of one store. Callers run them inside the store's write queue. */
export interface Purger {
  /** Purges when 10 s of engine time passed since the last purge (or the clock went back). */
  maybePurge(now: number): Promise<void>;
  /** Purges now; returns how many messages were removed. */
  purgeNow(now: number): Promise<number>;
}

/** Creates the purger of one store. */
export function createPurger(kv: Deno.Kv, keys: Layout, ops: KvOps): Purger {
  let lastPurge = -Infinity;

  async function maybePurge(now: number): Promise<void> {
    if (now - lastPurge < PURGE_INTERVAL && now >= lastPurge) return;
    lastPurge = now;
    await purgeNow(now);
  }

  async function purgeNow(now: number): Promise<number> {
    const steps: Step[] = [];
    let removed = 0;
    for await (const { key } of kv.list<string>({ prefix: keys.expiries() })) {
      const [expiry, hash] = key.slice(-2) as [number, string];
      if (expiry > now) break;
      const found = await ops.locate(hash);
      if (found && found.row.expiry <= now) {
        steps.push((op) => ops.remove(op, found));
        removed++;
      } else if (!found || found.row.expiry !== expiry) {
        steps.push((op) => op.delete(key)); // an index key left behind: drop it
      }
    }
    await ops.commit(steps);
    return removed;
  }

  return Object.freeze({ maybePurge, purgeNow });
}
