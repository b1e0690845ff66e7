/**
 * Who is never moderated: Session IDs (`05…`, matched to their blinded IDs on each server by
 * the abs rule) or blinded IDs (`15…`/`25…`) as they appear in a room.
 *
 * @module
 */
import { isBlindedIdOf, sameBlindedId } from "../../crypto/mod.ts";

/**
 * A check "is `from` (on the server with `publicKey`) one of `ids`?", memoised per pair.
 *
 * @example
 * ```ts
 * import { createExemptCheck } from "./exempt.ts";
 *
 * const isExempt = createExemptCheck(["05" + "ab".repeat(32)]);
 * isExempt("15" + "cd".repeat(32), "ef".repeat(32)); // false
 * ```
 */
export function createExemptCheck(
  ids: readonly string[],
): (from: string, publicKey: string) => boolean {
  const list = ids.map((id) => id.toLowerCase());
  const memo = new Map<string, boolean>();
  return function isExempt(from, publicKey) {
    if (list.length === 0) return false;
    const key = `${publicKey}:${from}`;
    let found = memo.get(key);
    if (found === undefined) {
      found = list.some((id) => sameCommunityUser(id, from.toLowerCase(), publicKey));
      if (memo.size > 10_000) memo.clear(); // bounded: a busy room has many posters
      memo.set(key, found);
    }
    return found;
  };
}

/**
 * Whether `a` and `b` (Session IDs or blinded IDs, lowercase) are the same person on the
 * server with `publicKey`: equal, two `15` IDs equal but for the sign bit (the abs rule), or
 * a Session ID and its blinded ID. A malformed ID matches nobody.
 *
 * @example
 * ```ts
 * import { sameCommunityUser } from "./exempt.ts";
 *
 * sameCommunityUser("15" + "ab".repeat(31) + "44", "15" + "ab".repeat(31) + "c4", "ef".repeat(32));
 * // true: they differ only in the sign bit
 * ```
 */
export function sameCommunityUser(a: string, b: string, publicKey: string): boolean {
  try {
    if (a === b) return true;
    if (a.startsWith("05") && !b.startsWith("05")) return isBlindedIdOf(b, a, publicKey);
    if (b.startsWith("05") && !a.startsWith("05")) return isBlindedIdOf(a, b, publicKey);
    return a.slice(0, 2) === b.slice(0, 2) && sameBlindedId(a, b);
  } catch {
    return false; // a malformed poster ID is nobody's
  }
}
