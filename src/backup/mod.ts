/**
 * Encrypted backups of a bot's whole KV store (identities, cursors, dedup markers, contacts and
 * request decisions, plugin state, webhook endpoints, event log) and their restore into an
 * empty store on another machine.
 *
 * @example
 * ```ts
 * import { createBackup, restoreBackup } from "./mod.ts";
 *
 * const source = await Deno.openKv(":memory:");
 * await source.set(["identity", "bot"], { v: 1 });
 * const { bytes: file } = await createBackup(source, "correct horse", { kdf: { logN: 10 } });
 * const target = await Deno.openKv(":memory:");
 * const { entries } = await restoreBackup(target, file, "correct horse");
 * console.log(entries); // 1
 * source.close();
 * target.close();
 * ```
 *
 * @module
 */
import type { ScryptParams } from "../client/keyring/kdf.ts";
import { decodeDump, dumpKv, encodeDump } from "./dump.ts";
import { readFileExpiries } from "./file_expiry.ts";
import { assertEmpty, assertNoRestoreInProgress, restoreDump } from "./restore.ts";
import type { RestoreProgress } from "./restore.ts";
import { openFile, sealFile } from "./seal.ts";

export { assertNoRestoreInProgress, RESTORE_MARKER, type RestoreProgress } from "./restore.ts";
export { type BackupHeader, parseHeader } from "./format.ts";
export { type Dump, type DumpEntry, TRANSIENT_PREFIXES } from "./dump.ts";

/** Options of {@link createBackup}. */
export interface BackupOptions {
  /** scrypt cost (default N = 2^17, r = 8, p = 1, as the keyring). */
  readonly kdf?: Partial<ScryptParams>;
  /**
   * The store's file, when it is a local one: expiry times are then read from it exactly.
   * Otherwise dedup markers and other client entries get the conservative times of the
   * built-in rules, and other expiring entries none.
   */
  readonly kvPath?: string;
}

/** A backup made by {@link createBackup}. */
export interface BackupResult {
  /** The file's bytes. */
  readonly bytes: Uint8Array;
  /** Entries in it. */
  readonly entries: number;
  /** When it was taken, ms since epoch. */
  readonly createdAt: number;
  /** Expiry times were read from the store's file (exact), not derived. */
  readonly exactExpiry: boolean;
}

/**
 * Dumps `kv` and seals it under `passphrase`. Stop the service that uses the store first, so
 * the dump is one consistent state.
 *
 * @example
 * ```ts
 * import { createBackup } from "./mod.ts";
 * const kv = await Deno.openKv(":memory:");
 * const { bytes } = await createBackup(kv, "pass phrase", { kdf: { logN: 10 } });
 * console.log(new TextDecoder().decode(bytes.subarray(0, 8))); // "SBBACKUP"
 * kv.close();
 * ```
 */
export async function createBackup(
  kv: Deno.Kv,
  passphrase: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const exact = options.kvPath ? await readFileExpiries(options.kvPath) : undefined;
  const dump = await dumpKv(kv, Date.now(), exact);
  const bytes = await sealFile(encodeDump(dump), passphrase, options.kdf);
  return { bytes, entries: dump.entries.length, createdAt: dump.createdAt, exactExpiry: !!exact };
}

/** What a restore wrote. */
export interface RestoreResult {
  /** Entries restored. */
  readonly entries: number;
  /** When the backup was taken, ms since epoch. */
  readonly createdAt: number;
}

/**
 * Decrypts `file` and restores it into `kv`, which must be empty. The store is checked and the
 * file decrypted and decoded before anything is written, so a wrong passphrase or a damaged
 * file changes nothing.
 *
 * @example
 * ```ts
 * import { restoreBackup } from "./mod.ts";
 * declare const file: Uint8Array;
 * const kv = await Deno.openKv("./restored.kv");
 * await restoreBackup(kv, file, "pass phrase");
 * kv.close();
 * ```
 */
export async function restoreBackup(
  kv: Deno.Kv,
  file: Uint8Array,
  passphrase: string,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<RestoreResult> {
  await assertNoRestoreInProgress(kv);
  await assertEmpty(kv);
  const dump = decodeDump(await openFile(file, passphrase));
  await restoreDump(kv, dump, onProgress);
  return { entries: dump.entries.length, createdAt: dump.createdAt };
}
export type { ScryptParams } from "../client/keyring/mod.ts";
