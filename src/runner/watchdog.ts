/**
 * The poll watchdog: probes the client's poll loop and marks the bot unhealthy when no poll has
 * succeeded for `staleMs`.
 *
 * @module
 */
import type { BotClient, ErrorEvent } from "../bot/mod.ts";
import { positiveMs } from "./_time.ts";

/** Options of {@link startWatchdog}. */
export interface WatchdogOptions {
  /** Unhealthy after this long without a successful poll, ms (default 5 minutes). */
  readonly staleMs?: number;
  /** How often to probe, ms (default a fifth of `staleMs`, at most 30 s). */
  readonly probeMs?: number;
  /** Called when health changes. */
  readonly onChange?: (health: Health) => void;
}

/** What the watchdog knows. */
export interface Health {
  /** False once no poll has succeeded for `staleMs`. */
  readonly healthy: boolean;
  /** When a poll last succeeded (epoch ms), or when watching began. */
  readonly lastPollAt: number;
  /** Why it is unhealthy: the last poll error, or a poll that did not return. */
  readonly reason?: string;
}

/** A running watchdog. */
export interface Watchdog {
  /** The current health. */
  health(): Health;
  /** Stops probing (an unfinished probe is left to end on its own). */
  stop(): void;
}

/**
 * A client the watchdog can watch: `stats()` reports when a poll last succeeded (as
 * `SessionClient`'s); else `poll()` resolves after a round; else only error events count.
 */
export type Probed = Pick<BotClient, "on"> & {
  poll?(): Promise<void>;
  stats?(): Promise<{ readonly lastPollAt?: number }>;
};

/**
 * Watches `client`'s polling. With `stats()` (a `SessionClient`) each probe reads when its poll
 * loop last succeeded, costing no request; with only `poll()` each probe asks for a round and
 * counts it a success when no poll error came meanwhile; with neither, a probe period free of
 * poll errors counts as one. A poll that hangs never counts.
 *
 * @example
 * ```ts
 * import { startWatchdog } from "./mod.ts";
 * import type { SessionClient } from "../client/session/mod.ts";
 *
 * declare const client: SessionClient;
 * const watchdog = startWatchdog(client, {
 *   staleMs: 5 * 60_000,
 *   onChange: (h) => console.error(h.healthy ? "polling again" : `unhealthy: ${h.reason}`),
 * });
 * // later
 * watchdog.stop();
 * ```
 */
export function startWatchdog(client: Probed, options: WatchdogOptions = {}): Watchdog {
  const staleMs = positiveMs(options.staleMs, 5 * 60_000, "watchdog.staleMs");
  const probeMs = positiveMs(options.probeMs, Math.min(30_000, staleMs / 5), "watchdog.probeMs");
  let lastPollAt = Date.now();
  let errors = 0;
  let lastError: string | undefined;
  let probing = false;
  let healthy = true;

  // Poll failures are the client's error events without a message (no id, no timestamp).
  const off = client.on("error", (event: ErrorEvent) => {
    if (event.id !== undefined || event.timestamp !== undefined) return;
    errors++;
    lastError = event.message;
  });

  async function probe(poll: () => Promise<void>): Promise<void> {
    const before = errors;
    probing = true;
    try {
      await poll();
      if (errors !== before) return;
      lastPollAt = Date.now();
      lastError = undefined;
    } finally {
      probing = false;
    }
  }

  function health(): Health {
    const stale = Date.now() - lastPollAt >= staleMs;
    if (!stale) return { healthy: true, lastPollAt };
    const reason = lastError ?? (probing ? "a poll has not returned" : "no successful poll");
    const span = staleMs >= 120_000 ? `${Math.round(staleMs / 60_000)} min` : `${staleMs} ms`;
    return { healthy: false, lastPollAt, reason: `no successful poll for ${span}: ${reason}` };
  }

  async function readStats(stats: () => Promise<{ readonly lastPollAt?: number }>) {
    const at = (await stats()).lastPollAt;
    if (at !== undefined && at > lastPollAt) {
      lastPollAt = at;
      lastError = undefined;
    }
  }

  let window = errors;
  const timer = setInterval(() => {
    if (client.stats) void readStats(() => client.stats!()).catch(() => {});
    else {
      if (!client.poll && errors === window) lastPollAt = Date.now();
      if (client.poll && !probing) void probe(() => client.poll!()).catch(() => {});
    }
    window = errors;
    const now = health();
    if (now.healthy !== healthy) {
      healthy = now.healthy;
      options.onChange?.(now);
    }
  }, probeMs);

  return {
    health,
    stop() {
      clearInterval(timer);
      off();
    },
  };
}
