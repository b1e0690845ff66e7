/**
 * Legacy profile-picture encryption (desktop `profileEncrypter.ts`, extended.md §2.5):
 * `iv(12) ‖ AES-256-GCM(profileKey, iv, image) ‖ tag(16)`, no associated data. The 32-byte
 * profile key travels in `DataMessage.profileKey`.
 *
 * @module
 */
import { assertBytes, randomBytes } from "../../core/bytes.ts";
import { CryptoError, ValidationError } from "../../core/errors.ts";
import { aesGcmDecrypt, aesGcmEncrypt } from "./_symmetric.ts";

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/**
 * Encrypts an avatar image with a 32-byte profile key. `iv` is random unless given (fixed IVs
 * are for tests only); re-uploads reuse the existing profile key, never the IV.
 *
 * @throws {TypeError} when an argument is not a `Uint8Array`.
 * @throws {RangeError} when `profileKey` is not 32 bytes or `iv` not 12.
 *
 * @example
 * ```ts
 * const profileKey = crypto.getRandomValues(new Uint8Array(32));
 * const blob = encryptProfilePicture(png, profileKey);
 * decryptProfilePicture(blob, profileKey); // png
 * ```
 */
export function encryptProfilePicture(
  plaintext: Uint8Array,
  profileKey: Uint8Array,
  iv: Uint8Array = randomBytes(IV_LENGTH),
): Uint8Array {
  assertBytes(plaintext, undefined, "plaintext");
  assertBytes(profileKey, 32, "profileKey");
  assertBytes(iv, IV_LENGTH, "iv");
  const sealed = aesGcmEncrypt(profileKey, iv, plaintext);
  const blob = new Uint8Array(IV_LENGTH + sealed.length);
  blob.set(iv, 0);
  blob.set(sealed, IV_LENGTH);
  return blob;
}

/**
 * Decrypts an avatar blob downloaded from the file server with the sender's profile key.
 *
 * @throws {TypeError} when an argument is not a `Uint8Array`.
 * @throws {ValidationError} (`code: "invalid_key"`) when `profileKey` is not 32 bytes.
 * @throws {CryptoError} (`code: "decrypt_failed"`) when the blob is shorter than 29 bytes, or the
 *   key is wrong (the sender changed it) or the blob was tampered with.
 *
 * @example
 * ```ts
 * import { decryptProfilePicture, encryptProfilePicture } from "./mod.ts";
 *
 * const profileKey = crypto.getRandomValues(new Uint8Array(32)); // from the sender's profile
 * const blob = encryptProfilePicture(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), profileKey);
 * const image = decryptProfilePicture(blob, profileKey); // the 4 image bytes again
 * ```
 */
export function decryptProfilePicture(blob: Uint8Array, profileKey: Uint8Array): Uint8Array {
  assertBytes(blob, undefined, "blob");
  assertBytes(profileKey, undefined, "profileKey");
  if (profileKey.length !== 32) {
    throw new ValidationError(
      `profile key must be 32 bytes, got ${profileKey.length}`,
      "invalid_key",
      "profileKey",
    );
  }
  if (blob.length < IV_LENGTH + TAG_LENGTH + 1) {
    throw new CryptoError(
      `profile picture too short: ${blob.length} bytes, at least 29 expected`,
      "decrypt_failed",
    );
  }
  try {
    return aesGcmDecrypt(profileKey, blob.subarray(0, IV_LENGTH), blob.subarray(IV_LENGTH));
  } catch (cause) {
    throw new CryptoError(
      "profile picture does not decrypt: the profile key changed, or the file was tampered with",
      "decrypt_failed",
      { cause },
    );
  }
}
