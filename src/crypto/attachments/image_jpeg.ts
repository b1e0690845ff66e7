/**
 * JPEG dimensions: walks the marker segments to the first start-of-frame (SOF) marker.
 *
 * @module
 */
import type { ImageDimensions } from "./image_dimensions.ts";

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): they carry the frame size. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 &&
    marker !== 0xcc;
}

/** Markers without a length field: TEM, RST0–7, SOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/** The frame size of a JPEG, or `undefined` when `bytes` is not one or is cut short. */
export function jpegDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
    return undefined;
  }
  let offset = 2;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined; // not at a marker: corrupt
    while (offset < bytes.length && bytes[offset] === 0xff) offset++; // fill bytes
    if (offset + 2 >= bytes.length) return undefined;
    const marker = bytes[offset++];
    if (isStandalone(marker)) continue;
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI or scan data before any SOF
    const length = (bytes[offset] << 8) | bytes[offset + 1];
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      // length(2) precision(1) height(2) width(2)
      if (offset + 7 > bytes.length) return undefined;
      const height = (bytes[offset + 3] << 8) | bytes[offset + 4];
      const width = (bytes[offset + 5] << 8) | bytes[offset + 6];
      return { width, height };
    }
    offset += length;
  }
  return undefined;
}
