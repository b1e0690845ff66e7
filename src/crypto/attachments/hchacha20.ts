/**
 * libsodium's `crypto_core_hchacha20` on noble's word-level `hchacha`: the subkey derivation of
 * XChaCha20 and of the secretstream header. Byte order is explicit (little-endian words).
 *
 * @module
 */
import { hchacha } from "@noble/ciphers/chacha.js";
import { assertBytes } from "../../core/bytes.ts";

/** "expand 32-byte k" as little-endian words. */
const SIGMA = Uint32Array.of(0x61707865, 0x3320646e, 0x79622d32, 0x6b206574);

function words(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(4 * i, true));
}

/**
 * `crypto_core_hchacha20(key, input[0..16])`: a 32-byte subkey.
 *
 * @throws {TypeError} / {RangeError} unless `key` is 32 bytes and `input` at least 16.
 */
export function hchacha20(key: Uint8Array, input: Uint8Array): Uint8Array {
  const out = new Uint32Array(8);
  assertBytes(key, 32, "key");
  if (assertBytes(input, undefined, "input").length < 16) {
    throw new RangeError(`input must be at least 16 bytes, got ${input.length}`);
  }
  hchacha(SIGMA, words(key), words(input.subarray(0, 16)), out);
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  out.forEach((word, i) => view.setUint32(4 * i, word, true));
  return bytes;
}
