/**
 * The running service's mark in its store: its pid and when it last wrote, renewed every few
 * seconds and removed on shutdown. `sessionbot backup` reads it to refuse copying a store that
 * is changing under it (a backup must be one consistent state).
 *
 * @module
 */

/** The heartbeat's key (left out of backups: it describes a process, not the bot). */
export const HEARTBEAT_KEY: Deno.KvKey = ["service", "heartbeat"];

/** What the heartbeat holds. */
export interface Heartbeat {
  /** The service's process id. */
  readonly pid: number;
  /** When it last wrote, ms since the epoch. */
  readonly at: number;
}

/** A heartbeat older than this means the service is gone (it died without removing it). */
export const HEARTBEAT_STALE_MS = 20_000;

/**
 * Writes the heartbeat now and every `intervalMs`; `stop()` ends it and removes the mark.
 *
 * @example
 * ```ts
 * const beat = await startHeartbeat(kv);
 * // … the service runs …
 * await beat.stop();
 * ```
 */
export async function startHeartbeat(
  kv: Deno.Kv,
  intervalMs = 5_000,
): Promise<{ stop(): Promise<void> }> {
  const beat = () => kv.set(HEARTBEAT_KEY, { pid: Deno.pid, at: Date.now() } satisfies Heartbeat);
  await beat();
  let writing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    writing = beat().catch(() => {}); // a busy store misses one beat; the next one comes
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await writing;
      await kv.delete(HEARTBEAT_KEY);
    },
  };
}

/**
 * The heartbeat of a service using `kv` right now, if there is a fresh one.
 *
 * @example
 * ```ts
 * const live = await liveService(kv);
 * if (live) console.log(`pid ${live.pid} is using this store`);
 * ```
 */
export async function liveService(
  kv: Deno.Kv,
  now = Date.now(),
): Promise<Heartbeat | undefined> {
  const { value } = await kv.get<Heartbeat>(HEARTBEAT_KEY);
  if (!value || typeof value.at !== "number") return undefined;
  return now - value.at < HEARTBEAT_STALE_MS ? value : undefined;
}
