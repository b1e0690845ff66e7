/**
 * The blind15 keys of an account on a server, derived once: every SOGS request is signed with
 * them, and deriving costs two scalar multiplications that signing alone does not need.
 *
 * @module
 */
import { blake2b } from "@noble/hashes/blake2.js";
import { assertBytes, toHex } from "../../core/bytes.ts";
import { type Expanded, expandSeed, key32, publicFromScalar, reduce64 } from "./curve.ts";

/** An account's expanded seed and its blinded scalar and public key on one server. */
export interface Blind15Keys {
  readonly expanded: Expanded;
  readonly blindedScalar: bigint;
  readonly blindedPublic: Uint8Array;
}

/** Per seed array: a copy of its bytes (so an array changed in place is noticed) and keys. */
const derived = new WeakMap<Uint8Array, { seed: Uint8Array; byServer: Map<string, Blind15Keys> }>();
const MAX_SERVERS = 64;

/** The blind15 factor `k = reduce(BLAKE2b-512(serverPubkey))`. */
export function factor(serverPubkey: Uint8Array | string): bigint {
  return reduce64(blake2b(key32(serverPubkey, "serverPubkey"), { dkLen: 64 }));
}

/**
 * The blind15 keys of `ed25519Seed` on the server `serverPubkey` (cached per seed array).
 *
 * @example
 * ```ts
 * const { blindedPublic } = blind15Keys(new Uint8Array(32), "ab".repeat(32));
 * ```
 */
export function blind15Keys(
  ed25519Seed: Uint8Array,
  serverPubkey: Uint8Array | string,
): Blind15Keys {
  assertBytes(ed25519Seed, 32, "ed25519Seed");
  const server = toHex(key32(serverPubkey, "serverPubkey"));
  let entry = derived.get(ed25519Seed);
  if (!entry || !sameBytes(entry.seed, ed25519Seed)) {
    entry = { seed: ed25519Seed.slice(), byServer: new Map() };
    derived.set(ed25519Seed, entry);
  }
  let keys = entry.byServer.get(server);
  if (!keys) {
    const expanded = expandSeed(ed25519Seed);
    const blindedScalar = factor(serverPubkey) * expanded.scalar;
    keys = { expanded, blindedScalar, blindedPublic: publicFromScalar(blindedScalar) };
    if (entry.byServer.size >= MAX_SERVERS) entry.byServer.clear();
    entry.byServer.set(server, keys);
  }
  return keys;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
