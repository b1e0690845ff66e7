/**
 * Byte helpers shared by every layer: hex, base64, concatenation, comparison.
 * Inputs are validated like noble does: a wrong type is a `TypeError`.
 *
 * @module
 */

const HEX_DIGITS = "0123456789abcdef";
const BYTE_TO_HEX: string[] = Array.from(
  { length: 256 },
  (_, i) => HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15],
);

/** Throws a `TypeError` unless `value` is a `Uint8Array` (of `length`, when given). */
export function assertBytes(value: unknown, length?: number, name = "value"): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${typeof value}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
  return value;
}

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  assertBytes(bytes);
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]];
  return out;
}

/** True when `text` is an even-length string of hex digits (either case). */
export function isHex(text: unknown, byteLength?: number): text is string {
  if (typeof text !== "string" || text.length % 2 !== 0) return false;
  if (byteLength !== undefined && text.length !== byteLength * 2) return false;
  return /^[0-9a-fA-F]*$/.test(text);
}

/** Parses hex (either case). Throws `TypeError` on non-hex input, `RangeError` on odd length. */
export function fromHex(text: string): Uint8Array {
  if (typeof text !== "string") throw new TypeError(`hex must be a string, got ${typeof text}`);
  if (text.length % 2 !== 0) throw new RangeError(`hex has odd length ${text.length}`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(text.charCodeAt(2 * i));
    const lo = hexValue(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new TypeError(`invalid hex character near position ${2 * i}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  assertBytes(bytes);
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * Decodes standard or URL-safe base64, padded or not. Throws `TypeError` on anything else, so
 * garbage from a node never turns into silently truncated bytes.
 */
export function fromBase64(text: string): Uint8Array {
  if (typeof text !== "string") throw new TypeError(`base64 must be a string, got ${typeof text}`);
  let normal = text.replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal) || normal.replace(/=+$/, "").length % 4 === 1) {
    throw new TypeError("invalid base64");
  }
  normal = normal.replace(/=+$/, "");
  normal += "=".repeat((4 - (normal.length % 4)) % 4);
  const binary = atob(normal);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Concatenates byte arrays into a new one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += assertBytes(part).length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Constant-time equality for equal-length inputs (length itself is not secret). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a);
  assertBytes(b);
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** UTF-8 encoding of `text`. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Cryptographically secure random bytes. */
export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`length must be a non-negative integer, got ${length}`);
  }
  return crypto.getRandomValues(new Uint8Array(length));
}
