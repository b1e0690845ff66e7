/**
 * Strikes: what happens to someone who broke a rule. The first `warnings` offences get a
 * warning, the next one a timed mute (strikes start over), and after `banAfterMutes` mutes a
 * ban. A warning counts for `ttlMs`; the whole record (mutes too) is forgotten once the person
 * has kept the rules for `ttlMs` (after a mute: `ttlMs` after the mute ends).
 *
 * The rule is a pure step, {@link nextStrikes}, so the in-memory ledger here and the KV ledger
 * (`strike_store.ts`) decide alike.
 *
 * @module
 */

/** What to do about an offence. */
export type Verdict =
  | { readonly action: "warn"; readonly strikes: number; readonly warningsLeft: number }
  | { readonly action: "mute"; readonly mutes: number }
  | { readonly action: "ban"; readonly mutes: number };

/** Options of {@link createStrikes}. */
export interface StrikePolicy {
  /** Warnings before a mute (0: mute at once). */
  readonly warnings: number;
  /** Mutes before a ban (0: never ban). */
  readonly banAfterMutes: number;
  /** How long a strike counts, ms. */
  readonly ttlMs: number;
  /** How long a mute lasts, ms (the record outlives it by `ttlMs`; default 0). */
  readonly muteMs?: number;
}

/** One person's strikes in one room, as stored. */
export interface StrikeRecord {
  /** When each live warning-strike happened, ms. */
  readonly times: readonly number[];
  /** Mutes so far. */
  readonly mutes: number;
  /** When the record is forgotten, ms (KV's `expireIn` is best effort, so reads check it). */
  readonly exp: number;
}

/** A strike ledger. */
export interface Strikes {
  /** Records an offence of `key` at `now` (ms) and says what to do. */
  record(key: string, now: number): Verdict;
  /** Forgets `key`'s strikes and mutes. */
  forgive(key: string): void;
}

/**
 * One offence at `now` on top of `previous` (null or expired: a clean slate): the new record
 * and the verdict.
 *
 * @example
 * ```ts
 * import { nextStrikes } from "./strikes.ts";
 *
 * const policy = { warnings: 1, banAfterMutes: 0, ttlMs: 60_000 };
 * const first = nextStrikes(null, policy, 0);
 * first.verdict.action; // "warn"
 * nextStrikes(first.record, policy, 1_000).verdict.action; // "mute"
 * nextStrikes(first.record, policy, 120_000).verdict.action; // "warn": the strike expired
 * ```
 */
export function nextStrikes(
  previous: StrikeRecord | null | undefined,
  policy: StrikePolicy,
  now: number,
): { record: StrikeRecord; verdict: Verdict } {
  const live = isLive(previous, now) ? previous : undefined;
  const times = [...(live?.times ?? []).filter((t) => now - t < policy.ttlMs), now];
  const strikes = times.length;
  if (strikes <= policy.warnings) {
    return {
      record: { times, mutes: live?.mutes ?? 0, exp: now + policy.ttlMs },
      verdict: { action: "warn", strikes, warningsLeft: policy.warnings - strikes },
    };
  }
  const mutes = (live?.mutes ?? 0) + 1;
  const ban = policy.banAfterMutes > 0 && mutes >= policy.banAfterMutes;
  return {
    // Strikes start over; the mute keeps counting until `ttlMs` after it ends.
    record: { times: [], mutes, exp: now + (policy.muteMs ?? 0) + policy.ttlMs },
    verdict: { action: ban ? "ban" : "mute", mutes },
  };
}

/** Whether `record` is a well-formed record not yet expired at `now`. */
export function isLive(
  record: StrikeRecord | null | undefined,
  now: number,
): record is StrikeRecord {
  return typeof record === "object" && record !== null && Array.isArray(record.times) &&
    typeof record.mutes === "number" && typeof record.exp === "number" && record.exp > now;
}

/**
 * Creates an in-memory strike ledger (forgotten when the process ends; the plugin keeps its
 * strikes in KV when the bot has a store).
 *
 * @example
 * ```ts
 * import { createStrikes } from "./strikes.ts";
 *
 * const strikes = createStrikes({ warnings: 1, banAfterMutes: 2, ttlMs: 3_600_000 });
 * strikes.record("alice", 0).action; // "warn"
 * strikes.record("alice", 1).action; // "mute"
 * strikes.record("alice", 2).action; // "warn"
 * strikes.record("alice", 3).action; // "ban"
 * ```
 */
export function createStrikes(policy: StrikePolicy): Strikes {
  const ledger = new Map<string, StrikeRecord>();
  return {
    record(key, now) {
      const { record, verdict } = nextStrikes(ledger.get(key), policy, now);
      ledger.set(key, record);
      if (ledger.size > 10_000) {
        // Bounded: drop what expired (a busy server has many posters).
        for (const [k, r] of ledger) if (!isLive(r, now)) ledger.delete(k);
      }
      return verdict;
    },
    forgive(key) {
      ledger.delete(key);
    },
  };
}
