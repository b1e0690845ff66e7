/**
 * The backup file layout (version 1). Everything before the ciphertext is the header, and the
 * whole header is the AEAD's associated data, so changing any header byte (KDF cost, salt,
 * nonce, version) fails decryption just like changing the ciphertext.
 *
 * ```
 * offset size  field
 *  0      8    magic "SBBACKUP"
 *  8      1    format version (1)
 *  9      1    KDF id (1 = scrypt)
 * 10      1    scrypt logN
 * 11      1    scrypt r
 * 12      1    scrypt p
 * 13     16    salt
 * 29     24    XChaCha20-Poly1305 nonce
 * 53      …    ciphertext of the dump, with its 16-byte tag
 * ```
 *
 * @module
 */
import { isScryptParams, type ScryptParams } from "../client/keyring/kdf.ts";
import { ValidationError } from "../core/errors.ts";

/** The first bytes of every backup file. */
export const MAGIC: Uint8Array = new TextEncoder().encode("SBBACKUP");
/** The format version this code writes. */
export const VERSION = 1;
/** KDF id of scrypt. */
const KDF_SCRYPT = 1;
/** Header length in bytes. */
export const HEADER_BYTES = 53;
/** Poly1305 tag length. */
const TAG_BYTES = 16;

/** The parsed header. */
export interface BackupHeader {
  /** Format version. */
  readonly version: number;
  /** scrypt cost. */
  readonly kdf: ScryptParams;
  /** 16-byte salt. */
  readonly salt: Uint8Array;
  /** 24-byte nonce. */
  readonly nonce: Uint8Array;
}

/**
 * Encodes a header.
 *
 * @example
 * ```ts
 * import { encodeHeader, parseHeader } from "./format.ts";
 * const bytes = encodeHeader({
 *   version: 1,
 *   kdf: { logN: 10, r: 8, p: 1 },
 *   salt: new Uint8Array(16),
 *   nonce: new Uint8Array(24),
 * });
 * console.log(parseHeader(bytes).kdf.logN); // 10
 * ```
 */
export function encodeHeader(header: BackupHeader): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES);
  out.set(MAGIC, 0);
  out.set([header.version, KDF_SCRYPT, header.kdf.logN, header.kdf.r, header.kdf.p], 8);
  out.set(header.salt, 13);
  out.set(header.nonce, 29);
  return out;
}

/**
 * Parses and checks the header of `file`; a `ValidationError` says what is wrong with it
 * (not a backup, a newer version, a truncated file, out-of-range KDF cost).
 *
 * @example
 * ```ts
 * import { parseHeader } from "./format.ts";
 * try {
 *   parseHeader(new TextEncoder().encode("hello"));
 * } catch (e) {
 *   console.log((e as Error).message); // "… is not a sessionbot backup …"
 * }
 * ```
 */
export function parseHeader(file: Uint8Array): BackupHeader {
  const magic = file.subarray(0, MAGIC.length);
  if (magic.length < MAGIC.length || magic.some((b, i) => b !== MAGIC[i])) {
    throw new ValidationError(
      "this file is not a sessionbot backup (its first bytes are not SBBACKUP); check the path",
      "not_a_backup",
      "file",
    );
  }
  if (file.length < HEADER_BYTES + TAG_BYTES) {
    throw new ValidationError(
      `the backup file is truncated (${file.length} bytes, a backup has at least ` +
        `${HEADER_BYTES + TAG_BYTES}); copy it again from its source`,
      "backup_truncated",
      "file",
    );
  }
  const version = file[8];
  if (version !== VERSION) {
    throw new ValidationError(
      `backup format version ${version} is not supported (this sessionbot reads version ` +
        `${VERSION}); restore it with the sessionbot version that wrote it or a newer one`,
      "backup_version",
      "file",
    );
  }
  const kdf = { logN: file[10], r: file[11], p: file[12] };
  if (file[9] !== KDF_SCRYPT || !isScryptParams(kdf)) {
    throw new ValidationError(
      "the backup header names an unknown key derivation or an out-of-range cost: the file " +
        "is damaged",
      "backup_corrupt",
      "file",
    );
  }
  return {
    version,
    kdf,
    salt: file.slice(13, 29),
    nonce: file.slice(29, HEADER_BYTES),
  };
}
