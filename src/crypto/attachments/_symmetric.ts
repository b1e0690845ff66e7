/**
 * Thin synchronous wrappers over `node:crypto` (native in Deno) for the attachment formats:
 * AES-256-CBC, AES-256-GCM, HMAC-SHA256 and SHA-256. Outputs are plain `Uint8Array`s the caller
 * owns (never views into Node's shared Buffer pool).
 *
 * @module
 */
import { createCipheriv, createDecipheriv, createHash, createHmac } from "node:crypto";

/** Copies `parts` into one fresh `Uint8Array`. */
function join(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** AES-256-CBC with PKCS#7 padding of `parts` (concatenated) under `key` and `iv`. */
export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, parts: Uint8Array[]): Uint8Array {
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  const out = parts.map((part) => cipher.update(part));
  out.push(cipher.final());
  return join(out);
}

/** AES-256-CBC decryption with PKCS#7 unpadding; throws (a plain Error) on bad padding. */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const decipher = createDecipheriv("aes-256-cbc", key, iv);
  return join([decipher.update(ciphertext), decipher.final()]);
}

/** AES-256-GCM: returns ciphertext ‖ tag(16). No associated data. */
export function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  return join([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** AES-256-GCM decryption of ciphertext ‖ tag(16); throws (a plain Error) on a bad tag. */
export function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Uint8Array {
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return join([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

/** HMAC-SHA256 of `parts` (concatenated) under `key`. */
export function hmacSha256(key: Uint8Array, parts: Uint8Array[]): Uint8Array {
  const mac = createHmac("sha256", key);
  for (const part of parts) mac.update(part);
  return join([mac.digest()]);
}

/** SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  return join([createHash("sha256").update(data).digest()]);
}
