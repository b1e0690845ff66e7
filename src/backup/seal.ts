/**
 * Sealing a dump into a backup file and opening it again: key = scrypt(NFKC(passphrase), salt)
 * with the keyring's KDF, then XChaCha20-Poly1305 with a random 24-byte nonce; the header is
 * the associated data.
 *
 * @module
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { deriveKey, type ScryptParams, scryptParams } from "../client/keyring/kdf.ts";
import { concatBytes, randomBytes } from "../core/bytes.ts";
import { CryptoError, ValidationError } from "../core/errors.ts";
import { encodeHeader, HEADER_BYTES, parseHeader, VERSION } from "./format.ts";

/**
 * Encrypts `plaintext` under `passphrase` into a complete backup file.
 *
 * @example
 * ```ts
 * import { openFile, sealFile } from "./seal.ts";
 * const file = await sealFile(new Uint8Array([1, 2, 3]), "pass", { logN: 10 });
 * console.log(await openFile(file, "pass")); // Uint8Array [1, 2, 3]
 * ```
 */
export async function sealFile(
  plaintext: Uint8Array,
  passphrase: string,
  kdf: Partial<ScryptParams> = {},
): Promise<Uint8Array> {
  checkPassphrase(passphrase);
  const header = encodeHeader({
    version: VERSION,
    kdf: scryptParams(kdf),
    salt: randomBytes(16),
    nonce: randomBytes(24),
  });
  const parsed = parseHeaderOnly(header);
  const key = await deriveKey(passphrase, parsed.salt, parsed.kdf);
  try {
    const ciphertext = xchacha20poly1305(key, parsed.nonce, header).encrypt(plaintext);
    return concatBytes(header, ciphertext);
  } finally {
    key.fill(0);
  }
}

/**
 * Decrypts a backup file. A wrong passphrase and a damaged or truncated file look the same to
 * the AEAD: both are a `CryptoError` `backup_unreadable` that says so.
 *
 * @example
 * ```ts
 * import { openFile, sealFile } from "./seal.ts";
 * const file = await sealFile(new Uint8Array([7]), "right", { logN: 10 });
 * await openFile(file, "wrong").catch((e) => console.log(e.code)); // "backup_unreadable"
 * ```
 */
export async function openFile(file: Uint8Array, passphrase: string): Promise<Uint8Array> {
  checkPassphrase(passphrase);
  const header = parseHeader(file);
  const key = await deriveKey(passphrase, header.salt, header.kdf);
  try {
    return xchacha20poly1305(key, header.nonce, file.subarray(0, HEADER_BYTES))
      .decrypt(file.subarray(HEADER_BYTES));
  } catch {
    throw new CryptoError(
      "cannot decrypt the backup: the passphrase is wrong, or the file was damaged or cut " +
        "short; check the passphrase, then the file's size against the original",
      "backup_unreadable",
    );
  } finally {
    key.fill(0);
  }
}

// The header is written before the ciphertext exists; parse it without the length check.
function parseHeaderOnly(header: Uint8Array) {
  return parseHeader(concatBytes(header, new Uint8Array(16)));
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== "string" || passphrase === "") {
    throw new ValidationError(
      "a backup needs a non-empty passphrase",
      "passphrase_missing",
      "passphrase",
    );
  }
}
