/**
 * The extra checks libsodium's `crypto_sign_verify_detached` makes before the curve equation,
 * and that Deno's native Ed25519 verify skips. Without them a small-order public key verifies a
 * trivially forged signature for any message.
 *
 * @module
 */
import { ED25519_TORSION_SUBGROUP } from "@noble/curves/ed25519.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { numberToBytesLE } from "@noble/curves/utils.js";
import { fromHex, toHex } from "../core/bytes.ts";
import { coordinate } from "./x25519.ts";

/** Order of the prime subgroup, little-endian bytes. */
const GROUP_ORDER_LE = littleEndian(2n ** 252n + 27742317777372353535851937790883648493n);
const FIELD_PRIME = 2n ** 255n - 19n;

function littleEndian(value: bigint): Uint8Array {
  return numberToBytesLE(value, 32);
}

/**
 * Encodings of the eight small-order points with the sign bit cleared, plus the two
 * non-canonical encodings (y = p, y = p + 1) of small-order points: libsodium's blocklist.
 */
const SMALL_ORDER_ENCODINGS: ReadonlySet<string> = new Set([
  ...ED25519_TORSION_SUBGROUP.map((hex) => toHex(withoutSignBit(fromHex(hex)))),
  toHex(littleEndian(FIELD_PRIME)),
  toHex(littleEndian(FIELD_PRIME + 1n)),
]);

function withoutSignBit(encoding: Uint8Array): Uint8Array {
  const copy = encoding.slice(0, 32);
  copy[31] &= 0x7f;
  return copy;
}

/** True when the 32-byte little-endian scalar is below the group order (libsodium's rule). */
export function isCanonicalScalar(scalar: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (scalar[i] < GROUP_ORDER_LE[i]) return true;
    if (scalar[i] > GROUP_ORDER_LE[i]) return false;
  }
  return false; // equal to the order
}

/** True when the point encoding is one of the small-order points, whatever its sign bit. */
export function hasSmallOrder(encoding: Uint8Array): boolean {
  return SMALL_ORDER_ENCODINGS.has(toHex(withoutSignBit(encoding)));
}

/** True when the encoded y coordinate is below the field prime. */
export function isCanonicalEncoding(encoding: Uint8Array): boolean {
  return coordinate(encoding) < FIELD_PRIME;
}

/**
 * A public key libsodium would verify against: canonical, on the curve and not of small order.
 */
export function isAcceptablePublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32 || !isCanonicalEncoding(publicKey) || hasSmallOrder(publicKey)) {
    return false;
  }
  try {
    ed25519.Point.fromBytes(publicKey);
    return true;
  } catch {
    return false;
  }
}
