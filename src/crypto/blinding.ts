/**
 * Community (SOGS) blinding: per-server identities derived from an account key, so communities
 * cannot link a user across servers (core.md §1.5, extended.md §1.4).
 *
 * - blind15 (`15…`, what SOGS uses today): {@link blind15KeyPair}, {@link blind15Sign}, and from a
 *   bare Session ID the two candidates {@link blind15Ids}.
 * - blind25 (`25…`, libsession): {@link blind25KeyPair}, {@link blind25Sign}, {@link blinded25Id}.
 * - version key (`07…`, file server): {@link versionKeyPair}, {@link versionSign}.
 *
 * Every signature verifies with plain Ed25519 under the blinded public key.
 *
 * @example
 * ```ts
 * import { blind15KeyPair, blind15Sign } from "./blinding.ts";
 * const seed = crypto.getRandomValues(new Uint8Array(32));
 * const server = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
 * const { id } = blind15KeyPair(seed, server); // "15…"
 * const signature = blind15Sign(seed, server, new TextEncoder().encode("hello"));
 * ```
 *
 * @module
 */
export type { BlindedKeyPair } from "./blinding/key_pair.ts";
export {
  blind15Factor,
  blind15Ids,
  blind15KeyPair,
  blind15Sign,
  type Blind15SignOptions,
  blinded15Id,
} from "./blinding/blind15.ts";
export { blind25Factor, blind25KeyPair, blind25Sign, blinded25Id } from "./blinding/blind25.ts";
export { isBlindedIdOf, sameBlindedId } from "./blinding/compare.ts";
export {
  type VersionKeyPair,
  versionKeyPair,
  versionRequestMessage,
  versionSign,
} from "./blinding/version.ts";
