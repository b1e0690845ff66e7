/**
 * Signing secrets in the Standard Webhooks format: `whsec_` + base64 of 24–64 random bytes.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { ValidationError } from "../core/errors.ts";

const PREFIX = "whsec_";
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Key sizes the Standard Webhooks spec allows, bytes. */
export const SECRET_BYTES = { min: 24, max: 64 } as const;

/**
 * A fresh random secret (24 bytes, like the spec's minimum and Svix's default).
 *
 * @example
 * ```ts
 * const secret = generateSecret(); // "whsec_…"
 * ```
 */
export function generateSecret(): string {
  return PREFIX + Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64");
}

/**
 * The HMAC key of a secret: the base64-decoded bytes after `whsec_`. Throws a
 * `ValidationError` (field `secret`) for anything else; the message never echoes the secret.
 *
 * @example
 * ```ts
 * const key = secretKey(generateSecret()); // 24 bytes
 * ```
 */
export function secretKey(secret: string): Uint8Array {
  if (typeof secret !== "string" || !secret.startsWith(PREFIX)) {
    throw new ValidationError(
      `the secret must look like "whsec_<base64>" (omit it to have one generated)`,
      "invalid_secret",
      "secret",
    );
  }
  const encoded = secret.slice(PREFIX.length);
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
    throw new ValidationError(
      `the part of the secret after "whsec_" is not padded standard base64`,
      "invalid_secret",
      "secret",
    );
  }
  const key = new Uint8Array(Buffer.from(encoded, "base64"));
  if (key.length < SECRET_BYTES.min || key.length > SECRET_BYTES.max) {
    throw new ValidationError(
      `the secret decodes to ${key.length} bytes; use ${SECRET_BYTES.min}–${SECRET_BYTES.max} ` +
        `random bytes (omit it to have one generated)`,
      "invalid_secret",
      "secret",
    );
  }
  return key;
}
