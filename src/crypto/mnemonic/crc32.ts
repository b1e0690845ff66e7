/**
 * CRC-32 (IEEE 802.3 / zlib), used only to pick the recovery phrase's checksum word.
 *
 * @module
 */

/** Reflected form of the IEEE polynomial 0x04C11DB7. */
const POLYNOMIAL = 0xedb88320;

// One entry per byte value, built once at load: 1 KiB, and it keeps `crc32` a simple loop.
const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/**
 * CRC-32 of `bytes` as an unsigned 32-bit integer (initial value and final XOR `0xFFFFFFFF`).
 *
 * @example
 * ```ts
 * import { crc32 } from "./crc32.ts";
 * crc32(new TextEncoder().encode("123456789")); // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`bytes must be a Uint8Array, got ${typeof bytes}`);
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
