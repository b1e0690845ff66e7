/**
 * Expiry of restored entries. Deno KV does not tell a reader when an entry expires, so the
 * backup records an expiry time for the key families the client writes with `expireIn`,
 * derived from what the key holds, or else a conservative default that outlives every message
 * still in a swarm (14 days at most). Without these, a restored dedup marker would be gone too
 * early (a replay) or never (a leak).
 *
 * @module
 */

const DAY_MS = 86_400_000;
/** Longest a message stays in a swarm (14 days) plus a day of margin for clock differences. */
export const SEEN_KEEP_MS = 15 * DAY_MS;

/**
 * When the entry at `key` should expire (ms since epoch), or undefined when it never does.
 * `now` is the backup's time.
 *
 * @example
 * ```ts
 * import { expiresAt } from "./expiry.ts";
 * const now = Date.now();
 * console.log(expiresAt(["seen", "05ab", "hash"], now)! > now); // true
 * console.log(expiresAt(["identity", "default"], now)); // undefined
 * ```
 */
export function expiresAt(key: Deno.KvKey, now: number): number | undefined {
  const [family, , third, fourth] = key;
  switch (family) {
    case "seen": // dedup marker: value 0/1 only, so the default
      return now + SEEN_KEEP_MS;
    case "ref": // ["ref", sid, author, timestamp]: kept 15 days from receipt
      return typeof fourth === "number" ? fourth + SEEN_KEEP_MS : now + SEEN_KEEP_MS;
    case "sent": // ["sent", sid, timestamp]: kept the message TTL plus a day
      return typeof third === "number" ? third + SEEN_KEEP_MS : now + SEEN_KEEP_MS;
    case "dead": // incoming dead letters are kept 14 days
      return third === "in" ? now + 14 * DAY_MS : undefined;
    default:
      return undefined;
  }
}

/**
 * The `expireIn` to restore with: what is left until `at`, at least an hour (a restore on a
 * machine whose clock runs ahead must not drop markers at once).
 *
 * @example
 * ```ts
 * import { restoreExpireIn } from "./expiry.ts";
 * console.log(restoreExpireIn(Date.now() - 1, Date.now())); // 3600000
 * ```
 */
export function restoreExpireIn(at: number | undefined, now: number): number | undefined {
  return at === undefined ? undefined : Math.max(at - now, 3_600_000);
}
