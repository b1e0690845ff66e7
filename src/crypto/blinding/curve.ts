/**
 * Ed25519 group helpers shared by the blinding schemes (internal). Scalars are bigints mod the
 * group order L; `reduce64` is libsodium's `crypto_core_ed25519_scalar_reduce`.
 *
 * @module
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { mod } from "@noble/curves/abstract/modular.js";
import { bytesToNumberLE, numberToBytesLE } from "@noble/curves/utils.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { assertBytes, concatBytes, fromHex, isHex } from "../../core/bytes.ts";
import { CryptoError, ValidationError } from "../../core/errors.ts";

/** The Ed25519 point type. */
export type Point = InstanceType<typeof ed25519.Point>;

const BASE = ed25519.Point.BASE;
/** Prime order of the Ed25519 base point. */
export const L: bigint = ed25519.Point.Fn.ORDER;
const P: bigint = ed25519.Point.Fp.ORDER;

/** A 64-byte hash read little-endian, reduced mod L. */
export function reduce64(hash: Uint8Array): bigint {
  return mod(bytesToNumberLE(assertBytes(hash, 64, "hash")), L);
}

/** 32-byte little-endian encoding of a scalar. */
export function scalarBytes(scalar: bigint): Uint8Array {
  return numberToBytesLE(mod(scalar, L), 32);
}

/** `scalar · point`; the blinding factors are hashes, so zero only by a 2^-252 accident. */
export function multiply(point: Point, scalar: bigint): Point {
  const s = mod(scalar, L);
  if (s === 0n) throw new CryptoError("blinding produced a zero scalar", "zero_scalar");
  return point.multiply(s);
}

/** `scalar · B`, encoded. */
export function publicFromScalar(scalar: bigint): Uint8Array {
  return multiply(BASE, scalar).toBytes();
}

/** A 32-byte public key given as bytes or 64 hex characters (server keys arrive as hex). */
export function key32(value: Uint8Array | string, name: string): Uint8Array {
  if (typeof value === "string") {
    if (!isHex(value, 32)) throw new RangeError(`${name} must be 64 hex characters`);
    return fromHex(value);
  }
  return assertBytes(value, 32, name);
}

/** The Ed25519 key material of a 32-byte seed (RFC 8032 expansion). */
export interface Expanded {
  /** The secret scalar `a`, reduced mod L. */
  scalar: bigint;
  /** The public key `A` (encoded). */
  publicKey: Uint8Array;
  /** SHA-512(seed)[32..64], the RFC 8032 nonce prefix. */
  prefix: Uint8Array;
}

/** Expands an Ed25519 seed; throws TypeError/RangeError unless it is 32 bytes. */
export function expandSeed(seed: Uint8Array): Expanded {
  assertBytes(seed, 32, "ed25519Seed");
  const ext = ed25519.utils.getExtendedPublicKey(seed);
  return { scalar: ext.scalar, publicKey: ext.pointBytes, prefix: ext.prefix };
}

/**
 * The Ed25519 point of an X25519 public key with sign bit 0: `y = (u − 1) / (u + 1)`. The true
 * key is this point or its negation; which one is not recoverable from `u`.
 */
export function edwardsFromX25519(x25519: Uint8Array, field: string): Point {
  const u = bytesToNumberLE(assertBytes(x25519, 32, field));
  const bad = () =>
    new ValidationError(
      `${field} does not hold a usable X25519 public key (it maps to no prime-order Ed25519 ` +
        `point); check that the ID was copied correctly`,
      "invalid_id",
      field,
    );
  if (u >= P || u === P - 1n) throw bad();
  const y = mod((u - 1n) * ed25519.Point.Fp.inv(u + 1n), P);
  let point: Point;
  try {
    point = ed25519.Point.fromBytes(numberToBytesLE(y, 32));
  } catch {
    throw bad();
  }
  // Honest keys live in the prime-order subgroup; anything else would blind to a junk ID.
  if (point.isSmallOrder() || !point.isTorsionFree()) throw bad();
  return point;
}

/**
 * EdDSA signature with an explicit scalar, public key and nonce: `R = r·B`,
 * `S = r + SHA-512(R ‖ A ‖ M)·a mod L`. Verifies with plain Ed25519 under `publicKey`.
 */
export function signWithScalar(
  scalar: bigint,
  publicKey: Uint8Array,
  nonce: bigint,
  message: Uint8Array,
): Uint8Array {
  const R = publicFromScalar(nonce);
  const h = reduce64(sha512(concatBytes(R, publicKey, message)));
  return concatBytes(R, scalarBytes(nonce + h * scalar));
}
