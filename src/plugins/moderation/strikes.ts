/**
 * Strikes: what happens to someone who broke a rule. The first `warnings` offences get a
 * warning, the next one a timed mute (strikes start over), and after `banAfterMutes` mutes a
 * ban. Strikes expire after `ttlMs`; mutes are remembered as long as the bot runs.
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
}

/** A strike ledger. */
export interface Strikes {
  /** Records an offence of `key` at `now` (ms) and says what to do. */
  record(key: string, now: number): Verdict;
  /** Forgets `key`'s strikes and mutes. */
  forgive(key: string): void;
}

/**
 * Creates a strike ledger.
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
  const ledger = new Map<string, { times: number[]; mutes: number }>();
  return {
    record(key, now) {
      let entry = ledger.get(key);
      if (!entry) ledger.set(key, entry = { times: [], mutes: 0 });
      entry.times = entry.times.filter((t) => now - t < policy.ttlMs);
      entry.times.push(now);
      const strikes = entry.times.length;
      if (strikes <= policy.warnings) {
        return { action: "warn", strikes, warningsLeft: policy.warnings - strikes };
      }
      entry.times = [];
      entry.mutes++;
      const ban = policy.banAfterMutes > 0 && entry.mutes >= policy.banAfterMutes;
      return { action: ban ? "ban" : "mute", mutes: entry.mutes };
    },
    forgive(key) {
      ledger.delete(key);
    },
  };
}
