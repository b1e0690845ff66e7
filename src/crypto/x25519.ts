/**
 * X25519 key agreement (native `node:crypto`) and the Ed25519 → X25519 key conversions that
 * turn a Session identity's signing key into its Session ID.
 *
 * @module
 */
import { createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToNumberLE, numberToBytesLE } from "@noble/curves/utils.js";
import { assertBytes } from "../core/bytes.ts";
import { CryptoError } from "../core/errors.ts";
import { privateKeyObject, publicKeyObject, rawPublicKey } from "./key_objects.ts";
import { sha512 } from "./hash.ts";

/** An X25519 key pair whose secret stays inside a native key object. */
export interface X25519KeyPair {
  /** The 32-byte X25519 public key. */
  readonly publicKey: Uint8Array;
  /**
   * The 32-byte shared secret with `peerPublicKey`. Throws `CryptoError` when the peer key is a
   * low-order point (the result would be all zeros), as libsodium does.
   */
  sharedSecret(peerPublicKey: Uint8Array): Uint8Array;
}

function keyPairFrom(privateKey: KeyObject, publicKey: Uint8Array): X25519KeyPair {
  return Object.freeze({
    publicKey,
    sharedSecret: function sharedSecret(peerPublicKey: Uint8Array): Uint8Array {
      assertBytes(peerPublicKey, 32, "X25519 peer public key");
      let shared: Uint8Array;
      try {
        shared = new Uint8Array(
          diffieHellman({ privateKey, publicKey: publicKeyObject("x25519", peerPublicKey) }),
        );
      } catch (cause) {
        throw new CryptoError("X25519 key agreement failed: bad peer key", "bad_key", { cause });
      }
      if (shared.every((b) => b === 0)) {
        throw new CryptoError("X25519 key agreement failed: low-order peer key", "bad_key");
      }
      return shared;
    },
  });
}

/**
 * An X25519 key pair from a 32-byte secret scalar (clamped by the curve, as libsodium does).
 *
 * @example
 * ```ts
 * const pair = x25519KeyPair(crypto.getRandomValues(new Uint8Array(32)));
 * pair.publicKey.length; // 32
 * ```
 */
export function x25519KeyPair(secret: Uint8Array): X25519KeyPair {
  const privateKey = privateKeyObject("x25519", assertBytes(secret, 32, "X25519 secret"));
  return keyPairFrom(privateKey, rawPublicKey(createPublicKey(privateKey)));
}

/**
 * A fresh random X25519 key pair (the sealed box's ephemeral key).
 *
 * @example
 * ```ts
 * import { generateX25519KeyPair } from "./x25519.ts";
 *
 * const a = generateX25519KeyPair();
 * const b = generateX25519KeyPair();
 * // Both sides derive the same 32-byte secret.
 * console.log(a.sharedSecret(b.publicKey).toString() === b.sharedSecret(a.publicKey).toString());
 * ```
 */
export function generateX25519KeyPair(): X25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("x25519");
  return keyPairFrom(privateKey, rawPublicKey(publicKey));
}

/**
 * libsodium's `crypto_box_seed_keypair`: the secret is the first half of SHA-512(seed).
 * Used for deterministic test vectors.
 */
export function x25519KeyPairFromSeed(seed: Uint8Array): X25519KeyPair {
  return x25519KeyPair(sha512(assertBytes(seed, 32, "seed")).slice(0, 32));
}

/**
 * libsodium's `crypto_sign_ed25519_sk_to_curve25519`: the X25519 secret of an Ed25519 seed,
 * i.e. the clamped first half of SHA-512(seed).
 */
export function x25519SecretFromEd25519Seed(seed: Uint8Array): Uint8Array {
  const secret = sha512(assertBytes(seed, 32, "Ed25519 seed")).slice(0, 32);
  secret[0] &= 248;
  secret[31] &= 127;
  secret[31] |= 64;
  return secret;
}

const Fp = ed25519.Point.Fp;

/** The 255-bit coordinate of a point encoding (the top bit is the Edwards sign, or unused). */
export function coordinate(encoding: Uint8Array): bigint {
  const copy = encoding.slice(0, 32);
  copy[31] &= 0x7f;
  return bytesToNumberLE(copy);
}

/**
 * The X25519 public key of an Ed25519 public key: u = (1 + y) / (1 − y). Only the y coordinate
 * is needed, so this skips the point decompression of the general conversion; callers use it on
 * keys that already passed signature verification. Throws `RangeError` for y = 1 (identity).
 *
 * @example
 * ```ts
 * const x = ed25519ToX25519PublicKey(signer.publicKey);
 * ```
 */
export function ed25519ToX25519PublicKey(publicKey: Uint8Array): Uint8Array {
  assertBytes(publicKey, 32, "Ed25519 public key");
  const y = Fp.create(coordinate(publicKey));
  const denominator = Fp.sub(Fp.ONE, y);
  if (Fp.is0(denominator)) throw new RangeError("Ed25519 public key is the identity point");
  return numberToBytesLE(Fp.mul(Fp.add(Fp.ONE, y), Fp.inv(denominator)), 32);
}

/**
 * The Ed25519 public key with the given sign bit whose X25519 form is `publicKey`:
 * y = (u − 1) / (u + 1). Session IDs carry only u, so the sign must be guessed (blinding uses 0).
 *
 * @example
 * ```ts
 * import { Identity } from "./identity.ts";
 * import { x25519ToEd25519PublicKey } from "./x25519.ts";
 *
 * const me = Identity.generate();
 * // Equal to me.signer.publicKey, or to it with the sign bit flipped.
 * const ed25519 = x25519ToEd25519PublicKey(me.x25519.publicKey);
 * ```
 */
export function x25519ToEd25519PublicKey(publicKey: Uint8Array, signBit: 0 | 1 = 0): Uint8Array {
  assertBytes(publicKey, 32, "X25519 public key");
  const u = Fp.create(coordinate(publicKey));
  const denominator = Fp.add(u, Fp.ONE);
  if (Fp.is0(denominator)) throw new RangeError("X25519 public key has no Ed25519 form");
  const out = numberToBytesLE(Fp.mul(Fp.sub(u, Fp.ONE), Fp.inv(denominator)), 32);
  out[31] |= signBit << 7;
  return out;
}
