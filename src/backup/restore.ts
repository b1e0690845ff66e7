/**
 * Writing a dump into an empty store, in chunks under KV's commit limits. A marker is written
 * first and removed last, so a restore cut short (crash, full disk) is visible: the store is
 * then refused by a new restore and by `sessionbot run` until it is deleted and restored again.
 *
 * @module
 */
import { serialize } from "node:v8";
import { SessionBotError, ValidationError } from "../core/errors.ts";
import { type Dump, entryValue } from "./dump.ts";
import { restoreExpireIn } from "./expiry.ts";

/** The marker of a restore in progress. */
export const RESTORE_MARKER: Deno.KvKey = ["restore_in_progress"];

/** Per commit, safely under KV's limits (1000 mutations, 800 KiB). */
const MAX_MUTATIONS = 500;
const MAX_BYTES = 500_000;

/** Progress of a restore. */
export interface RestoreProgress {
  /** Entries written so far. */
  readonly done: number;
  /** Entries in all. */
  readonly total: number;
}

/**
 * Throws when `kv` holds a restore that did not finish.
 *
 * @example
 * ```ts
 * import { assertNoRestoreInProgress } from "./restore.ts";
 * const kv = await Deno.openKv(":memory:");
 * await assertNoRestoreInProgress(kv); // fine: nothing there
 * kv.close();
 * ```
 */
export async function assertNoRestoreInProgress(kv: Deno.Kv): Promise<void> {
  const marker = await kv.get<{ startedAt: number }>(RESTORE_MARKER);
  if (marker.value !== null) {
    throw new SessionBotError(
      `a restore into this store started at ${
        new Date(marker.value.startedAt).toISOString()
      } and did not finish, so its state is incomplete: delete the store file and run ` +
        "`sessionbot restore-backup` again",
      "restore_incomplete",
    );
  }
}

/**
 * Restores `dump` into `kv`, which must be empty. Expiring entries get the time they had left.
 *
 * @example
 * ```ts
 * import { restoreDump } from "./restore.ts";
 * const kv = await Deno.openKv(":memory:");
 * await restoreDump(kv, { format: "sessionbot.kv-dump/v1", createdAt: 0, entries: [] });
 * kv.close();
 * ```
 */
export async function restoreDump(
  kv: Deno.Kv,
  dump: Dump,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<void> {
  await assertNoRestoreInProgress(kv);
  await assertEmpty(kv);
  const total = dump.entries.length;
  const begin = await kv.atomic().check({ key: RESTORE_MARKER, versionstamp: null })
    .set(RESTORE_MARKER, { startedAt: Date.now(), entries: total }).commit();
  if (!begin.ok) throw new SessionBotError("another restore is running", "restore_busy");
  const now = Date.now();
  let atomic = kv.atomic();
  let mutations = 0;
  let bytes = 0;
  let done = 0;
  const flush = async () => {
    if (mutations === 0) return;
    const result = await atomic.commit();
    if (!result.ok) throw new SessionBotError("a restore commit failed", "restore_failed");
    done += mutations;
    onProgress?.({ done, total });
    atomic = kv.atomic();
    mutations = bytes = 0;
  };
  for (const entry of dump.entries) {
    const size = serialize([entry.key, entry.value]).length;
    if (mutations + 1 > MAX_MUTATIONS || bytes + size > MAX_BYTES) await flush();
    const expireIn = restoreExpireIn(entry.expiresAt, now);
    atomic.set(entry.key, entryValue(entry), expireIn === undefined ? {} : { expireIn });
    mutations++;
    bytes += size;
  }
  await flush();
  await kv.delete(RESTORE_MARKER);
}

/** Refuses a store with any entry in it: a restore never merges. */
export async function assertEmpty(kv: Deno.Kv): Promise<void> {
  for await (const entry of kv.list({ prefix: [] }, { limit: 1 })) {
    throw new ValidationError(
      `the target store is not empty (it holds ${JSON.stringify(entry.key)} and maybe more): ` +
        "restore into a new store, e.g. --kv ./restored.kv",
      "store_not_empty",
      "kv",
    );
  }
}
