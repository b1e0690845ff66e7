/**
 * A devnet node's (or the file server's) keys: Ed25519 from a seed, X25519 derived from it the
 * way service nodes do (`crypto_sign_ed25519_sk_to_curve25519`).
 *
 * @module
 */
import { toHex } from "../core/bytes.ts";
import { createEd25519Signer, type Ed25519Signer } from "../crypto/ed25519.ts";
import {
  type X25519KeyPair,
  x25519KeyPair,
  x25519SecretFromEd25519Seed,
} from "../crypto/x25519.ts";

/** Keys of one devnet server. */
export interface DevnetKeys {
  /** The 32-byte Ed25519 seed. */
  readonly seed: Uint8Array;
  /** Ed25519 signer. */
  readonly signer: Ed25519Signer;
  /** X25519 key pair (onion layers are encrypted to its public key). */
  readonly x25519: X25519KeyPair;
  /** Ed25519 public key, hex. */
  readonly ed25519Hex: string;
  /** X25519 public key, hex. */
  readonly x25519Hex: string;
}

/** The keys of `seed`. */
export function keysFromSeed(seed: Uint8Array): DevnetKeys {
  const signer = createEd25519Signer(seed);
  const x25519 = x25519KeyPair(x25519SecretFromEd25519Seed(seed));
  return Object.freeze({
    seed,
    signer,
    x25519,
    ed25519Hex: toHex(signer.publicKey),
    x25519Hex: toHex(x25519.publicKey),
  });
}
