/**
 * WebP dimensions from the first chunk after `RIFF….WEBP`: `VP8 ` (lossy), `VP8L` (lossless) or
 * `VP8X` (extended: the canvas size).
 *
 * @module
 */
import type { ImageDimensions } from "./image_dimensions.ts";

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function u16le(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function u24le(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
}

/** The size of a WebP image, or `undefined` when `bytes` is not one or is cut short. */
export function webpDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WEBP") {
    return undefined;
  }
  switch (ascii(bytes, 12, 4)) {
    case "VP8 ": {
      // frame tag(3) at 20, start code 9d 01 2a at 23, then 14-bit width and height.
      if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
      return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
    }
    case "VP8L": {
      // signature 0x2f at 20, then (width − 1) and (height − 1) as 14-bit fields.
      if (bytes[20] !== 0x2f) return undefined;
      const bits = (bytes[21] | (bytes[22] << 8) | (bytes[23] << 16) | (bytes[24] << 24)) >>> 0;
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case "VP8X":
      // flags(4) at 20, then (canvas width − 1) and (height − 1), 24 bits each.
      return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
    default:
      return undefined;
  }
}
