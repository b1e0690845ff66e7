/**
 * The Deno KV {@link MessageStore}. Writes run one at a time (the engine is the only writer of
 * its node's prefix) and each commit is atomic; reads filter by the engine's clock, and expired
 * messages are purged at most every 10 s of engine time, besides KV's own `expireIn`.
 *
 * @module
 */
import { createKvChanges } from "./kv_changes.ts";
import { createInserter } from "./kv_insert.ts";
import { kvLayout } from "./kv_layout.ts";
import { createKvOps } from "./kv_ops.ts";
import { createPurger } from "./kv_purge.ts";
import { createKvReads } from "./kv_reads.ts";
import { createKvRevocations } from "./kv_revocations.ts";
import { createSerial } from "./serial.ts";
import type { MessageStore } from "./store.ts";

/**
 * A message store for node `nodeId` in `kv`. Several nodes may share one KV: each keeps to its
 * own key prefix. The caller owns `kv` and closes it.
 *
 * @example
 * ```ts
 * const kv = await Deno.openKv(":memory:");
 * const store = createKvMessageStore(kv, "node-1");
 * await store.countMessages(Date.now()); // 0
 * kv.close();
 * ```
 */
export function createKvMessageStore(kv: Deno.Kv, nodeId: string): MessageStore {
  const keys = kvLayout(nodeId);
  const ops = createKvOps(kv, keys);
  const serial = createSerial();
  const purger = createPurger(kv, keys, ops);
  const insert = createInserter(kv, keys, ops);
  const changes = createKvChanges(kv, keys, ops);
  const revocations = createKvRevocations(kv, keys, ops);
  const reads = createKvReads(kv, keys, ops);

  /** Queues a write behind the others, purging first when it is due. */
  function write<T>(now: number | undefined, task: () => Promise<T>): Promise<T> {
    return serial(async function queued() {
      if (now !== undefined) await purger.maybePurge(now);
      return await task();
    });
  }

  return Object.freeze(
    {
      put: (message, now, options = {}) =>
        write(now, () => insert(message, now, options.replace ?? false)),
      list: reads.list,
      getExpiries: reads.getExpiries,
      countMessages: reads.countMessages,
      deleteByHash: (pubkey, hashes, now) =>
        write(now, () => changes.deleteByHash(pubkey, hashes, now)),
      deleteAll: (pubkey, namespace, now) =>
        write(now, () => changes.deleteAll(pubkey, namespace, now)),
      deleteBefore: (pubkey, namespace, before, now) =>
        write(now, () => changes.deleteBefore(pubkey, namespace, before, now)),
      shortenAll: (pubkey, namespace, expiry, now) =>
        write(now, () => changes.shortenAll(pubkey, namespace, expiry, now)),
      updateExpiries: (pubkey, hashes, expiries, change, now) =>
        write(now, () => changes.updateExpiries(pubkey, hashes, expiries, change, now)),
      revokeSubaccounts: (pubkey, tokens, now) =>
        write(undefined, () => revocations.revoke(pubkey, tokens, now)),
      unrevokeSubaccounts: (pubkey, tokens) =>
        write(undefined, () => revocations.unrevoke(pubkey, tokens)),
      isSubaccountRevoked: revocations.isRevoked,
      purgeExpired: (now) => write(undefined, () => purger.purgeNow(now)),
    } satisfies MessageStore,
  );
}
