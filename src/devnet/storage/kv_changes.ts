/**
 * Deletions and expiry changes on the KV store: by hash, by namespace (or all), by timestamp,
 * and expiry updates with the extend/shorten rules (`Database::delete_*`, `update_expiry`,
 * `update_all_expiries`). Callers run these inside the store's write queue.
 *
 * @module
 */
import type { Layout, Row } from "./kv_layout.ts";
import { type KvOps, type Located, locatedRow, type Step } from "./kv_ops.ts";
import type { ExpiryChange, MessageStore, NamespacedHash, NamespaceSelector } from "./store.ts";

/** The mutations of one store (unqueued): the store contract's write half. */
export type KvChanges = Pick<
  MessageStore,
  "deleteByHash" | "deleteAll" | "deleteBefore" | "shortenAll" | "updateExpiries"
>;

export function createKvChanges(kv: Deno.Kv, keys: Layout, ops: KvOps): KvChanges {
  async function deleteByHash(pubkey: string, hashes: readonly string[], now: number) {
    const deleted: string[] = [];
    const steps: Step[] = [];
    for (const hash of new Set(hashes)) {
      const found = await ops.locate(hash);
      if (!found || found.entry.pubkey !== pubkey || found.row.expiry <= now) continue;
      steps.push((op) => ops.remove(op, found));
      deleted.push(hash);
    }
    await ops.commit(steps);
    return deleted;
  }

  /** Applies `change` to each live row of the account (one namespace or all) that `pick`s. */
  async function eachRow(
    pubkey: string,
    namespace: NamespaceSelector,
    now: number,
    pick: (row: Row) => boolean,
    change: (op: Deno.AtomicOperation, found: Located) => unknown,
  ): Promise<NamespacedHash[]> {
    const prefix = keys.rows(pubkey, namespace === "all" ? undefined : namespace);
    const touched: NamespacedHash[] = [];
    const steps: Step[] = [];
    for await (const { key, value } of kv.list<Row>({ prefix })) {
      if (value.expiry <= now || !pick(value)) continue;
      const found = locatedRow(key, value, pubkey);
      steps.push((op) => change(op, found));
      touched.push({ namespace: found.entry.namespace, hash: value.hash });
    }
    await ops.commit(steps);
    return touched;
  }

  function deleteAll(pubkey: string, namespace: NamespaceSelector, now: number) {
    return eachRow(pubkey, namespace, now, () => true, ops.remove);
  }

  function deleteBefore(pubkey: string, namespace: NamespaceSelector, before: number, now: number) {
    return eachRow(pubkey, namespace, now, (row) => row.timestamp <= before, ops.remove);
  }

  function shortenAll(pubkey: string, namespace: NamespaceSelector, expiry: number, now: number) {
    const later = (row: Row) => row.expiry > expiry;
    return eachRow(
      pubkey,
      namespace,
      now,
      later,
      (op, found) => ops.setExpiry(op, found, expiry, now),
    );
  }

  async function updateExpiries(
    pubkey: string,
    hashes: readonly string[],
    expiries: readonly number[],
    change: ExpiryChange,
    now: number,
  ) {
    const updated: { hash: string; expiry: number }[] = [];
    // One expiry for all hashes updates each hash once, as the SQL `IN (…)` does.
    const targets = expiries.length === 1 ? [...new Set(hashes)] : hashes;
    for (let i = 0; i < targets.length; i++) {
      const expiry = expiries.length === 1 ? expiries[0] : expiries[i];
      const found = await ops.locate(targets[i]);
      if (!found || found.entry.pubkey !== pubkey || found.row.expiry <= now) continue;
      const current = found.row.expiry;
      if (change === "extend" && !(current < expiry)) continue;
      if (change === "shorten" && !(current > expiry)) continue;
      // One commit per message: a repeated hash must see its previous update.
      await ops.commit([(op) => ops.setExpiry(op, found, expiry, now)]);
      updated.push({ hash: targets[i], expiry });
    }
    return updated;
  }

  return Object.freeze({ deleteByHash, deleteAll, deleteBefore, shortenAll, updateExpiries });
}
