/**
 * A small content-type sniffer for outgoing attachments (`AttachmentPointer.contentType`):
 * magic numbers first, then the file name's extension, else `application/octet-stream`.
 *
 * @module
 */
import { startsWith } from "./_match.ts";
import { BRANDS, EXTENSIONS, MAGIC } from "./content_type_tables.ts";

/** The fallback type for unknown content. */
export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/**
 * Guesses a MIME type from the first bytes of a file, then from `fileName`'s extension (which also
 * refines a generic ZIP, e.g. `.docx`). Never throws on bad input.
 *
 * @example
 * ```ts
 * sniffContentType(pngBytes); // "image/png"
 * sniffContentType(new Uint8Array([1, 2]), "notes.txt"); // "text/plain"
 * ```
 */
export function sniffContentType(bytes: Uint8Array, fileName?: string): string {
  const sniffed = bytes instanceof Uint8Array ? magicType(bytes) : undefined;
  const byName = typeof fileName === "string" ? extensionType(fileName) : undefined;
  if (sniffed === "application/zip" && byName !== undefined) return byName;
  return sniffed ?? byName ?? DEFAULT_CONTENT_TYPE;
}

function magicType(bytes: Uint8Array): string | undefined {
  for (const [type, prefix, at] of MAGIC) {
    if (at !== undefined && !startsWith(bytes, "RIFF")) continue; // WEBP/WAVE live in RIFF
    if (startsWith(bytes, prefix, at)) return type;
  }
  if (startsWith(bytes, "ftyp", 4) && bytes.length >= 12) {
    return BRANDS[String.fromCharCode(...bytes.subarray(8, 12))] ?? "video/mp4";
  }
  return frameSyncType(bytes);
}

/** MPEG audio frames start with an 11-bit sync; ADTS (AAC) has layer bits 00, MP3 does not. */
function frameSyncType(bytes: Uint8Array): string | undefined {
  if (bytes.length < 2 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return undefined;
  if ((bytes[1] & 0x06) !== 0) return "audio/mpeg";
  return (bytes[1] & 0xf0) === 0xf0 ? "audio/aac" : undefined;
}

function extensionType(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf(".");
  if (dot < 0 || dot === fileName.length - 1) return undefined;
  const extension = fileName.slice(dot + 1).toLowerCase();
  return Object.hasOwn(EXTENSIONS, extension) ? EXTENSIONS[extension] : undefined;
}
