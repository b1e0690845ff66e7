/**
 * Encryption in libsession's deterministic `'S'` format (§2.3):
 * `'S' ‖ header(24) ‖ secretstream chunks of ((P−1) × 0x00 ‖ 0x01 ‖ data)`, 32,768 plaintext
 * bytes per chunk, the last one tagged FINAL.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { type AttachmentDomain, deriveDeterministicKey } from "./deterministic_key.ts";
import {
  DETERMINISTIC_CHUNK_SIZE,
  DETERMINISTIC_PREFIX_SIZE,
  deterministicEncryptedSize,
  deterministicPaddingSize,
  MAX_DETERMINISTIC_BYTES,
} from "./deterministic_size.ts";
import { SecretStream, SecretStreamTag } from "./secretstream.ts";

/** Options of {@link encryptDeterministicAttachment}. */
export interface DeterministicEncryptOptions {
  /** `"attachment"` (default) or `"profile_picture"`. */
  domain?: AttachmentDomain;
  /** Allow files above libsession's 10,218,286-byte `MAX_REGULAR_SIZE` (default `false`). */
  allowLarge?: boolean;
}

/** A file encrypted in the deterministic format. */
export interface DeterministicAttachment {
  /** What to upload: `'S' ‖ header ‖ chunks`. */
  blob: Uint8Array;
  /** The 32-byte key for the pointer (no digest; URL fragment `d`). */
  key: Uint8Array;
  /** The plaintext size (`AttachmentPointer.size`). */
  size: number;
}

/**
 * Encrypts a file deterministically from the uploader's seed (see
 * {@link deriveDeterministicKey} for accepted seeds): byte-for-byte what libsession produces.
 *
 * @throws {TypeError} / {RangeError} on wrong argument types or seed length.
 * @throws {ValidationError} (`code: "attachment_too_large"`) above 10,218,286 bytes unless
 *   `allowLarge`.
 *
 * @example
 * ```ts
 * const { blob, key } = encryptDeterministicAttachment(file, identity.exportSeed());
 * decryptDeterministicAttachment(blob, key); // file
 * ```
 */
export function encryptDeterministicAttachment(
  plaintext: Uint8Array,
  seed: Uint8Array,
  options: DeterministicEncryptOptions = {},
): DeterministicAttachment {
  const { key, header } = deriveDeterministicKey(plaintext, seed, options.domain);
  if (plaintext.length > MAX_DETERMINISTIC_BYTES && !options.allowLarge) {
    throw new ValidationError(
      `file is ${plaintext.length} bytes, more than the ${MAX_DETERMINISTIC_BYTES}-byte limit ` +
        "of deterministic encryption: compress or split it",
      "attachment_too_large",
      "plaintext",
    );
  }
  const padding = deterministicPaddingSize(plaintext.length);
  const stream = new Uint8Array(padding + plaintext.length);
  stream[padding - 1] = 0x01;
  stream.set(plaintext, padding);
  const blob = new Uint8Array(deterministicEncryptedSize(plaintext.length));
  blob[0] = 0x53; // 'S'
  blob.set(header, 1);
  const secretstream = new SecretStream(key, header);
  let offset = DETERMINISTIC_PREFIX_SIZE;
  for (let start = 0; start < stream.length; start += DETERMINISTIC_CHUNK_SIZE) {
    const end = Math.min(start + DETERMINISTIC_CHUNK_SIZE, stream.length);
    const tag = end === stream.length ? SecretStreamTag.FINAL : SecretStreamTag.MESSAGE;
    const chunk = secretstream.push(stream.subarray(start, end), tag);
    blob.set(chunk, offset);
    offset += chunk.length;
  }
  return { blob, key, size: plaintext.length };
}
