/**
 * "blind25": libsession's newer community blinding. The factor mixes in the account's X25519
 * key, `k = reduce(BLAKE2b-512(0x05 ‖ X ‖ serverPubkey))`, and the blinded key is always
 * `k·|A|` (sign bit cleared), so a Session ID gives exactly one ID (extended.md §1.4).
 *
 * @module
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { assertBytes, concatBytes, fromHex, toHex, utf8 } from "../../core/bytes.ts";
import { assertSessionId } from "../ids.ts";
import {
  edwardsFromX25519,
  expandSeed,
  key32,
  multiply,
  publicFromScalar,
  reduce64,
  scalarBytes,
  signWithScalar,
} from "./curve.ts";
import type { BlindedKeyPair } from "./key_pair.ts";

const SEED_KEY = utf8("SessCommBlind25_seed");
const NONCE_KEY = utf8("SessCommBlind25_sig");

function factor(x25519: Uint8Array, serverPubkey: Uint8Array | string): bigint {
  const input = concatBytes(Uint8Array.of(0x05), x25519, key32(serverPubkey, "serverPubkey"));
  return reduce64(blake2b(input, { dkLen: 64 }));
}

/**
 * The blind25 factor `k` for a Session ID on a server (32-byte little-endian scalar).
 *
 * @throws {ValidationError} when `sessionId` is not a `05` Session ID.
 * @example
 * ```ts
 * import { blind25Factor } from "../blinding.ts";
 * blind25Factor(
 *   "05fe94b7ad4b7f1cc1bb92671f1f0d243f226e115b33770465e82b503fc3e96e1f",
 *   "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
 * );
 * ```
 */
export function blind25Factor(sessionId: string, serverPubkey: Uint8Array | string): Uint8Array {
  return scalarBytes(factor(fromHex(assertSessionId(sessionId).slice(2)), serverPubkey));
}

/**
 * The blind25 ID of a Session ID on a server (`25` + hex of `k·|A|`); no private key needed.
 *
 * @throws {ValidationError} when `sessionId` is not a valid `05` Session ID.
 * @example
 * ```ts
 * import { blinded25Id } from "../blinding.ts";
 * blinded25Id(
 *   "05fe94b7ad4b7f1cc1bb92671f1f0d243f226e115b33770465e82b503fc3e96e1f",
 *   "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
 * ); // "253b991d…"
 * ```
 */
export function blinded25Id(sessionId: string, serverPubkey: Uint8Array | string): string {
  const x = fromHex(assertSessionId(sessionId).slice(2));
  const point = multiply(edwardsFromX25519(x, "sessionId"), factor(x, serverPubkey));
  return "25" + toHex(point.toBytes());
}

/**
 * The account's blind25 key pair. The factor is negated when `A` has its sign bit set, so that
 * the public key `k·a·B` equals `k·|A|`, the value {@link blinded25Id} computes.
 *
 * @param ed25519Seed The account's 32-byte Ed25519 seed.
 * @example
 * ```ts
 * import { blind25KeyPair } from "../blinding.ts";
 * blind25KeyPair(new Uint8Array(32), new Uint8Array(32).fill(1)).id; // "25…"
 * ```
 */
export function blind25KeyPair(
  ed25519Seed: Uint8Array,
  serverPubkey: Uint8Array | string,
): BlindedKeyPair {
  const { scalar, publicKey } = derive(ed25519Seed, serverPubkey);
  return Object.freeze({
    publicKey,
    secretScalar: scalarBytes(scalar),
    id: "25" + toHex(publicKey),
  });
}

function derive(ed25519Seed: Uint8Array, serverPubkey: Uint8Array | string) {
  const { scalar, publicKey } = expandSeed(ed25519Seed);
  const k = factor(ed25519.utils.toMontgomery(publicKey), serverPubkey);
  const blindedScalar = (publicKey[31] & 0x80 ? -k : k) * scalar;
  return { scalar: blindedScalar, publicKey: publicFromScalar(blindedScalar) };
}

/**
 * Signs `message` as the account's blind25 identity, with libsession's deterministic nonce
 * `r = reduce(BLAKE2b-512_key("SessCommBlind25_sig")(BLAKE2b-256_key("SessCommBlind25_seed")(seed)
 * ‖ A25 ‖ M))`, so output matches libsession byte for byte. Verifies with plain Ed25519 under the
 * blinded public key.
 *
 * @example
 * ```ts
 * import { blind25Sign } from "../blinding.ts";
 * blind25Sign(new Uint8Array(32), new Uint8Array(32).fill(1), new TextEncoder().encode("hi"));
 * ```
 */
export function blind25Sign(
  ed25519Seed: Uint8Array,
  serverPubkey: Uint8Array | string,
  message: Uint8Array,
): Uint8Array {
  assertBytes(message, undefined, "message");
  const { scalar, publicKey } = derive(ed25519Seed, serverPubkey);
  const seedHash = blake2b(ed25519Seed, { dkLen: 32, key: SEED_KEY });
  const r = reduce64(
    blake2b(concatBytes(seedHash, publicKey, message), { dkLen: 64, key: NONCE_KEY }),
  );
  return signWithScalar(scalar, publicKey, r, message);
}
