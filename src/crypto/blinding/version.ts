/**
 * The "version-blinded" (`07`) key: a separate Ed25519 key pair derived from the account seed,
 * used only to authenticate to the file server's `/session_version` endpoint, so that endpoint
 * never sees the account's real key (extended.md §1.4).
 *
 * @module
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { assertBytes, concatBytes, toHex, utf8 } from "../../core/bytes.ts";

const SEED_KEY = utf8("VersionCheckKey_sig");

/** The version-blinded key pair. */
export interface VersionKeyPair {
  /** Its 32-byte Ed25519 seed: `BLAKE2b-256(key = "VersionCheckKey_sig", msg = seed)`. */
  readonly seed: Uint8Array;
  /** The Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** libsodium-style 64-byte secret key: `seed ‖ publicKey`. */
  readonly secretKey: Uint8Array;
  /** `07` + hex of `publicKey`, as sent to the file server. */
  readonly id: string;
}

/**
 * Derives the version-blinded key pair from the account's 32-byte Ed25519 seed.
 *
 * @example
 * ```ts
 * import { versionKeyPair } from "../blinding.ts";
 * versionKeyPair(new Uint8Array(32)).id; // "07…"
 * ```
 */
export function versionKeyPair(ed25519Seed: Uint8Array): VersionKeyPair {
  assertBytes(ed25519Seed, 32, "ed25519Seed");
  const seed = blake2b(ed25519Seed, { dkLen: 32, key: SEED_KEY });
  const publicKey = ed25519.getPublicKey(seed);
  return Object.freeze({
    seed,
    publicKey,
    secretKey: concatBytes(seed, publicKey),
    id: "07" + toHex(publicKey),
  });
}

/**
 * The bytes signed for a version-key request: `TIMESTAMP ‖ METHOD ‖ PATH [‖ body]`, timestamp in
 * Unix seconds as decimal text. Unlike SOGS signing, the body goes in raw, not hashed.
 *
 * @example
 * ```ts
 * import { versionRequestMessage } from "../blinding.ts";
 * versionRequestMessage(1234567890, "GET", "/session_version?platform=desktop");
 * ```
 */
export function versionRequestMessage(
  timestamp: number,
  method: string,
  path: string,
  body?: Uint8Array,
): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`timestamp must be a non-negative integer (seconds), got ${timestamp}`);
  }
  if (typeof method !== "string" || typeof path !== "string") {
    throw new TypeError("method and path must be strings");
  }
  const head = utf8(`${timestamp}${method}${path}`);
  return body === undefined ? head : concatBytes(head, assertBytes(body, undefined, "body"));
}

/**
 * Signs `message` (usually from {@link versionRequestMessage}) with the version-blinded key:
 * plain Ed25519, verifiable under {@link VersionKeyPair.publicKey}.
 *
 * @example
 * ```ts
 * import { versionRequestMessage, versionSign } from "../blinding.ts";
 * const msg = versionRequestMessage(1234567890, "GET", "/session_version?platform=desktop");
 * versionSign(new Uint8Array(32), msg);
 * ```
 */
export function versionSign(ed25519Seed: Uint8Array, message: Uint8Array): Uint8Array {
  assertBytes(message, undefined, "message");
  return ed25519.sign(message, versionKeyPair(ed25519Seed).seed);
}
