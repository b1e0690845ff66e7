/**
 * Comparing blinded IDs. A blind15 ID computed from a Session ID may differ from the real one in
 * the top bit of its last byte (core.md §1.5), so equality must ignore that bit.
 *
 * @module
 */
import { equalBytes } from "../../core/bytes.ts";
import { IdPrefix, parseId } from "../ids.ts";
import { blind15Ids } from "./blind15.ts";
import { blinded25Id } from "./blind25.ts";

/**
 * True when `a` and `b` name the same community identity: equal IDs, or two `15` IDs that differ
 * only in the sign bit (the "abs" rule). Different prefixes never match.
 *
 * @throws {ValidationError} when either is not a well-formed ID.
 * @example
 * ```ts
 * import { sameBlindedId } from "../blinding.ts";
 * sameBlindedId("15" + "ab".repeat(31) + "44", "15" + "ab".repeat(31) + "c4"); // true
 * ```
 */
export function sameBlindedId(a: string, b: string): boolean {
  const x = parseId(a, "a");
  const y = parseId(b, "b");
  if (x.prefix !== y.prefix) return false;
  if (x.prefix !== IdPrefix.Blinded15) return equalBytes(x.key, y.key);
  const xAbs = x.key.slice();
  const yAbs = y.key.slice();
  xAbs[31] &= 0x7f;
  yAbs[31] &= 0x7f;
  return equalBytes(xAbs, yAbs);
}

/**
 * True when `id` (a `15`, `25` or `05` ID seen on a community) belongs to the account with
 * `sessionId` on that server. Useful to recognise a known user behind a blinded ID.
 *
 * @throws {ValidationError} when `id` or `sessionId` is malformed.
 * @example
 * ```ts
 * import { isBlindedIdOf } from "../blinding.ts";
 * isBlindedIdOf(
 *   "15b74ed205f1f931e1bb1291183778a9456b835937d923b0f2e248aa3a44c07844",
 *   "05fe94b7ad4b7f1cc1bb92671f1f0d243f226e115b33770465e82b503fc3e96e1f",
 *   "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
 * ); // true
 * ```
 */
export function isBlindedIdOf(
  id: string,
  sessionId: string,
  serverPubkey: Uint8Array | string,
): boolean {
  const parsed = parseId(id);
  switch (parsed.prefix) {
    case IdPrefix.Blinded15:
      return sameBlindedId(parsed.hex, blind15Ids(sessionId, serverPubkey)[0]);
    case IdPrefix.Blinded25:
      return parsed.hex === blinded25Id(sessionId, serverPubkey);
    case IdPrefix.Session:
      return parsed.hex === parseId(sessionId, "sessionId").hex;
    default:
      return false;
  }
}
