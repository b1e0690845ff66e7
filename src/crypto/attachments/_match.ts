/**
 * Byte-prefix matching shared by the image and content-type sniffers.
 *
 * @module
 */

/** Whether `bytes` starts with `prefix` (numbers or an ASCII string). */
export function startsWith(bytes: Uint8Array, prefix: number[] | string, at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const expected = typeof prefix === "string" ? prefix.charCodeAt(i) : prefix[i];
    if (bytes[at + i] !== expected) return false;
  }
  return true;
}
