/**
 * Decryption (and, for tests and the devnet, encryption) of ONS records as `ons_resolve` returns
 * them: hex `encrypted_value` and hex 24-byte `nonce` (absent for legacy records).
 *
 * @module
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { assertBytes, fromHex, isHex, randomBytes, toHex } from "../../core/bytes.ts";
import { CryptoError, ValidationError } from "../../core/errors.ts";
import { assertSessionId, isSessionId } from "../ids.ts";
import { legacyOnsKey, openLegacyRecord } from "./legacy.ts";
import { onsNameBytes, onsRecordKey } from "./name.ts";

/** A modern record as oxend returns it. */
export interface EncryptedOnsRecord {
  /** XChaCha20-Poly1305 ciphertext ‖ tag of the 33-byte Session ID, hex. */
  readonly encrypted_value: string;
  /** The 24-byte nonce, hex. */
  readonly nonce: string;
}

/** Encrypted Session ID (33 bytes) plus its 16-byte tag. */
const RECORD_LENGTH = 49;

/**
 * Decrypts an ONS record to the Session ID the name points to. With a nonce: modern
 * XChaCha20-Poly1305 under {@link onsRecordKey}. Without (`null`, `undefined` or `""`): a legacy
 * Argon2id record, which takes seconds and 256 MiB of memory.
 *
 * @throws {TypeError} when an argument has the wrong type.
 * @throws {ValidationError} `invalid_name` for a malformed name; `invalid_record` when the value
 *   or nonce is not hex or the nonce is not 24 bytes.
 * @throws {CryptoError} `decrypt_failed` when the record does not open under this name (wrong
 *   name or corrupt record); `invalid_record` when it opens to something other than a `05` ID.
 *
 * @example
 * ```ts
 * const { encrypted_value, nonce } = resolveResponse.result;
 * const sessionId = await decryptOnsRecord("hloth", encrypted_value, nonce);
 * ```
 */
export async function decryptOnsRecord(
  name: string,
  encryptedValueHex: string,
  nonceHex?: string | null,
): Promise<string> {
  const nameBytes = onsNameBytes(name);
  const sealed = parseHex(encryptedValueHex, "encrypted_value");
  const legacy = nonceHex === undefined || nonceHex === null || nonceHex === "";
  const nonce = legacy ? undefined : parseHex(nonceHex, "nonce");
  if (nonce !== undefined && nonce.length !== 24) {
    throw new ValidationError(
      `nonce must be 24 bytes, got ${nonce.length}`,
      "invalid_record",
      "nonce",
    );
  }
  if (sealed.length !== RECORD_LENGTH) {
    throw new CryptoError(
      `ONS record is ${sealed.length} bytes, ${RECORD_LENGTH} expected (an encrypted Session ID)`,
      "decrypt_failed",
    );
  }
  let plaintext: Uint8Array;
  try {
    plaintext = nonce === undefined
      ? openLegacyRecord(await legacyOnsKey(nameBytes), sealed)
      : xchacha20poly1305(onsRecordKey(name), nonce).decrypt(sealed);
  } catch (cause) {
    throw new CryptoError(
      `ONS record for "${name}" does not decrypt: wrong name or corrupt record`,
      "decrypt_failed",
      { cause },
    );
  }
  const sessionId = toHex(plaintext);
  if (!isSessionId(sessionId)) {
    throw new CryptoError(`ONS record for "${name}" is not a Session ID`, "invalid_record");
  }
  return sessionId;
}

/**
 * Encrypts a modern record for `name` → `sessionId` (what oxend stores). `nonce` is random unless
 * given.
 *
 * @throws {TypeError} / {RangeError} on wrong types or a nonce that is not 24 bytes.
 * @throws {ValidationError} for a malformed name (`invalid_name`) or Session ID (`invalid_id`).
 *
 * @example
 * ```ts
 * import { decryptOnsRecord, encryptOnsRecord } from "./mod.ts";
 *
 * const sessionId = "05" + "ab".repeat(32);
 * const record = encryptOnsRecord("alice", sessionId);
 * console.log(record.nonce.length); // 48 hex characters
 * const again = await decryptOnsRecord("alice", record.encrypted_value, record.nonce);
 * console.log(again === sessionId); // true
 * ```
 */
export function encryptOnsRecord(
  name: string,
  sessionId: string,
  nonce: Uint8Array = randomBytes(24),
): EncryptedOnsRecord {
  const id = fromHex(assertSessionId(sessionId));
  assertBytes(nonce, 24, "nonce");
  const sealed = xchacha20poly1305(onsRecordKey(name), nonce).encrypt(id);
  return { encrypted_value: toHex(sealed), nonce: toHex(nonce) };
}

function parseHex(text: string, field: string): Uint8Array {
  if (typeof text !== "string") {
    throw new TypeError(`${field} must be a hex string, got ${typeof text}`);
  }
  if (!isHex(text)) throw new ValidationError(`${field} must be hex`, "invalid_record", field);
  return fromHex(text);
}
