/**
 * Legacy attachment encryption (extended.md §2.2), the format every Session client decrypts:
 * `iv(16) ‖ AES-256-CBC(aesKey, iv, padded plaintext, PKCS#7) ‖ HMAC-SHA256(macKey, iv ‖ ct)`.
 *
 * @module
 */
import { assertBytes, randomBytes } from "../../core/bytes.ts";
import { aesCbcEncrypt, hmacSha256, sha256 } from "./_symmetric.ts";
import { legacyPaddedSize } from "./legacy_padding.ts";
import { assertAttachmentSize } from "./limits.ts";

/** Options of {@link encryptAttachment}. */
export interface EncryptAttachmentOptions {
  /** The 64-byte key (AES key ‖ MAC key); random by default. Fixed keys are for tests. */
  key?: Uint8Array;
  /** The 16-byte IV; random by default. Fixed IVs are for tests. */
  iv?: Uint8Array;
  /** Zero-pad the plaintext first (default `true`; desktop sends link-preview images unpadded). */
  pad?: boolean;
  /** Skip the 10 MB limit check (default `false`). */
  allowLarge?: boolean;
}

/** An encrypted attachment and the `AttachmentPointer` fields that describe it. */
export interface EncryptedAttachment {
  /** What to upload: iv ‖ ciphertext ‖ mac. */
  blob: Uint8Array;
  /** `AttachmentPointer.key`: 64 bytes, AES key ‖ MAC key. */
  key: Uint8Array;
  /** `AttachmentPointer.digest`: SHA-256 of `blob`. */
  digest: Uint8Array;
  /** `AttachmentPointer.size`: the plaintext size before padding. */
  size: number;
}

/**
 * Encrypts an attachment the legacy way. The result's `key`, `digest` and `size` go into the
 * `AttachmentPointer`; `blob` goes to the file server.
 *
 * @throws {TypeError} when `plaintext` (or `key`/`iv`) is not a `Uint8Array`.
 * @throws {RangeError} when `key` is not 64 bytes or `iv` not 16.
 * @throws {ValidationError} (`code: "attachment_too_large"`) above 10 MB unless `allowLarge`.
 *
 * @example
 * ```ts
 * const { blob, key, digest, size } = encryptAttachment(fileBytes);
 * const same = decryptAttachment(blob, { key, digest, size }); // equals fileBytes
 * ```
 */
export function encryptAttachment(
  plaintext: Uint8Array,
  options: EncryptAttachmentOptions = {},
): EncryptedAttachment {
  assertBytes(plaintext, undefined, "plaintext");
  if (!options.allowLarge) assertAttachmentSize(plaintext.length, "plaintext");
  const key = options.key === undefined ? randomBytes(64) : assertBytes(options.key, 64, "key");
  const iv = options.iv === undefined ? randomBytes(16) : assertBytes(options.iv, 16, "iv");
  const parts = [plaintext];
  if (options.pad ?? true) {
    parts.push(new Uint8Array(legacyPaddedSize(plaintext.length) - plaintext.length));
  }
  const ciphertext = aesCbcEncrypt(key.subarray(0, 32), iv, parts);
  const mac = hmacSha256(key.subarray(32), [iv, ciphertext]);
  const blob = new Uint8Array(16 + ciphertext.length + 32);
  blob.set(iv, 0);
  blob.set(ciphertext, 16);
  blob.set(mac, 16 + ciphertext.length);
  return { blob, key: key.slice(), digest: sha256(blob), size: plaintext.length };
}
