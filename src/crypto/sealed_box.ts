/**
 * libsodium's `crypto_box_seal`: an anonymous box to an X25519 public key. Layout:
 * ephemeral public key (32) || Poly1305 tag (16) || XSalsa20 ciphertext.
 *
 * @module
 */
import { hsalsa, xsalsa20poly1305 } from "@noble/ciphers/salsa.js";
import { assertBytes, concatBytes } from "../core/bytes.ts";
import { CryptoError } from "../core/errors.ts";
import { blake2b } from "./hash.ts";
import { generateX25519KeyPair, type X25519KeyPair } from "./x25519.ts";

/** Bytes a sealed box adds to its message. */
export const SEALED_BOX_OVERHEAD = 48;

/** "expand 32-byte k" as little-endian words: the Salsa20 constant. */
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
const ZERO_NONCE_WORDS = new Uint32Array(4);

/** NaCl's `crypto_box_beforenm`: HSalsa20 of the X25519 shared secret with a zero nonce. */
export function boxKey(sharedSecret: Uint8Array): Uint8Array {
  assertBytes(sharedSecret, 32, "shared secret");
  const keyWords = new Uint32Array(sharedSecret.slice().buffer);
  const out = new Uint32Array(8);
  hsalsa(SIGMA, keyWords, ZERO_NONCE_WORDS, out);
  return new Uint8Array(out.buffer);
}

function sealNonce(ephemeralPublicKey: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  return blake2b(concatBytes(ephemeralPublicKey, recipientPublicKey), { dkLen: 24 });
}

/**
 * Seals `message` to `recipientPublicKey`. `ephemeral` is for deterministic tests only; by
 * default a fresh key pair is drawn for every box.
 *
 * @example
 * ```ts
 * const sealed = sealBox(new TextEncoder().encode("hi"), recipient.publicKey);
 * openBox(sealed, recipient); // Uint8Array "hi"
 * ```
 */
export function sealBox(
  message: Uint8Array,
  recipientPublicKey: Uint8Array,
  ephemeral: X25519KeyPair = generateX25519KeyPair(),
): Uint8Array {
  assertBytes(message, undefined, "message");
  assertBytes(recipientPublicKey, 32, "recipient public key");
  const key = boxKey(ephemeral.sharedSecret(recipientPublicKey));
  const nonce = sealNonce(ephemeral.publicKey, recipientPublicKey);
  return concatBytes(ephemeral.publicKey, xsalsa20poly1305(key, nonce).encrypt(message));
}

/**
 * Opens a sealed box with the recipient's key pair. Any failure (too short, bad ephemeral key,
 * wrong recipient, tampered bytes) is a `CryptoError` with code `decrypt_failed`.
 *
 * @example
 * ```ts
 * import { openBox, sealBox } from "./sealed_box.ts";
 * import { generateX25519KeyPair } from "./x25519.ts";
 *
 * const recipient = generateX25519KeyPair();
 * const sealed = sealBox(new TextEncoder().encode("hi"), recipient.publicKey);
 * new TextDecoder().decode(openBox(sealed, recipient)); // "hi"
 * ```
 */
export function openBox(sealed: Uint8Array, recipient: X25519KeyPair): Uint8Array {
  assertBytes(sealed, undefined, "sealed box");
  if (sealed.length < SEALED_BOX_OVERHEAD) {
    throw new CryptoError(
      `sealed box too short: ${sealed.length} bytes, at least ${SEALED_BOX_OVERHEAD} expected`,
      "decrypt_failed",
    );
  }
  const ephemeralPublicKey = sealed.subarray(0, 32);
  try {
    const key = boxKey(recipient.sharedSecret(ephemeralPublicKey));
    const nonce = sealNonce(ephemeralPublicKey, recipient.publicKey);
    return xsalsa20poly1305(key, nonce).decrypt(sealed.subarray(32));
  } catch (cause) {
    throw new CryptoError(
      "sealed box does not open: not for this recipient, or tampered",
      "decrypt_failed",
      { cause },
    );
  }
}
