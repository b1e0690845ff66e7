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
      found = list.some((id) => matches(id, from.toLowerCase(), publicKey));
      if (memo.size > 10_000) memo.clear(); // bounded: a busy room has many posters
      memo.set(key, found);
    }
    return found;
  };
}

function matches(id: string, from: string, publicKey: string): boolean {
  try {
    if (id === from) return true;
    if (id.startsWith("05")) return isBlindedIdOf(from, id, publicKey);
    return id.slice(0, 2) === from.slice(0, 2) && sameBlindedId(id, from);
  } catch {
    return false; // a malformed poster ID is nobody's
  }
}
