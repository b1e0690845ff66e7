/**
 * The text encodings the storage server accepts and emits, with oxenc's exact rules: base64
 * validation (standard alphabet only, optional `=` padding), unpadded base64 and base32z.
 *
 * @module
 */
import { fromBase64, toBase64 } from "../../core/mod.ts";

const BASE64_CHARS = /^[A-Za-z0-9+/]*$/;

/**
 * oxenc's `is_base64`: standard alphabet, 1–2 `=` only when they pad to a multiple of 4, and
 * never a length of 4n+1. The empty string is valid. URL-safe characters are not.
 *
 * @example
 * ```ts
 * isBase64("aGk="); // true
 * isBase64("aGk-"); // false
 * ```
 */
export function isBase64(text: string): boolean {
  if (text.length % 4 === 1) return false;
  let body = text;
  if (text.length % 4 === 0) body = body.replace(/={1,2}$/, "");
  return BASE64_CHARS.test(body);
}

/** Decodes text that already passed {@link isBase64}. */
export function decodeBase64(text: string): Uint8Array {
  return fromBase64(text);
}

/** Base64 without `=` padding, as the server writes message hashes. */
export function toBase64Unpadded(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/=+$/, "");
}

const BASE32Z = "ybndrfg8ejkmcpqxot1uwisza345h769";

/**
 * z-base-32 (oxenc `to_base32z`): 5-bit groups, most significant bit first, no padding. Used for
 * the deprecated `.snode` address of a node.
 */
export function toBase32z(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32Z[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32Z[(buffer << (5 - bits)) & 31];
  return out;
}
