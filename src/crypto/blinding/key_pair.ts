/**
 * The shape every blinded key pair shares.
 *
 * @module
 */

/** A blinded key pair: the per-community identity derived from an account key. */
export interface BlindedKeyPair {
  /** The blinded Ed25519 public key (32 bytes); plain Ed25519 verifies its signatures. */
  readonly publicKey: Uint8Array;
  /** The blinded secret scalar (32 bytes, little-endian, reduced mod L). Keep it secret. */
  readonly secretScalar: Uint8Array;
  /** The ID: prefix (`15` or `25`) + hex of `publicKey`. */
  readonly id: string;
}
