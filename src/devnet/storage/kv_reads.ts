/**
 * Reads of the KV store: a page of messages with the server's size accounting, expiries, and a
 * count. Reads take no lock; an entry whose parts vanished mid-read is skipped.
 *
 * @module
 */
import { RETRIEVE_MESSAGE_OVERHEAD } from "./constants.ts";
import type { HashEntry, Layout, Row } from "./kv_layout.ts";
import type { KvOps } from "./kv_ops.ts";
import type { ListOptions, ListResult, StoredMessage } from "./store.ts";

/** The read operations of one store. */
export interface KvReads {
  list(pubkey: string, namespace: number, now: number, options?: ListOptions): Promise<ListResult>;
  getExpiries(pubkey: string, hashes: readonly string[], now: number): Promise<Map<string, number>>;
  countMessages(now: number): Promise<number>;
}

/** Creates the reads of one store. */
export function createKvReads(kv: Deno.Kv, keys: Layout, ops: KvOps): KvReads {
  async function list(
    pubkey: string,
    namespace: number,
    now: number,
    options: ListOptions = {},
  ): Promise<ListResult> {
    const { maxCount, maxSize } = options;
    if (maxCount === 0) return { messages: [], more: false };
    const prefix = keys.rows(pubkey, namespace);
    let selector: Deno.KvListSelector = { prefix };
    if (options.after) {
      const entry = (await kv.get<HashEntry>(keys.hash(options.after))).value;
      if (entry && entry.pubkey === pubkey && entry.namespace === namespace) {
        selector = { prefix, start: keys.row(pubkey, namespace, entry.seq + 1) };
      }
    }
    const rows: Row[] = [];
    let more = false;
    let size = 0;
    // Rows are up to 60 kB: fetch about as many as the page can take, not KV's default 500.
    const batchSize = Math.min(maxCount === undefined ? 100 : maxCount + 1, 500);
    for await (const { value } of kv.list<Row>(selector, { batchSize })) {
      if (value.expiry <= now) continue;
      if (maxCount !== undefined && rows.length >= maxCount) {
        more = true;
        break;
      }
      if (maxSize !== undefined) {
        // The server counts the base64 size of the data, the hash and a fixed overhead.
        size += RETRIEVE_MESSAGE_OVERHEAD + value.hash.length + Math.floor(value.size * 4 / 3);
        if (rows.length > 0 && size > maxSize) {
          more = true;
          break;
        }
      }
      rows.push(value);
    }
    const messages: StoredMessage[] = [];
    for (const row of rows) {
      const data = await ops.readData(row);
      const { hash, timestamp, expiry } = row;
      if (data) messages.push({ pubkey, namespace, hash, timestamp, expiry, data });
    }
    return { messages, more };
  }

  async function getExpiries(pubkey: string, hashes: readonly string[], now: number) {
    const expiries = new Map<string, number>();
    for (const hash of new Set(hashes)) {
      const found = await ops.locate(hash);
      if (found && found.entry.pubkey === pubkey && found.row.expiry > now) {
        expiries.set(hash, found.row.expiry);
      }
    }
    return expiries;
  }

  async function countMessages(now: number): Promise<number> {
    let count = 0;
    for await (const { value } of kv.list<Row>({ prefix: keys.all() })) {
      if (value.expiry > now) count++;
    }
    return count;
  }

  return Object.freeze({ list, getExpiries, countMessages });
}
