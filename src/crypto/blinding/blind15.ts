/**
 * "blind15": the community blinding every current SOGS uses. One factor per server,
 * `k = reduce(BLAKE2b-512(serverPubkey))`; the blinded key is `k·A` (core.md §1.5).
 *
 * @module
 */
import { sha512 } from "@noble/hashes/sha2.js";
import { assertBytes, concatBytes, fromHex, toHex } from "../../core/bytes.ts";
import { assertSessionId } from "../ids.ts";
import { edwardsFromX25519, multiply, reduce64, scalarBytes, signWithScalar } from "./curve.ts";
import type { BlindedKeyPair } from "./key_pair.ts";
import { blind15Keys, factor } from "./blind15_keys.ts";

/**
 * The blind15 factor `k` of a community server (32-byte little-endian scalar).
 *
 * @param serverPubkey The community's 32-byte key, as bytes or 64 hex characters.
 * @example
 * ```ts
 * import { blind15Factor } from "../blinding.ts";
 * blind15Factor("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
 * ```
 */
export function blind15Factor(serverPubkey: Uint8Array | string): Uint8Array {
  return scalarBytes(factor(serverPubkey));
}

/**
 * The two blind15 IDs a Session ID may have on a server. A Session ID (an X25519 key) loses the
 * sign of the Ed25519 key, so both signs are returned: `[positive, negative]`, the second being
 * the first with the top bit of its last byte flipped. The account's real ID is one of them.
 *
 * @throws {ValidationError} when `sessionId` is not a valid `05` Session ID.
 * @example
 * ```ts
 * import { blind15Ids } from "../blinding.ts";
 * const [positive, negative] = blind15Ids(
 *   "05fe94b7ad4b7f1cc1bb92671f1f0d243f226e115b33770465e82b503fc3e96e1f",
 *   "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
 * );
 * ```
 */
export function blind15Ids(sessionId: string, serverPubkey: Uint8Array | string): [string, string] {
  const id = assertSessionId(sessionId);
  const k = factor(serverPubkey);
  const blinded = multiply(edwardsFromX25519(fromHex(id.slice(2)), "sessionId"), k).toBytes();
  const flipped = blinded.slice();
  flipped[31] ^= 0x80;
  return ["15" + toHex(blinded), "15" + toHex(flipped)];
}

/**
 * The account's blind15 key pair on a server: secret `k·a`, public `k·A`.
 *
 * @param ed25519Seed The account's 32-byte Ed25519 seed.
 * @example
 * ```ts
 * import { blind15KeyPair } from "../blinding.ts";
 * const pair = blind15KeyPair(new Uint8Array(32), new Uint8Array(32).fill(1));
 * pair.id; // "15…"
 * ```
 */
export function blind15KeyPair(
  ed25519Seed: Uint8Array,
  serverPubkey: Uint8Array | string,
): BlindedKeyPair {
  const { blindedScalar, blindedPublic: publicKey } = blind15Keys(ed25519Seed, serverPubkey);
  return Object.freeze({
    publicKey,
    secretScalar: scalarBytes(blindedScalar),
    id: "15" + toHex(publicKey),
  });
}

/**
 * The account's true blind15 ID on a server (one of the two {@link blind15Ids} candidates).
 *
 * @example
 * ```ts
 * import { blinded15Id } from "../blinding.ts";
 * blinded15Id(new Uint8Array(32), "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
 * ```
 */
export function blinded15Id(ed25519Seed: Uint8Array, serverPubkey: Uint8Array | string): string {
  return blind15KeyPair(ed25519Seed, serverPubkey).id;
}

/** Options of {@link blind15Sign}. */
export interface Blind15SignOptions {
  /**
   * Which deterministic nonce to use; both give valid signatures.
   * `"libsession"` (default): `r = reduce(SHA-512(SHA-512(seed ‖ A)[32..64] ‖ kA ‖ M))`.
   * `"sogs"` (desktop, pysogs, session.js request signing): the same with
   * `SHA-512(seed)[32..64]`.
   */
  nonce?: "libsession" | "sogs";
}

/**
 * Signs `message` as the account's blind15 identity on a server. The signature verifies with
 * plain Ed25519 under the blinded public key (the ID without its `15`).
 *
 * @example
 * ```ts
 * import { blind15Sign } from "../blinding.ts";
 * const sig = blind15Sign(new Uint8Array(32), new Uint8Array(32).fill(1), new Uint8Array([1]));
 * ```
 */
export function blind15Sign(
  ed25519Seed: Uint8Array,
  serverPubkey: Uint8Array | string,
  message: Uint8Array,
  options: Blind15SignOptions = {},
): Uint8Array {
  assertBytes(message, undefined, "message");
  const style = options.nonce ?? "libsession";
  if (style !== "libsession" && style !== "sogs") {
    throw new RangeError(`nonce must be "libsession" or "sogs", got ${String(style)}`);
  }
  const { expanded: { publicKey, prefix }, blindedScalar, blindedPublic } = blind15Keys(
    ed25519Seed,
    serverPubkey,
  );
  const nonceKey = style === "sogs"
    ? prefix
    : sha512(concatBytes(ed25519Seed, publicKey)).subarray(32);
  const r = reduce64(sha512(concatBytes(nonceKey, blindedPublic, message)));
  return signWithScalar(blindedScalar, blindedPublic, r, message);
}
