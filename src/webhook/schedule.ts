/**
 * The retry schedule: delays after each failed attempt, with jitter, and `Retry-After`.
 *
 * @module
 */

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

/**
 * The default delays after failed attempts 1, 2, …: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h,
 * 2 h, 4 h, 8 h, 8 h, 8 h — 12 attempts over about 31.7 h (at least 25 h with jitter), then
 * the delivery is dead.
 */
export const DEFAULT_SCHEDULE: readonly number[] = Object.freeze([
  5 * S,
  30 * S,
  2 * MIN,
  10 * MIN,
  30 * MIN,
  1 * H,
  2 * H,
  4 * H,
  8 * H,
  8 * H,
  8 * H,
]);

/** Jitter: each delay is scaled by a factor in [0.8, 1.2). */
const JITTER = 0.2;
/** A `Retry-After` longer than this is capped. */
const MAX_RETRY_AFTER = 8 * H;

/**
 * The delay after failed attempt number `attempts` (1-based), or undefined when the schedule
 * is exhausted (the delivery is dead). `retryAfterMs` (from the answer) lengthens it.
 *
 * @example
 * ```ts
 * nextDelay(1, DEFAULT_SCHEDULE, () => 0.5); // 5000
 * nextDelay(12, DEFAULT_SCHEDULE, Math.random); // undefined: give up
 * ```
 */
export function nextDelay(
  attempts: number,
  schedule: readonly number[],
  random: () => number,
  retryAfterMs?: number,
): number | undefined {
  const base = schedule[attempts - 1];
  if (base === undefined) return undefined;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER));
}

/**
 * A `Retry-After` header (seconds or an HTTP date) in ms from `now`, or undefined.
 *
 * @example
 * ```ts
 * parseRetryAfter("120", Date.now()); // 120000
 * ```
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
