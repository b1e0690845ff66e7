/**
 * Hash functions used by the protocol: BLAKE2b (keyed or not, any output length), SHA-512.
 *
 * @module
 */
import { blake2b as nobleBlake2b } from "@noble/hashes/blake2.js";
import { sha512 as nobleSha512 } from "@noble/hashes/sha2.js";
import { assertBytes } from "../core/bytes.ts";

/** Options for {@link blake2b}. */
export interface Blake2bOptions {
  /** Output length in bytes, 1..64 (default 64). */
  dkLen?: number;
  /** Optional key, up to 64 bytes. */
  key?: Uint8Array;
  /** Optional 16-byte personalisation. */
  personalization?: Uint8Array;
  /** Optional 16-byte salt. */
  salt?: Uint8Array;
}

/**
 * BLAKE2b as libsodium's `crypto_generichash` computes it.
 *
 * @example
 * ```ts
 * const nonce = blake2b(new Uint8Array(64), { dkLen: 24 });
 * ```
 */
export function blake2b(data: Uint8Array, options: Blake2bOptions = {}): Uint8Array {
  assertBytes(data, undefined, "data");
  return nobleBlake2b(data, {
    dkLen: options.dkLen ?? 64,
    key: options.key,
    personalization: options.personalization,
    salt: options.salt,
  });
}

/** SHA-512 of `data`. */
export function sha512(data: Uint8Array): Uint8Array {
  return nobleSha512(assertBytes(data, undefined, "data"));
}
