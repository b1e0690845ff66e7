/**
 * Exact expiry times read from a local KV file. Deno KV's API does not expose an entry's
 * expiry, but its SQLite file holds it (`kv.expiration_ms`), so a backup of a local store
 * keeps every `expireIn` exactly (the client's, the event log's, the webhook log's, plugins').
 *
 * @module
 */
import { toHex } from "../core/bytes.ts";
import { encodeKvKey } from "./key_codec.ts";

/** Looks up when a key expires (ms since epoch), or undefined when it does not. */
export type ExpiryLookup = (key: Deno.KvKey) => number | undefined;

/**
 * Reads the expiry of every expiring entry of the KV file at `path`; undefined when the file
 * cannot be read that way (not SQLite, no permission, a newer layout), so callers fall back.
 *
 * @example
 * ```ts
 * import { readFileExpiries } from "./file_expiry.ts";
 * const lookup = await readFileExpiries("./bot.kv");
 * console.log(lookup?.(["seen", "05…", "hash"]));
 * ```
 */
export async function readFileExpiries(path: string): Promise<ExpiryLookup | undefined> {
  try {
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const rows = db.prepare("SELECT hex(k) AS k, expiration_ms AS e FROM kv WHERE e >= 0")
        .all() as { k: string; e: number }[];
      const expiries = new Map(rows.map((row) => [row.k.toLowerCase(), Number(row.e)]));
      return (key) => expiries.get(toHex(encodeKvKey(key)));
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}
