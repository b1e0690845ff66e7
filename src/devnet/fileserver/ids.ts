/**
 * File ids as session-file-server makes them: base64url of a salted 33-byte BLAKE2b of the
 * content (44 characters, so identical uploads share an id), or a random 53-bit number for the
 * deprecated `/files` endpoint.
 *
 * @module
 */
import { toBase64, utf8 } from "../../core/bytes.ts";
import { blake2b } from "../../crypto/hash.ts";

const SALT = utf8("SessionFileSvr\0\0");

/** The 44-character id of `data`. */
export function fileId(data: Uint8Array): string {
  return toBase64(blake2b(data, { dkLen: 33, salt: SALT })).replace(/\+/g, "-").replace(
    /\//g,
    "_",
  );
}

/** A random legacy id: a 53-bit integer, as a decimal string. */
export function legacyFileId(): string {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2));
  return String((hi & 0x1f_ffff) * 2 ** 32 + lo);
}

/** True for a 44-character content id (the only kind `/extend` accepts). */
export function isContentId(id: string): boolean {
  return /^[A-Za-z0-9_-]{44}$/.test(id);
}
