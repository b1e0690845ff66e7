/**
 * Pre-HF16 ONS records (no nonce): Argon2id-derived key and an XSalsa20-Poly1305 secretbox with a
 * zero nonce (extended.md §5 step 6). Desktop dropped them; libsession and session.js still
 * resolve them.
 *
 * @module
 */
import { xsalsa20poly1305 } from "@noble/ciphers/salsa.js";
import { argon2idAsync } from "@noble/hashes/argon2.js";

/** libsodium `crypto_pwhash` MODERATE limits, Argon2id v1.3, 16 zero salt bytes. */
const ARGON2 = { t: 3, m: 262_144, p: 1, dkLen: 32, version: 0x13 } as const;
const ZERO_SALT = new Uint8Array(16);
const ZERO_NONCE = new Uint8Array(24);

/**
 * The legacy record key: Argon2id(password = name, salt = 16 zero bytes, opslimit 3,
 * memlimit 256 MiB). Takes seconds and 256 MiB of memory; yields to the event loop meanwhile.
 */
export function legacyOnsKey(nameBytes: Uint8Array): Promise<Uint8Array> {
  return argon2idAsync(nameBytes, ZERO_SALT, { ...ARGON2, asyncTick: 50 });
}

/** Opens a legacy record (tag ‖ ciphertext); throws a plain Error when it does not open. */
export function openLegacyRecord(key: Uint8Array, sealed: Uint8Array): Uint8Array {
  return xsalsa20poly1305(key, ZERO_NONCE).decrypt(sealed);
}
