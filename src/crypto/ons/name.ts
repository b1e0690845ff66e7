/**
 * Session (ONS) names: syntax and the hashes sent to and derived from the name service
 * (extended.md §5, core.md Appendix B).
 *
 * @module
 */
import { toBase64 } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";
import { blake2b } from "../hash.ts";

/** Desktop's rule `^\w([\w-]*[\w])?$` with ASCII `\w`: no leading or trailing `-`. */
const ONS_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$/;
const encoder = new TextEncoder();

/**
 * Whether `name` is a syntactically valid Session name: ASCII letters, digits, `_` and `-`, not
 * starting or ending with `-`. Anything that is not a string is invalid.
 *
 * @example
 * ```ts
 * isValidOnsName("session-bot_01"); // true
 * isValidOnsName("-abc"); // false
 * ```
 */
export function isValidOnsName(name: unknown): boolean {
  return typeof name === "string" && ONS_NAME.test(name);
}

/**
 * Checks a Session name and returns its UTF-8 lower-case bytes (names are case-insensitive).
 *
 * @example
 * ```ts
 * import { onsNameBytes } from "./mod.ts";
 *
 * new TextDecoder().decode(onsNameBytes("Alice")); // "alice"
 * onsNameBytes("no spaces"); // throws ValidationError (code "invalid_name")
 * ```
 *
 * @throws {TypeError} when `name` is not a string.
 * @throws {ValidationError} (`code: "invalid_name"`, `field: "name"`) when it is malformed.
 */
export function onsNameBytes(name: string): Uint8Array {
  if (typeof name !== "string") throw new TypeError(`name must be a string, got ${typeof name}`);
  if (!ONS_NAME.test(name)) {
    throw new ValidationError(
      `"${name.slice(0, 80)}" is not a valid Session name: use letters, digits, _ and - ` +
        "(not first or last)",
      "invalid_name",
      "name",
    );
  }
  return encoder.encode(name.toLowerCase());
}

/**
 * BLAKE2b-256 of the lower-case name, as bytes.
 *
 * @example
 * ```ts
 * import { onsNameHashBytes } from "./mod.ts";
 *
 * onsNameHashBytes("Alice").length; // 32, the same as for "alice"
 * ```
 *
 * @throws {TypeError} / {ValidationError} as {@link onsNameBytes}.
 */
export function onsNameHashBytes(name: string): Uint8Array {
  return blake2b(onsNameBytes(name), { dkLen: 32 });
}

/**
 * The `name_hash` parameter of an `ons_resolve` request: standard padded base64 of
 * BLAKE2b-256(lower-case name).
 *
 * @throws {TypeError} / {ValidationError} as {@link onsNameBytes}.
 *
 * @example
 * ```ts
 * onsNameHash("hloth"); // "PPvTuOgAeDo9pgFrQ/SshUdhDAcVW98B2Qc3S8f4xgU="
 * ```
 */
export function onsNameHash(name: string): string {
  return toBase64(onsNameHashBytes(name));
}

/**
 * The key of a modern record: BLAKE2b-256(message = name, key = BLAKE2b-256(name)).
 *
 * @example
 * ```ts
 * import { onsRecordKey } from "./mod.ts";
 *
 * const key = onsRecordKey("alice"); // 32 bytes: the XChaCha20-Poly1305 key of alice's record
 * ```
 *
 * @throws {TypeError} / {ValidationError} as {@link onsNameBytes}.
 */
export function onsRecordKey(name: string): Uint8Array {
  const bytes = onsNameBytes(name);
  return blake2b(bytes, { dkLen: 32, key: blake2b(bytes, { dkLen: 32 }) });
}
