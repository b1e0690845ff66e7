/**
 * The durable inbox: raw messages in KV under `["inbox", sid, seq]`, read in order, retried
 * with their attempt count persisted, removed (or dead-lettered) in a commit that the group
 * committer runs only after every handler resolved.
 *
 * @module
 */
import { countKeys } from "./stats.ts";
import { deleteParts, joinText, PART_CHARS } from "./chunks.ts";
import { deadLetterOp } from "./dead_letters.ts";
import type { TxOp } from "./tx.ts";

/** An inbox entry as stored. */
export interface StoredInboxEntry {
  readonly hash: string;
  /** The first 60 000 characters of the base64 `data`. */
  readonly data: string;
  /** Continuation parts. */
  readonly parts: number;
  /** Store timestamp and expiry from the node, ms. */
  readonly timestamp: number;
  readonly expiration: number;
  /** When this client took it in, ms. */
  readonly receivedAt: number;
  /** Failed handler rounds so far, events already handled, and the last failure. */
  readonly attempts?: number;
  readonly done?: number;
  readonly lastError?: string;
}

/** An inbox entry ready to handle. */
export interface InboxEntry extends Omit<StoredInboxEntry, "data"> {
  readonly seq: number;
  /** The whole base64 `data`. */
  readonly data: string;
  readonly versionstamp: string;
}

/** The inbox of one identity. */
export interface Inbox {
  /** Up to `limit` entries with a sequence number ≥ `from`, in order. */
  list(from: number, limit: number): Promise<InboxEntry[]>;
  /**
   * Persists a failed round together with `ops` (the handled events' effects); returns the
   * entry with its new versionstamp (null: it is gone).
   */
  retry(
    entry: InboxEntry,
    update: { attempts: number; done: number; lastError: string },
    ops?: readonly TxOp[],
  ): Promise<InboxEntry | null>;
  /** The ops that remove `entry` (only if unchanged since it was read). */
  remove(entry: InboxEntry): TxOp[];
  /** The ops that move `entry` to the dead letters with `reason` after `attempts` tries. */
  deadLetter(entry: InboxEntry, code: string, reason: string, attempts?: number): TxOp[];
  /** How many entries wait. */
  size(): Promise<number>;
}

/**
 * Creates the inbox of `sid` on `kv`. `box` names the key space: `"inbox"` for swarm messages;
 * communities keep their own (`"community_inbox"`) so the two pollers never share a counter.
 */
export function createInbox(kv: Deno.Kv, sid: string, box = "inbox"): Inbox {
  const key = (seq?: number): Deno.KvKey => seq === undefined ? [box, sid] : [box, sid, seq];

  async function list(from: number, limit: number): Promise<InboxEntry[]> {
    const entries: InboxEntry[] = [];
    const iter = kv.list<StoredInboxEntry>(
      { start: key(from), end: key(Number.MAX_SAFE_INTEGER) },
      { limit, batchSize: Math.min(limit, 500) },
    );
    for await (const { key, value, versionstamp } of iter) {
      const seq = key[2] as number;
      const data = await joinText(kv, box, sid, seq, value.data, value.parts);
      entries.push({ ...value, seq, data, versionstamp });
    }
    return entries;
  }

  async function retry(
    entry: InboxEntry,
    update: { attempts: number; done: number; lastError: string },
    ops: readonly TxOp[] = [],
  ): Promise<InboxEntry | null> {
    const { seq: _seq, versionstamp, data, ...stored } = entry;
    const value: StoredInboxEntry = { ...stored, data: data.slice(0, PART_CHARS), ...update };
    const atomic = kv.atomic().check({ key: key(entry.seq), versionstamp })
      .set(key(entry.seq), value);
    for (const op of ops) op(atomic);
    const result = await atomic.commit();
    return result.ok ? { ...entry, ...update, versionstamp: result.versionstamp } : null;
  }

  function remove(entry: InboxEntry): TxOp[] {
    const at = key(entry.seq);
    return [(a) => {
      a.check({ key: at, versionstamp: entry.versionstamp }).delete(at);
      deleteParts(a, box, sid, entry.seq, entry.parts);
    }];
  }

  function deadLetter(entry: InboxEntry, code: string, reason: string, attempts = 0): TxOp[] {
    return [
      ...remove(entry),
      deadLetterOp(sid, "in", entry.hash, {
        code,
        reason,
        data: entry.data.length <= PART_CHARS ? entry.data : undefined,
        attempts,
      }),
    ];
  }

  function size(): Promise<number> {
    return countKeys(kv, key());
  }

  return { list, retry, remove, deadLetter, size };
}
