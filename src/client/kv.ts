/**
 * Opening the Deno KV database sessionbot keeps its keys and state in. The file may hold
 * unencrypted seeds, so it is created owner-only (0600) in an owner-only (0700) directory.
 *
 * @module
 */
import { dirname, join } from "node:path";

/**
 * Where the KV file lives unless told otherwise: XDG data dir, else `~/.local/share`.
 *
 * @example
 * ```ts
 * import { defaultKvPath, openKv } from "./kv.ts";
 *
 * console.log(defaultKvPath()); // e.g. "/home/ann/.local/share/sessionbot/sessionbot.kv"
 * const kv = await openKv(defaultKvPath());
 * kv.close();
 * ```
 */
export function defaultKvPath(
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
): string {
  const windows = Deno.build.os === "windows";
  const base = env("XDG_DATA_HOME") ||
    (windows ? env("LOCALAPPDATA") : undefined) ||
    join(env("HOME") || env("USERPROFILE") || ".", ".local", "share");
  return join(base, "sessionbot", "sessionbot.kv");
}

/**
 * Opens (creating if needed) Deno KV at `path` (default {@link defaultKvPath}), then restricts
 * the file and its SQLite side files (`-wal`, `-shm`) to mode 0600 on non-Windows systems.
 * `":memory:"` opens an in-memory store.
 *
 * @example
 * ```ts
 * import { openKv } from "./kv.ts";
 * const dir = await Deno.makeTempDir();
 * const kv = await openKv(`${dir}/bot/sessionbot.kv`);
 * await kv.set(["hello"], "world");
 * kv.close();
 * ```
 */
export async function openKv(path: string = defaultKvPath()): Promise<Deno.Kv> {
  if (path === ":memory:") return await Deno.openKv(path);
  const posix = Deno.build.os !== "windows";
  await Deno.mkdir(dirname(path), { recursive: true, ...(posix ? { mode: 0o700 } : {}) });
  // Create the file ourselves first: SQLite would create it with the umask's mode (often 0644)
  // and the chmod below would come a moment too late. SQLite accepts an empty file as a new db.
  const file = await Deno.open(path, {
    create: true,
    write: true,
    ...(posix ? { mode: 0o600 } : {}),
  });
  file.close();
  const kv = await Deno.openKv(path);
  if (posix) await restrict(path);
  return kv;
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
