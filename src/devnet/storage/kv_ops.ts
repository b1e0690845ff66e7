/**
 * Low-level KV steps on one message, shared by every store operation: load by hash, write,
 * delete, change expiry, and commit many such steps in atomic batches under KV's limits.
 *
 * @module
 */
import { concatBytes } from "../../core/mod.ts";
import { EXPIRE_GRACE, type HashEntry, type Layout, type Row, splitData } from "./kv_layout.ts";
import type { StoredMessage } from "./store.ts";

/** A message as found in KV: where it is and its row. */
export interface Located {
  readonly entry: HashEntry;
  readonly row: Row;
}

/** KV allows 1000 mutations per atomic commit; a message takes at most 5. */
const MUTATIONS_PER_COMMIT = 900;

/** A row found by listing: its key gives namespace and sequence. */
export function locatedRow(key: Deno.KvKey, row: Row, pubkey: string): Located {
  const [namespace, seq] = key.slice(-2) as [number, number];
  return { entry: { pubkey, namespace, seq }, row };
}

/** One mutation step on an atomic operation (may be async to read what it rewrites). */
export type Step = (op: Deno.AtomicOperation) => unknown;

/** The KV steps of one store, bound to its KV and layout. */
export interface KvOps {
  locate(hash: string): Promise<Located | undefined>;
  write(op: Deno.AtomicOperation, message: StoredMessage, seq: number, now: number): void;
  remove(op: Deno.AtomicOperation, found: Located): void;
  setExpiry(op: Deno.AtomicOperation, found: Located, expiry: number, now: number): Promise<void>;
  readData(found: Row): Promise<Uint8Array | undefined>;
  commit(steps: Step[], size?: number): Promise<void>;
}

/** Binds the message-level KV steps to `kv` and `keys`. */
export function createKvOps(kv: Deno.Kv, keys: Layout): KvOps {
  function lifetime(expiry: number, now: number): { expireIn: number } {
    return { expireIn: Math.max(expiry - now, 0) + EXPIRE_GRACE };
  }

  async function locate(hash: string): Promise<Located | undefined> {
    const entry = (await kv.get<HashEntry>(keys.hash(hash))).value;
    if (!entry) return undefined;
    const row = (await kv.get<Row>(keys.row(entry.pubkey, entry.namespace, entry.seq))).value;
    return row ? { entry, row } : undefined;
  }

  function write(op: Deno.AtomicOperation, message: StoredMessage, seq: number, now: number) {
    const parts = splitData(message.data);
    const ttl = lifetime(message.expiry, now);
    const { pubkey, namespace, hash } = message;
    const row: Row = {
      hash,
      timestamp: message.timestamp,
      expiry: message.expiry,
      size: message.data.length,
      data: parts[0],
      parts: parts.length,
    };
    op.set(keys.row(pubkey, namespace, seq), row, ttl);
    op.set(keys.hash(hash), { pubkey, namespace, seq } satisfies HashEntry, ttl);
    op.set(keys.expiry(message.expiry, hash), pubkey, ttl);
    for (let i = 1; i < parts.length; i++) op.set(keys.chunk(hash, i), parts[i], ttl);
  }

  function remove(op: Deno.AtomicOperation, { entry, row }: Located) {
    op.delete(keys.row(entry.pubkey, entry.namespace, entry.seq));
    op.delete(keys.hash(row.hash));
    op.delete(keys.expiry(row.expiry, row.hash));
    for (let i = 1; i < row.parts; i++) op.delete(keys.chunk(row.hash, i));
  }

  async function setExpiry(op: Deno.AtomicOperation, found: Located, expiry: number, now: number) {
    const { entry, row } = found;
    const ttl = lifetime(expiry, now);
    op.delete(keys.expiry(row.expiry, row.hash));
    op.set(keys.row(entry.pubkey, entry.namespace, entry.seq), { ...row, expiry }, ttl);
    op.set(keys.hash(row.hash), entry, ttl);
    op.set(keys.expiry(expiry, row.hash), entry.pubkey, ttl);
    // Chunks carry their own expireIn, so they are rewritten too (only for data over 60 kB).
    for (let i = 1; i < row.parts; i++) {
      const chunk = (await kv.get<Uint8Array>(keys.chunk(row.hash, i))).value;
      if (chunk) op.set(keys.chunk(row.hash, i), chunk, ttl);
    }
  }

  async function readData(row: Row): Promise<Uint8Array | undefined> {
    if (row.parts === 1) return row.data;
    const rest = await kv.getMany<Uint8Array[]>(
      Array.from({ length: row.parts - 1 }, (_, i) => keys.chunk(row.hash, i + 1)),
    );
    if (rest.some((entry) => entry.value === null)) return undefined;
    return concatBytes(row.data, ...rest.map((entry) => entry.value!));
  }

  async function commit(steps: Step[], size = 5): Promise<void> {
    const perCommit = Math.max(1, Math.floor(MUTATIONS_PER_COMMIT / size));
    for (let at = 0; at < steps.length; at += perCommit) {
      const op = kv.atomic();
      for (const step of steps.slice(at, at + perCommit)) {
        // Only await real promises: an AtomicOperation (what `op.set` returns) refuses `then`.
        const pending = step(op);
        if (pending instanceof Promise) await pending;
      }
      const result = await op.commit();
      if (!result.ok) throw new Error("storage commit was rejected");
    }
  }

  return Object.freeze({ locate, write, remove, setExpiry, readData, commit });
}
