/**
 * Where a devnet keeps its keys, swarm layout, messages and files: a Deno KV file under the
 * `state` directory (owner-only, 0600), or an in-memory KV when there is no state.
 *
 * @module
 */
import { join } from "node:path";
import { SessionBotError } from "../core/errors.ts";

/** File name of the KV database inside the state directory. */
export const STATE_FILE = "devnet.kv";

/** An opened devnet state. */
export interface DevnetState {
  /** The KV database. */
  readonly kv: Deno.Kv;
  /** The KV file path, or `":memory:"`. */
  readonly path: string;
  /** Closes the KV. */
  close(): void;
}

/**
 * Opens (creating if needed) the state in `dir`, or an in-memory state without `dir`.
 *
 * @example
 * ```ts
 * const state = await openState(); // in memory
 * state.close();
 * ```
 */
export async function openState(dir?: string): Promise<DevnetState> {
  if (dir === undefined) {
    const kv = await Deno.openKv(":memory:");
    return { kv, path: ":memory:", close: () => kv.close() };
  }
  const posix = Deno.build.os !== "windows";
  const path = join(dir, STATE_FILE);
  try {
    await Deno.mkdir(dir, { recursive: true, ...(posix ? { mode: 0o700 } : {}) });
    // Create the file with 0600 first: SQLite would use the umask.
    (await Deno.open(path, { create: true, write: true, ...(posix ? { mode: 0o600 } : {}) }))
      .close();
    const kv = await Deno.openKv(path);
    if (posix) await restrict(path);
    return { kv, path, close: () => kv.close() };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SessionBotError(`cannot open the devnet state at ${path}: ${why}`, "state_open", {
      cause: error,
    });
  }
}

async function restrict(path: string): Promise<void> {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      await Deno.chmod(file, 0o600);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
}
