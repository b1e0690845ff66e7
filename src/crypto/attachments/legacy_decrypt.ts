/**
 * Legacy attachment decryption (extended.md §2.2): MAC (constant time), then digest, then
 * AES-256-CBC, then truncation to the pointer's plaintext size.
 *
 * @module
 */
import { assertBytes, equalBytes } from "../../core/bytes.ts";
import { CryptoError, ValidationError } from "../../core/errors.ts";
import { aesCbcDecrypt, hmacSha256, sha256 } from "./_symmetric.ts";
import { assertLength } from "./limits.ts";

/** The `AttachmentPointer` fields {@link decryptAttachment} needs. */
export interface DecryptAttachmentOptions {
  /** `AttachmentPointer.key`: 64 bytes, AES key ‖ MAC key. */
  key: Uint8Array;
  /** `AttachmentPointer.digest` (SHA-256 of the blob); checked when given. Always pass it. */
  digest?: Uint8Array;
  /** `AttachmentPointer.size`: the plaintext is truncated to it (padding removed) when given. */
  size?: number;
}

/**
 * Decrypts a legacy attachment blob (iv ‖ ciphertext ‖ mac) downloaded from the file server.
 *
 * @throws {TypeError} / {RangeError} when an argument has the wrong type, or `size` is not a
 *   non-negative integer.
 * @throws {ValidationError} (`code: "invalid_key"`) when `key` is not 64 bytes.
 * @throws {CryptoError} `bad_mac` (wrong key or tampered blob), `bad_digest` (blob does not match
 *   the pointer's digest), `decrypt_failed` (too short or malformed), `bad_size` (the plaintext is
 *   shorter than `size`).
 *
 * @example
 * ```ts
 * const file = decryptAttachment(blob, { key: pointer.key, digest: pointer.digest, size: pointer.size });
 * ```
 */
export function decryptAttachment(blob: Uint8Array, options: DecryptAttachmentOptions): Uint8Array {
  assertBytes(blob, undefined, "blob");
  if (typeof options !== "object" || options === null) {
    throw new TypeError("options must be an object with the pointer's key");
  }
  const { key, digest, size } = options;
  assertBytes(key, undefined, "key");
  if (key.length !== 64) {
    throw new ValidationError(
      `attachment key must be 64 bytes (AES key ‖ MAC key), got ${key.length}`,
      "invalid_key",
      "key",
    );
  }
  if (digest !== undefined) assertBytes(digest, undefined, "digest");
  if (size !== undefined) assertLength(size, "size");
  if (blob.length < 16 + 16 + 32) {
    throw new CryptoError(
      `attachment blob too short: ${blob.length} bytes, at least 64 expected`,
      "decrypt_failed",
    );
  }
  const iv = blob.subarray(0, 16);
  const ciphertext = blob.subarray(16, blob.length - 32);
  const mac = hmacSha256(key.subarray(32), [blob.subarray(0, blob.length - 32)]);
  if (!equalBytes(mac, blob.subarray(blob.length - 32))) {
    throw new CryptoError("attachment MAC mismatch: wrong key or tampered file", "bad_mac");
  }
  if (digest !== undefined && !equalBytes(sha256(blob), digest)) {
    throw new CryptoError("attachment digest mismatch: the file is not the one sent", "bad_digest");
  }
  let plaintext: Uint8Array;
  try {
    plaintext = aesCbcDecrypt(key.subarray(0, 32), iv, ciphertext);
  } catch (cause) {
    throw new CryptoError("attachment does not decrypt: malformed ciphertext", "decrypt_failed", {
      cause,
    });
  }
  if (size === undefined || size === plaintext.length) return plaintext;
  if (size > plaintext.length) {
    throw new CryptoError(
      `attachment is ${plaintext.length} bytes after decryption, but its pointer says ${size}`,
      "bad_size",
    );
  }
  return plaintext.slice(0, size);
}
