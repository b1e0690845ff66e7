/**
 * Ed25519 signing and strict verification on the native `node:crypto` backend.
 *
 * @module
 */
import { type KeyObject, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import { assertBytes, toHex } from "../core/bytes.ts";
import { asBuffer, privateKeyObject, publicKeyObject, rawPublicKey } from "./key_objects.ts";
import { createPublicKey } from "node:crypto";
import { hasSmallOrder, isAcceptablePublicKey, isCanonicalScalar } from "./ed25519_rules.ts";

/** Signs with one Ed25519 key; the secret stays inside a native key object. */
export interface Ed25519Signer {
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** A 64-byte RFC 8032 signature over `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Creates a signer from a 32-byte Ed25519 seed.
 *
 * @example
 * ```ts
 * const signer = createEd25519Signer(new Uint8Array(32));
 * const signature = signer.sign(new TextEncoder().encode("hi"));
 * verifyEd25519(signature, new TextEncoder().encode("hi"), signer.publicKey); // true
 * ```
 */
export function createEd25519Signer(seed: Uint8Array): Ed25519Signer {
  const key = privateKeyObject("ed25519", assertBytes(seed, 32, "Ed25519 seed"));
  const publicKey = rawPublicKey(createPublicKey(key));
  return Object.freeze({
    publicKey,
    sign: function sign(message: Uint8Array): Uint8Array {
      return new Uint8Array(
        nodeSign(null, asBuffer(assertBytes(message, undefined, "message")), key),
      );
    },
  });
}

/** The Ed25519 public key of a 32-byte seed. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return createEd25519Signer(seed).publicKey;
}

const MAX_CACHED_KEYS = 4096;
/** Checked public keys: a KeyObject when acceptable, null when libsodium would reject it. */
const checkedKeys = new Map<string, KeyObject | null>();

function checkedKey(publicKey: Uint8Array): KeyObject | null {
  const id = toHex(publicKey);
  let key = checkedKeys.get(id);
  if (key === undefined) {
    key = isAcceptablePublicKey(publicKey) ? publicKeyObject("ed25519", publicKey) : null;
    if (checkedKeys.size >= MAX_CACHED_KEYS) checkedKeys.delete(checkedKeys.keys().next().value!);
    checkedKeys.set(id, key);
  }
  return key;
}

/**
 * Verifies an Ed25519 signature with libsodium's rules: the signature's S must be canonical,
 * its R and the public key must not have small order, and the key must be a canonical curve
 * point. Returns false for any failure; throws only on wrong argument types or lengths.
 *
 * @example
 * ```ts
 * const ok = verifyEd25519(new Uint8Array(64), new Uint8Array(0), new Uint8Array(32)); // false
 * ```
 */
export function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  assertBytes(signature, 64, "signature");
  assertBytes(message, undefined, "message");
  assertBytes(publicKey, 32, "public key");
  if (!isCanonicalScalar(signature.subarray(32)) || hasSmallOrder(signature.subarray(0, 32))) {
    return false;
  }
  const key = checkedKey(publicKey);
  if (key === null) return false;
  return nodeVerify(null, asBuffer(message), key, asBuffer(signature));
}
