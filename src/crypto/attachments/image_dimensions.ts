/**
 * Width and height of PNG, GIF, JPEG and WebP images from their headers alone, for the
 * `AttachmentPointer` `width`/`height` fields. Never throws on bad input: junk gives `undefined`.
 *
 * @module
 */
import { startsWith } from "./_match.ts";
import { jpegDimensions } from "./image_jpeg.ts";
import { webpDimensions } from "./image_webp.ts";

/** Pixel size of an image. */
export interface ImageDimensions {
  /** Width in pixels (≥ 1). */
  width: number;
  /** Height in pixels (≥ 1). */
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Reads an image's dimensions from its header (PNG, GIF, JPEG, WebP). Returns `undefined` for
 * other formats, truncated or corrupt headers, zero sizes, or anything that is not a
 * `Uint8Array`. EXIF orientation is not applied (the stored pixel size is returned).
 *
 * @example
 * ```ts
 * const size = imageDimensions(await Deno.readFile("cat.png")); // { width: 640, height: 480 }
 * ```
 */
export function imageDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (!(bytes instanceof Uint8Array)) return undefined;
  let found: ImageDimensions | undefined;
  try {
    found = pngDimensions(bytes) ?? gifDimensions(bytes) ?? jpegDimensions(bytes) ??
      webpDimensions(bytes);
  } catch {
    return undefined; // defensive: the parsers bound-check, but junk must never throw
  }
  if (!found || found.width < 1 || found.height < 1) return undefined;
  return found;
}

function pngDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  // Signature, then the IHDR chunk: length(4) "IHDR" width(4, BE) height(4, BE).
  if (!startsWith(bytes, PNG_SIGNATURE) || !startsWith(bytes, "IHDR", 12) || bytes.length < 24) {
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function gifDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (!(startsWith(bytes, "GIF87a") || startsWith(bytes, "GIF89a")) || bytes.length < 10) {
    return undefined;
  }
  return { width: bytes[6] | (bytes[7] << 8), height: bytes[8] | (bytes[9] << 8) };
}
