/**
 * Exactly-once effects for handlers: what a handler records on `event.tx` is committed in the
 * same Deno KV atomic commit that removes the event from the inbox. If the process dies before
 * that commit, neither happened and the event is delivered again; after it, both happened.
 *
 * @module
 */

/** One recorded operation, replayed onto the real commit. */
export type TxOp = (atomic: Deno.AtomicOperation) => void;

/**
 * The KV operations a handler can tie to its event's removal from the inbox. A failed check
 * fails the commit: the event is then handled again (optimistic concurrency).
 *
 * @example
 * ```ts
 * client.on("message", (event) => {
 *   event.tx.sum(["stats", "messages"], 1n);
 *   event.tx.set(["last", event.conversation], event.body ?? "");
 * });
 * ```
 */
export interface InboxTransaction {
  /** Requires `entry` to be unchanged (its versionstamp, or absence when null). */
  check(entry: Deno.AtomicCheck): InboxTransaction;
  /** Sets `key` (optionally expiring). */
  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }): InboxTransaction;
  /** Deletes `key`. */
  delete(key: Deno.KvKey): InboxTransaction;
  /** Adds `n` to the 64-bit counter at `key`. */
  sum(key: Deno.KvKey, n: bigint): InboxTransaction;
}

/** A fresh recorder and what it recorded. */
export function createTx(): { tx: InboxTransaction; ops: TxOp[]; checks(): number } {
  const ops: TxOp[] = [];
  let checks = 0;
  const tx: InboxTransaction = {
    check(entry) {
      checks++;
      ops.push((a) => void a.check(entry));
      return tx;
    },
    set(key, value, options) {
      ops.push((a) => void a.set(key, value, options));
      return tx;
    },
    delete(key) {
      ops.push((a) => void a.delete(key));
      return tx;
    },
    sum(key, n) {
      ops.push((a) => void a.sum(key, n));
      return tx;
    },
  };
  return { tx, ops, checks: () => checks };
}
