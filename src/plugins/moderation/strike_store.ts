/**
 * Strikes kept in the plugin's KV namespace, one record per (room, user), so a restart forgets
 * nothing. An offence is counted through the event's inbox transaction when it has one: the
 * new record is written in the same commit that removes the event from the inbox, after a
 * versionstamp check of the record it was computed from. So a retried event never counts
 * twice, and of two events of one user racing in one room, the later commit fails and that
 * event is handled again with the fresh count (no strike is lost).
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";
import type { InboxTransaction, KvNamespace } from "../../bot/mod.ts";
import {
  isLive,
  nextStrikes,
  type StrikePolicy,
  type StrikeRecord,
  type Verdict,
} from "./strikes.ts";

/** A strike ledger in KV. */
export interface StrikeStore {
  /**
   * Counts an offence of `user` in `room` at `now` (ms) and says what to do. With `tx` the
   * write commits with the event; without, it is an atomic write of its own (retried on a
   * conflict).
   */
  record(room: string, user: string, now: number, tx?: InboxTransaction): Promise<Verdict>;
  /** The stored record of `user` in `room` (undefined: none, or expired). */
  read(room: string, user: string, now: number): Promise<StrikeRecord | undefined>;
}

/** Conflicts in a row before a plain write gives up (the event is then retried). */
const MAX_ATTEMPTS = 5;

/**
 * A KV strike ledger under `kv` (keys `[room, user]`).
 *
 * @example
 * ```ts
 * import { kvNamespace } from "../../bot/mod.ts";
 * import { createStrikeStore } from "./strike_store.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * const strikes = createStrikeStore(kvNamespace(kv, ["strikes"]), {
 *   warnings: 1,
 *   banAfterMutes: 0,
 *   ttlMs: 3_600_000,
 * });
 * (await strikes.record("https://sogs.example/lobby", "15ab…", Date.now())).action; // "warn"
 * kv.close();
 * ```
 */
export function createStrikeStore(kv: KvNamespace, policy: StrikePolicy): StrikeStore {
  const keyOf = (room: string, user: string): Deno.KvKey => [room, user.toLowerCase()];

  async function record(
    room: string,
    user: string,
    now: number,
    tx?: InboxTransaction,
  ): Promise<Verdict> {
    const key = keyOf(room, user);
    for (let attempt = 1;; attempt++) {
      const entry = await kv.get<StrikeRecord>(key);
      const { record, verdict } = nextStrikes(entry.value, policy, now);
      // Never 0: a record must outlive the read that follows it.
      const expireIn = Math.max(1, record.exp - now);
      if (tx) {
        // Commits with the event's removal from the inbox; a failed check retries the event.
        tx.check({ key: kv.key(...key), versionstamp: entry.versionstamp });
        tx.set(kv.key(...key), record, { expireIn });
        return verdict;
      }
      const result = await kv.atomic().check(key, entry.versionstamp).set(key, record, {
        expireIn,
      }).commit();
      if (result.ok) return verdict;
      if (attempt >= MAX_ATTEMPTS) {
        throw new SessionBotError(
          `moderation: the strikes of ${user.slice(0, 12)}… in ${room} kept changing while ` +
            `being counted (${attempt} tries); the event is handled again`,
          "strikes_conflict",
        );
      }
    }
  }

  return {
    record,
    async read(room, user, now) {
      const { value } = await kv.get<StrikeRecord>(keyOf(room, user));
      return isLive(value, now) ? value : undefined;
    },
  };
}
