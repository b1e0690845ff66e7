/**
 * How one node's messages sit in Deno KV. Several nodes share a KV file, so every key starts
 * with `["devnet-storage", nodeId]`.
 *
 * - `[…, "m", pubkey, namespace, seq]` → {@link Row}: the message, in insertion order;
 * - `[…, "h", hash]` → {@link HashEntry}: where a hash lives (dedupe, delete and expire by hash);
 * - `[…, "d", hash, i]` → bytes: data beyond the first chunk (values are capped at 64 KiB);
 * - `[…, "x", expiry, hash]` → pubkey: the purge index;
 * - `[…, "seq"]` → the last sequence number used;
 * - `[…, "r", pubkey, tokenHex]` → revocation time of a subaccount token.
 *
 * @module
 */

/** Bytes of data kept in the row itself; the rest goes to chunk keys. */
export const CHUNK_SIZE = 60_000;

/**
 * Extra real time KV keeps a message after its expiry: `expireIn` is a garbage-collection
 * backstop only, the engine's clock decides visibility and purging.
 */
export const EXPIRE_GRACE = 86_400_000;

/** A stored message row (data holds at most {@link CHUNK_SIZE} bytes). */
export interface Row {
  readonly hash: string;
  readonly timestamp: number;
  readonly expiry: number;
  /** Total data length in bytes. */
  readonly size: number;
  /** The first chunk of data. */
  readonly data: Uint8Array;
  /** How many chunks the data has (1 when it fits in the row). */
  readonly parts: number;
}

/** Where a hash's row is. */
export interface HashEntry {
  readonly pubkey: string;
  readonly namespace: number;
  readonly seq: number;
}

/** The key builders of one node. */
export interface Layout {
  row(pubkey: string, namespace: number, seq: number): Deno.KvKey;
  rows(pubkey: string, namespace?: number): Deno.KvKey;
  hash(hash: string): Deno.KvKey;
  chunk(hash: string, index: number): Deno.KvKey;
  expiry(expiry: number, hash: string): Deno.KvKey;
  expiries(): Deno.KvKey;
  seq(): Deno.KvKey;
  revoked(pubkey: string, token?: string): Deno.KvKey;
  all(): Deno.KvKey;
}

/** The key layout for `nodeId`. */
export function kvLayout(nodeId: string): Layout {
  const p = ["devnet-storage", nodeId] as const;
  return Object.freeze({
    row: (pubkey: string, namespace: number, seq: number) => [...p, "m", pubkey, namespace, seq],
    rows: (pubkey: string, namespace?: number) =>
      namespace === undefined ? [...p, "m", pubkey] : [...p, "m", pubkey, namespace],
    hash: (hash: string) => [...p, "h", hash],
    chunk: (hash: string, index: number) => [...p, "d", hash, index],
    expiry: (expiry: number, hash: string) => [...p, "x", expiry, hash],
    expiries: () => [...p, "x"],
    seq: () => [...p, "seq"],
    revoked: (pubkey: string, token?: string) =>
      token === undefined ? [...p, "r", pubkey] : [...p, "r", pubkey, token],
    all: () => [...p, "m"],
  });
}

/** Splits data into the row chunk and the rest. */
export function splitData(data: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < data.length || parts.length === 0; at += CHUNK_SIZE) {
    parts.push(data.slice(at, at + CHUNK_SIZE));
  }
  return parts;
}
