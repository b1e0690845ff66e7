/**
 * Session IDs and their relatives: 33-byte keys shown as 66 hex characters, a 1-byte prefix
 * saying what the 32-byte key is (core.md §1.4).
 *
 * @module
 */
import { fromHex } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";

/** One of the known ID prefixes (`"05"`, `"15"`, `"25"`, `"03"`, `"00"`, `"07"`). */
export type IdPrefix = "05" | "15" | "25" | "03" | "00" | "07";

/** The known ID prefixes, by meaning. */
export const IdPrefix: {
  /** An account's Session ID: the X25519 public key. */
  readonly Session: "05";
  /** A community (SOGS) blinded ID, legacy "blind15" scheme. */
  readonly Blinded15: "15";
  /** A community blinded ID, newer "blind25" scheme. */
  readonly Blinded25: "25";
  /** A groups-v2 group ID: the group's Ed25519 public key. */
  readonly Group: "03";
  /** An unblinded Ed25519 key, used in `X-SOGS-Pubkey` for servers without blinding. */
  readonly Unblinded: "00";
  /** The file server's "version-blinded" key. */
  readonly VersionBlinded: "07";
} = Object.freeze({
  Session: "05",
  Blinded15: "15",
  Blinded25: "25",
  Group: "03",
  Unblinded: "00",
  VersionBlinded: "07",
});

/** A validated ID. */
export interface ParsedId {
  /** What kind of key follows. */
  readonly prefix: IdPrefix;
  /** The 32 key bytes after the prefix (a fresh copy per parse). */
  readonly key: Uint8Array;
  /** The whole ID, normalised: trimmed, lowercase, 66 characters. */
  readonly hex: string;
}

const PREFIX_NAMES: Readonly<Record<IdPrefix, string>> = {
  "05": "Session ID",
  "15": "blinded community ID (15)",
  "25": "blinded community ID (25)",
  "03": "group ID",
  "00": "unblinded community key",
  "07": "version-blinded key",
};

const ID_LENGTH = 66;

/**
 * Parses and validates an ID of any known prefix. Surrounding whitespace is ignored and hex may
 * be either case; the result is lowercase.
 *
 * @param field Named in the error, e.g. `"recipient"`.
 * @throws {TypeError} when `text` is not a string (a programming error, like noble).
 * @throws {ValidationError} with `code: "invalid_id"` and `field` when the length, a character or
 *   the prefix is wrong; the message names the problem.
 *
 * @example
 * ```ts
 * import { parseId } from "./ids.ts";
 * const id = parseId("054830367d369d94605247999a375dbd0a0f65fdec5de1535612bcb6d4de452c69");
 * id.prefix; // "05"
 * ```
 */
export function parseId(text: string, field = "id"): ParsedId {
  if (typeof text !== "string") {
    throw new TypeError(`${field} must be a string, got ${typeof text}`);
  }
  const hex = text.trim().toLowerCase();
  if (hex.length !== ID_LENGTH) {
    throw invalid(
      `${field} must be ${ID_LENGTH} hex characters (a 2-character prefix such as 05, then a ` +
        `64-character key), got ${hex.length}: check that the whole ID was copied`,
      field,
    );
  }
  const bad = hex.search(/[^0-9a-f]/);
  if (bad >= 0) {
    throw invalid(
      `${field} has a non-hex character "${hex[bad]}" at position ${bad + 1}; ` +
        `IDs use only 0-9 and a-f`,
      field,
    );
  }
  const prefix = hex.slice(0, 2);
  if (!isKnownPrefix(prefix)) {
    throw invalid(
      `${field} starts with unknown prefix "${prefix}"; expected 05 (Session ID), ` +
        `15 or 25 (blinded community ID), 03 (group), 00 (unblinded key) or 07 (version key)`,
      field,
    );
  }
  return Object.freeze({ prefix, key: fromHex(hex.slice(2)), hex });
}

/**
 * True when `text` is a well-formed account Session ID (`05` + 64 hex; whitespace and case are
 * tolerated as in {@link parseId}). Never throws.
 *
 * @example
 * ```ts
 * import { isSessionId } from "./ids.ts";
 * isSessionId("05" + "ab".repeat(32)); // true
 * isSessionId("15" + "ab".repeat(32)); // false: a blinded ID
 * ```
 */
export function isSessionId(text: unknown): boolean {
  if (typeof text !== "string") return false;
  return /^05[0-9a-f]{64}$/.test(text.trim().toLowerCase());
}

/**
 * Validates an account Session ID and returns it normalised (trimmed, lowercase).
 *
 * @param field Named in the error (default `"sessionId"`).
 * @throws {TypeError} when `text` is not a string.
 * @throws {ValidationError} (`code: "invalid_id"`) when it is malformed or another kind of ID.
 *
 * @example
 * ```ts
 * import { assertSessionId } from "./ids.ts";
 * assertSessionId(" 05" + "AB".repeat(32) + " "); // "05abab…ab"
 * ```
 */
export function assertSessionId(text: string, field = "sessionId"): string {
  const { prefix, hex } = parseId(text, field);
  if (prefix !== IdPrefix.Session) {
    throw invalid(
      `${field} must be a Session ID (starting with 05), but this is a ${PREFIX_NAMES[prefix]}: ` +
        `ask for the account's Session ID instead`,
      field,
    );
  }
  return hex;
}

function isKnownPrefix(prefix: string): prefix is IdPrefix {
  return Object.hasOwn(PREFIX_NAMES, prefix);
}

function invalid(message: string, field: string): ValidationError {
  return new ValidationError(message, "invalid_id", field);
}
