/**
 * Key and header derivation of libsession's deterministic attachment format (§2.3):
 * `BLAKE2b(out = 56, key = seed[0..32], personal = domain, message = plaintext)` →
 * header = bytes 0..24, key = bytes 24..56. Same file from the same sender ⇒ same ciphertext.
 *
 * @module
 */
import { assertBytes, utf8 } from "../../core/bytes.ts";
import { blake2b } from "../hash.ts";

/** What is being encrypted: selects the BLAKE2b personalisation. */
export type AttachmentDomain = "attachment" | "profile_picture";

const PERSONALIZATION: Readonly<Record<AttachmentDomain, Uint8Array>> = {
  attachment: utf8("SessionAttachmnt"),
  profile_picture: utf8("Session_Prof_Pic"),
};

/** The derived secretstream key and header of one file. */
export interface DeterministicKey {
  /** The 32-byte key: `AttachmentPointer.key` (or the avatar key) for this file. */
  key: Uint8Array;
  /** The 24-byte secretstream header written after the `'S'`. */
  header: Uint8Array;
}

/**
 * Derives the key and header for `plaintext` from the uploader's seed. `seed` is the 16-byte
 * account seed (zero-padded to 32, as every account's Ed25519 seed is), the 32-byte Ed25519 seed,
 * or the 64-byte libsodium secret key (its first 32 bytes).
 *
 * @throws {TypeError} when an argument has the wrong type or `domain` is unknown.
 * @throws {RangeError} when `seed` is not 16, 32 or 64 bytes.
 *
 * @example
 * ```ts
 * const { key, header } = deriveDeterministicKey(file, identity.exportSeed(), "attachment");
 * ```
 */
export function deriveDeterministicKey(
  plaintext: Uint8Array,
  seed: Uint8Array,
  domain: AttachmentDomain = "attachment",
): DeterministicKey {
  assertBytes(plaintext, undefined, "plaintext");
  const key = uploaderKey(seed);
  if (!Object.hasOwn(PERSONALIZATION, domain)) {
    throw new TypeError(`domain must be "attachment" or "profile_picture", got ${String(domain)}`);
  }
  const nk = blake2b(plaintext, { dkLen: 56, key, personalization: PERSONALIZATION[domain] });
  return { header: nk.slice(0, 24), key: nk.slice(24, 56) };
}

function uploaderKey(seed: Uint8Array): Uint8Array {
  assertBytes(seed, undefined, "seed");
  if (![16, 32, 64].includes(seed.length)) {
    throw new RangeError(`seed must be 16, 32 or 64 bytes, got ${seed.length}`);
  }
  const key = new Uint8Array(32);
  key.set(seed.subarray(0, Math.min(seed.length, 32)));
  return key;
}
