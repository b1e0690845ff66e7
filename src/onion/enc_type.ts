/**
 * The three hop-encryption schemes a storage server accepts, and the `enc_type` spellings it
 * understands.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";

/** A hop-encryption scheme, in the storage server's canonical spelling. */
export type EncType = "aes-gcm" | "xchacha20" | "aes-cbc";

/**
 * Every accepted `enc_type` string and the scheme it names. Matching is case-sensitive, like
 * the server's `parse_enc_type`.
 */
const ALIASES: ReadonlyMap<string, EncType> = new Map<string, EncType>([
  ["aes-gcm", "aes-gcm"],
  ["gcm", "aes-gcm"],
  ["xchacha20", "xchacha20"],
  ["xchacha20-poly1305", "xchacha20"],
  ["aes-cbc", "aes-cbc"],
  ["cbc", "aes-cbc"],
]);

/**
 * Reads an `enc_type` value from a layer's JSON. Accepts the aliases the real server accepts
 * (`"gcm"`, `"xchacha20-poly1305"`, `"cbc"`); an absent value (`undefined`) means `"aes-gcm"`.
 * Anything else (including `null`, other types and other spellings) throws a `ValidationError`
 * with code `bad_enc_type`.
 *
 * @example
 * ```ts
 * parseEncType("gcm"); // "aes-gcm"
 * parseEncType(undefined); // "aes-gcm"
 * parseEncType("xchacha20-poly1305"); // "xchacha20"
 * ```
 */
export function parseEncType(value: unknown): EncType {
  if (value === undefined) return "aes-gcm";
  const found = typeof value === "string" ? ALIASES.get(value) : undefined;
  if (found === undefined) {
    const shown = typeof value === "string" ? value : JSON.stringify(value) ?? typeof value;
    throw new ValidationError(
      `Invalid encryption type ${shown}: use "aes-gcm", "xchacha20" or "aes-cbc"`,
      "bad_enc_type",
      "enc_type",
    );
  }
  return found;
}

/** Throws unless `value` is a canonical `EncType` (guards callers that bypass the types). */
export function assertEncType(value: unknown): EncType {
  if (value === "aes-gcm" || value === "xchacha20" || value === "aes-cbc") return value;
  return parseEncType(value === undefined ? null : value);
}
