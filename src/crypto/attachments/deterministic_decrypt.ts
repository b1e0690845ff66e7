/**
 * Decryption of libsession's deterministic `'S'` format (§2.3): a standard secretstream pull,
 * then the leading `0x00…0x01` padding stripped. Accepts everything libsession's encryptor
 * produces and rejects everything its `decrypt` rejects.
 *
 * @module
 */
import { assertBytes } from "../../core/bytes.ts";
import { CryptoError, ValidationError } from "../../core/errors.ts";
import { DETERMINISTIC_CHUNK_SIZE, DETERMINISTIC_PREFIX_SIZE } from "./deterministic_size.ts";
import { SecretStream, SECRETSTREAM_ABYTES, SecretStreamTag } from "./secretstream.ts";

const CHUNK_TOTAL = DETERMINISTIC_CHUNK_SIZE + SECRETSTREAM_ABYTES;

/**
 * Decrypts a deterministic-format file with its 32-byte key (from the pointer).
 *
 * @throws {TypeError} when an argument is not a `Uint8Array`.
 * @throws {ValidationError} (`code: "invalid_key"`) when `key` is not 32 bytes.
 * @throws {CryptoError} `unknown_format` when the file does not start with `'S'`;
 *   `decrypt_failed` when the key is wrong or the file is truncated, tampered or malformed.
 *
 * @example
 * ```ts
 * const file = decryptDeterministicAttachment(downloaded, pointer.key);
 * ```
 */
export function decryptDeterministicAttachment(encrypted: Uint8Array, key: Uint8Array): Uint8Array {
  assertBytes(encrypted, undefined, "encrypted");
  assertBytes(key, undefined, "key");
  if (key.length !== 32) {
    throw new ValidationError(
      `deterministic attachment key must be 32 bytes, got ${key.length}`,
      "invalid_key",
      "key",
    );
  }
  if (encrypted.length < DETERMINISTIC_PREFIX_SIZE + SECRETSTREAM_ABYTES + 1) {
    throw fail(`file too short (${encrypted.length} bytes)`);
  }
  if (encrypted[0] !== 0x53) {
    throw new CryptoError(
      `unknown attachment encryption type 0x${encrypted[0].toString(16).padStart(2, "0")}, ` +
        "expected 0x53 ('S')",
      "unknown_format",
    );
  }
  const body = encrypted.length - DETERMINISTIC_PREFIX_SIZE;
  const out = new Uint8Array(body - Math.ceil(body / CHUNK_TOTAL) * SECRETSTREAM_ABYTES);
  const stream = new SecretStream(key, encrypted.subarray(1, DETERMINISTIC_PREFIX_SIZE));
  let position = DETERMINISTIC_PREFIX_SIZE;
  let written = -1; // -1 while still inside the padding
  for (let final = false; !final;) {
    const remaining = encrypted.length - position;
    if (remaining <= SECRETSTREAM_ABYTES) throw fail("data ended before the end of the stream");
    const size = Math.min(remaining, CHUNK_TOTAL);
    const { message, tag } = stream.pull(encrypted.subarray(position, position + size));
    position += size;
    final = tag === SecretStreamTag.FINAL;
    if (final && position !== encrypted.length) throw fail("FINAL tag before the end of the data");
    if (!final && position === encrypted.length) throw fail("data ended without a FINAL tag");
    let from = 0;
    if (written < 0) {
      while (from < message.length && message[from] === 0) from++;
      if (from === message.length) continue;
      if (message[from] !== 0x01) throw fail("invalid padding");
      from++;
      written = 0;
    }
    out.set(message.subarray(from), written);
    written += message.length - from;
  }
  if (written < 0) throw fail("data ended in the middle of the padding");
  return written === out.length ? out : out.slice(0, written);
}

function fail(reason: string): CryptoError {
  return new CryptoError(`attachment does not decrypt: ${reason}`, "decrypt_failed");
}
