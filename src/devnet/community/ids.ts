/**
 * Who a community user is. Users authenticate as `15…` (blind15), `25…` (blind25) or, on servers
 * without required blinding, `00…` (shown as `05…`). Permissions are kept under one canonical
 * key per person: a `15` id without its sign bit (the "abs" rule), so that a moderator named by a
 * Session ID, by either blind15 candidate, or by the id they log in with, is the same user.
 *
 * @module
 */
import { blind15Ids, blinded25Id } from "../../crypto/blinding.ts";
import { refuse } from "./errors.ts";

/** An id as it appears in URLs and bodies: lowercase, 66 hex, known prefix. */
const ID = /^(05|15|25)[0-9a-f]{64}$/;

/** Maps the ids of one server to canonical keys (`25` ids of known Session IDs get aliases). */
export interface UserKeys {
  /** The canonical key of a `05`, `15` or `25` id. */
  keyOf(id: string): string;
  /** The id to show for a key: the last id the user authenticated with, else a derived one. */
  displayOf(key: string): string;
  /** Records that `id` was seen (authenticated or named); returns its key. */
  remember(id: string, authenticated?: boolean): string;
  /** True once the user behind `key` has authenticated at least once. */
  known(key: string): boolean;
}

/** The "abs" form of a `15` id: the top bit of the last key byte cleared. */
export function abs15(id: string): string {
  const last = parseInt(id.slice(64, 66), 16) & 0x7f;
  return id.slice(0, 64) + last.toString(16).padStart(2, "0");
}

/**
 * Parses an id from a URL or body; throws 400 (`field` named) when it is not a `05`/`15`/`25`
 * id, or 404 like pysogs when `blindOnly` and it is not blinded.
 *
 * @example
 * ```ts
 * parseUserId("15" + "ab".repeat(32), "sid");
 * ```
 */
export function parseUserId(value: unknown, field: string, blindOnly = false): string {
  const id = typeof value === "string" ? value.toLowerCase() : "";
  if (!ID.test(id)) refuse(400, `Invalid ${field}: expected a 66-hex 05/15/25 id`);
  if (blindOnly && id.startsWith("05")) refuse(404, `Invalid ${field}: a blinded id is required`);
  return id;
}

/** Creates the key map of a server with X25519 key `serverPubkey` (hex). */
export function createUserKeys(
  serverPubkey: string,
  saved: { display: Map<string, string>; seen: Set<string>; aliases: Map<string, string> },
): UserKeys {
  const { display, seen, aliases } = saved;

  function keyOf(id: string): string {
    if (id.startsWith("15")) return abs15(id);
    if (id.startsWith("25")) return aliases.get(id) ?? id;
    const [positive] = blind15Ids(id, serverPubkey);
    aliases.set(blinded25Id(id, serverPubkey), abs15(positive));
    if (!display.has(abs15(positive))) display.set(abs15(positive), positive);
    return abs15(positive);
  }

  return {
    keyOf,
    displayOf: (key) => display.get(key) ?? key,
    remember(id, authenticated = false) {
      const key = keyOf(id);
      if (authenticated) {
        display.set(key, id);
        seen.add(key);
      } else if (!display.has(key)) display.set(key, id);
      return key;
    },
    known: (key) => seen.has(key),
  };
}
