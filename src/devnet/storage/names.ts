/**
 * A toy ONS (Session name) registry for the devnet: what `oxend_request` `ons_resolve` answers.
 * Records are the modern kind (core.md Appendix B): the Session ID encrypted with
 * XChaCha20-Poly1305 under a key only someone who knows the name can derive.
 *
 * @module
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { fromBase64, fromHex, isHex, randomBytes, toHex, ValidationError } from "../../core/mod.ts";
import { blake2b } from "../../crypto/hash.ts";

/** A modern ONS record as oxend returns it: hex ciphertext (with tag) and hex 24-byte nonce. */
export interface OnsRecord {
  /** XChaCha20-Poly1305 ciphertext and tag of the 33-byte Session ID, hex. */
  readonly encrypted_value: string;
  /** The 24-byte nonce, hex. */
  readonly nonce: string;
}

/** Names and the Session IDs they resolve to. */
export interface NameRegistry {
  /** Registers (or replaces) `name` → `sessionId`; returns the stored record. */
  register(name: string, sessionId: string): OnsRecord;
  /** The record for a name hash (base64, padded or not, or 64 hex), if registered. */
  resolve(nameHash: string): OnsRecord | undefined;
}

const ONS_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$/;
const utf8 = new TextEncoder();

/** Whether `name` is a syntactically valid Session name (`^\w([\w-]*[\w])?$`, ASCII `\w`). */
export function isValidOnsName(name: string): boolean {
  return ONS_NAME.test(name);
}

/** BLAKE2b-256 of the lower-case name: what clients send (base64) as `name_hash`. */
export function onsNameHash(name: string): Uint8Array {
  return blake2b(utf8.encode(name.toLowerCase()), { dkLen: 32 });
}

/** The record key: BLAKE2b-256(message = name, key = BLAKE2b-256(name)). */
export function onsRecordKey(name: string): Uint8Array {
  const lower = utf8.encode(name.toLowerCase());
  return blake2b(lower, { dkLen: 32, key: blake2b(lower, { dkLen: 32 }) });
}

/** Decodes a name hash in any accepted form to 64 hex, or `undefined`. */
export function normalizeNameHash(nameHash: string): string | undefined {
  if (isHex(nameHash, 32)) return nameHash.toLowerCase();
  if (/^[A-Za-z0-9+/]{43}=?$/.test(nameHash)) return toHex(fromBase64(nameHash));
  return undefined;
}

/**
 * Creates an empty in-memory registry.
 *
 * @example
 * ```ts
 * const names = createNameRegistry();
 * names.register("alice", "05" + "ab".repeat(32));
 * names.resolve(toHex(onsNameHash("alice"))); // { encrypted_value, nonce }
 * ```
 */
export function createNameRegistry(): NameRegistry {
  const records = new Map<string, OnsRecord>();

  function register(name: string, sessionId: string): OnsRecord {
    if (!isValidOnsName(name)) {
      throw new ValidationError(
        `"${name}" is not a valid Session name: use letters, digits, _ and - (not first or last)`,
        "invalid_name",
        "name",
      );
    }
    if (!isHex(sessionId, 33)) {
      throw new ValidationError("sessionId must be 66 hex characters", "invalid_id", "sessionId");
    }
    const nonce = randomBytes(24);
    const sealed = xchacha20poly1305(onsRecordKey(name), nonce).encrypt(fromHex(sessionId));
    const record = Object.freeze({ encrypted_value: toHex(sealed), nonce: toHex(nonce) });
    records.set(toHex(onsNameHash(name)), record);
    return record;
  }

  function resolve(nameHash: string): OnsRecord | undefined {
    const key = normalizeNameHash(nameHash);
    return key === undefined ? undefined : records.get(key);
  }

  return Object.freeze({ register, resolve });
}
