/**
 * Counters of one client for monitoring (`/metrics`, health checks): poll rounds, events
 * handed to handlers, stores, and the depth of the inbox and outbox. In memory, since start.
 *
 * @module
 */

/** What {@link SessionClient.stats} reports. */
export interface ClientStats {
  /** Poll rounds that succeeded. */
  readonly polls: number;
  /** Poll rounds that failed (the loop went on). */
  readonly pollFailures: number;
  /** When the last successful round ended, ms since the epoch. */
  readonly lastPollAt?: number;
  /** Events handed to handlers (incoming and sync copies). */
  readonly received: number;
  /** Messages stored to their swarm (all copies). */
  readonly sent: number;
  /** Sends given up on (dead-lettered). */
  readonly sendFailures: number;
  /** Entries waiting in the inbox (1:1 and community rooms). */
  readonly inbox: number;
  /** Jobs waiting in the outbox. */
  readonly outbox: number;
}

/** The mutable counters behind {@link ClientStats}. */
export interface Counters {
  polls: number;
  pollFailures: number;
  lastPollAt?: number;
  received: number;
  sent: number;
  sendFailures: number;
}

/** Fresh counters. */
export function createCounters(): Counters {
  return { polls: 0, pollFailures: 0, received: 0, sent: 0, sendFailures: 0 };
}

/** Counts the entries under `prefix` (queue depths are small; a list is cheap enough). */
export async function countKeys(kv: Deno.Kv, prefix: Deno.KvKey): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix }, { batchSize: 500 })) n++;
  return n;
}
