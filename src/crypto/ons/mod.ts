/**
 * Session names (ONS): name syntax, the `name_hash` of an `ons_resolve` request, and decryption
 * of the returned record to a Session ID (modern XChaCha20-Poly1305 and legacy Argon2id). No I/O.
 *
 * @example
 * ```ts
 * import { decryptOnsRecord, onsNameHash } from "./mod.ts";
 * const params = { type: 0, name_hash: onsNameHash("hloth") };
 * // … send oxend_request ons_resolve, then:
 * // const sessionId = await decryptOnsRecord("hloth", result.encrypted_value, result.nonce);
 * ```
 *
 * @module
 */
export {
  isValidOnsName,
  onsNameBytes,
  onsNameHash,
  onsNameHashBytes,
  onsRecordKey,
} from "./name.ts";
export { decryptOnsRecord, type EncryptedOnsRecord, encryptOnsRecord } from "./record.ts";
