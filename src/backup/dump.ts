/**
 * A typed dump of a Deno KV store: every entry's key and value in V8's structured
 * serialization (what KV itself stores, so `Uint8Array`, `bigint`, `Date`, `Map`, `Set`…
 * round-trip), `Deno.KvU64` values tagged (V8 would turn them into plain objects), and an
 * expiry time where one is known. Leases are left out: they belong to running processes.
 *
 * @module
 */
import { deserialize, serialize } from "node:v8";
import { ValidationError } from "../core/errors.ts";
import { expiresAt } from "./expiry.ts";
import type { ExpiryLookup } from "./file_expiry.ts";

/** The dump format tag inside the encrypted payload. */
export const DUMP_FORMAT = "sessionbot.kv-dump/v1";

/** One KV entry in a dump. */
export interface DumpEntry {
  /** The key. */
  readonly key: Deno.KvKey;
  /** The value (for a `Deno.KvU64`, its bigint). */
  readonly value: unknown;
  /** The value was a `Deno.KvU64`. */
  readonly u64?: true;
  /** When the entry should expire, ms since epoch. */
  readonly expiresAt?: number;
}

/** A whole dump. */
export interface Dump {
  /** {@link DUMP_FORMAT}. */
  readonly format: string;
  /** When it was taken, ms since epoch. */
  readonly createdAt: number;
  /** The entries, in key order. */
  readonly entries: readonly DumpEntry[];
}

/** Top-level key parts never dumped: process leases and our own restore marker. */
export const TRANSIENT_PREFIXES: readonly string[] = [
  "lease",
  "lock",
  "restore_in_progress",
  "service", // the running service's heartbeat
];

/**
 * Reads every entry of `kv` (in key order) except transient ones. `exact` gives the expiry
 * times read from the store's file; without one (or for a key it does not know) the
 * {@link expiresAt} rules apply.
 *
 * @example
 * ```ts
 * import { dumpKv } from "./dump.ts";
 * const kv = await Deno.openKv(":memory:");
 * await kv.set(["a"], new Uint8Array([1]));
 * console.log((await dumpKv(kv)).entries.length); // 1
 * kv.close();
 * ```
 */
export async function dumpKv(
  kv: Deno.Kv,
  now = Date.now(),
  exact?: ExpiryLookup,
): Promise<Dump> {
  const entries: DumpEntry[] = [];
  for await (const entry of kv.list({ prefix: [] })) {
    if (TRANSIENT_PREFIXES.includes(entry.key[0] as string)) continue;
    const u64 = entry.value instanceof Deno.KvU64;
    const at = exact?.(entry.key) ?? expiresAt(entry.key, now);
    entries.push({
      key: entry.key,
      value: u64 ? (entry.value as Deno.KvU64).value : entry.value,
      ...(u64 ? { u64: true as const } : {}),
      ...(at !== undefined ? { expiresAt: at } : {}),
    });
  }
  return { format: DUMP_FORMAT, createdAt: now, entries };
}

/**
 * The dump as bytes.
 *
 * @example
 * ```ts
 * import { decodeDump, encodeDump } from "./dump.ts";
 * const bytes = encodeDump({ format: "sessionbot.kv-dump/v1", createdAt: 0, entries: [] });
 * console.log(decodeDump(bytes).entries.length); // 0
 * ```
 */
export function encodeDump(dump: Dump): Uint8Array {
  return new Uint8Array(serialize(dump));
}

/**
 * Bytes back into a dump, checked entry by entry.
 *
 * @example
 * ```ts
 * import { decodeDump, encodeDump } from "./dump.ts";
 * const bytes = encodeDump({ format: "sessionbot.kv-dump/v1", createdAt: 1, entries: [] });
 * console.log(decodeDump(bytes).createdAt); // 1
 * ```
 */
export function decodeDump(bytes: Uint8Array): Dump {
  let dump: Dump;
  try {
    dump = deserialize(bytes) as Dump;
  } catch (error) {
    throw damaged(`its content does not decode (${(error as Error).message})`);
  }
  if (
    typeof dump !== "object" || dump === null || dump.format !== DUMP_FORMAT ||
    !Array.isArray(dump.entries)
  ) {
    throw damaged(`its content is not a ${DUMP_FORMAT} dump`);
  }
  for (const [i, entry] of dump.entries.entries()) {
    if (!Array.isArray(entry?.key) || entry.key.length === 0) {
      throw damaged(`entry ${i} has no key`);
    }
    if (entry.u64 && typeof entry.value !== "bigint") throw damaged(`entry ${i} is not a u64`);
  }
  return dump;
}

/** The value to write back for `entry`. */
export function entryValue(entry: DumpEntry): unknown {
  return entry.u64 ? new Deno.KvU64(entry.value as bigint) : entry.value;
}

function damaged(why: string): ValidationError {
  return new ValidationError(`the backup decrypted but ${why}`, "backup_corrupt", "file");
}
