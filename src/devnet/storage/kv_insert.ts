/**
 * Storing a message: a new hash gets the next sequence number (insertion order), a duplicate
 * only has its expiry raised, and a public outbox drops its other messages in the same commit
 * (`Database::store`).
 *
 * @module
 */
import type { Layout, Row } from "./kv_layout.ts";
import { type KvOps, locatedRow } from "./kv_ops.ts";
import type { PutOutcome, StoredMessage } from "./store.ts";

/** Stores a message; with `replace`, the account's other messages in the namespace go. */
export type Insert = (message: StoredMessage, now: number, replace: boolean) => Promise<PutOutcome>;

/** Creates the insert step of one store. Callers run it inside the store's write queue. */
export function createInserter(kv: Deno.Kv, keys: Layout, ops: KvOps): Insert {
  let lastSeq: number | undefined;
  let seqVersion: string | null = null;

  async function nextSeq(): Promise<number> {
    if (lastSeq === undefined) {
      const entry = await kv.get<number>(keys.seq());
      lastSeq = entry.value ?? 0;
      seqVersion = entry.versionstamp;
    }
    return lastSeq + 1;
  }

  /**
   * The common case in one round trip: a hash not seen before. Fails (returns false) when the
   * hash exists, or another writer moved the sequence; the caller then takes the careful path.
   */
  async function tryInsert(message: StoredMessage, now: number): Promise<boolean> {
    const seq = await nextSeq();
    const op = kv.atomic()
      .check({ key: keys.hash(message.hash), versionstamp: null })
      .check({ key: keys.seq(), versionstamp: seqVersion })
      .set(keys.seq(), seq);
    ops.write(op, message, seq, now);
    const result = await op.commit();
    if (result.ok) [lastSeq, seqVersion] = [seq, result.versionstamp];
    else lastSeq = undefined;
    return result.ok;
  }

  return async function insert(
    message: StoredMessage,
    now: number,
    replace: boolean,
  ): Promise<PutOutcome> {
    if (!replace && await tryInsert(message, now)) return { status: "new", expiry: message.expiry };
    const { pubkey, namespace, hash } = message;
    const found = await ops.locate(hash);
    const op = kv.atomic();
    if (replace) {
      for await (const { key, value } of kv.list<Row>({ prefix: keys.rows(pubkey, namespace) })) {
        if (value.hash !== hash) ops.remove(op, locatedRow(key, value, pubkey));
      }
    }
    let outcome: PutOutcome;
    if (found && found.row.expiry > now) {
      const raise = found.row.expiry < message.expiry;
      if (raise) await ops.setExpiry(op, found, message.expiry, now);
      outcome = raise
        ? { status: "extended", expiry: message.expiry }
        : { status: "exists", expiry: found.row.expiry };
    } else {
      if (found) ops.remove(op, found); // an expired copy not yet purged
      const seq = await nextSeq();
      op.check({ key: keys.seq(), versionstamp: seqVersion }).set(keys.seq(), seq);
      ops.write(op, message, seq, now);
      outcome = { status: "new", expiry: message.expiry };
    }
    const result = await op.commit();
    if (!result.ok) {
      lastSeq = undefined; // another writer on this node's prefix: reload before the next put
      throw new Error(`storage commit for ${hash} was rejected`);
    }
    if (outcome.status === "new") [lastSeq, seqVersion] = [lastSeq! + 1, result.versionstamp];
    return outcome;
  };
}
