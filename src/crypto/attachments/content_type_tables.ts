/**
 * The tables behind `sniffContentType`: magic numbers, ISO-BMFF brands and extensions.
 *
 * @module
 */

/** [type, prefix, offset]: checked in order, the first match wins. */
export const MAGIC: ReadonlyArray<readonly [string, number[] | string, number?]> = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/gif", "GIF87a"],
  ["image/gif", "GIF89a"],
  ["image/webp", "WEBP", 8],
  ["audio/wav", "WAVE", 8],
  ["application/pdf", "%PDF-"],
  ["audio/ogg", "OggS"],
  ["audio/flac", "fLaC"],
  ["audio/mpeg", "ID3"],
  ["video/webm", [0x1a, 0x45, 0xdf, 0xa3]],
  ["application/zip", [0x50, 0x4b, 0x03, 0x04]],
  ["application/gzip", [0x1f, 0x8b]],
];

/** ISO-BMFF brands (bytes 8..12 after `ftyp` at 4). */
export const BRANDS: Readonly<Record<string, string>> = {
  "qt  ": "video/quicktime",
  "M4A ": "audio/mp4",
  "heic": "image/heic",
  "heix": "image/heic",
  "avif": "image/avif",
};

/** Lower-case file extension → MIME type. */
export const EXTENSIONS: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  svg: "image/svg+xml",
  heic: "image/heic",
  avif: "image/avif",
  mp4: "video/mp4",
  m4v: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  aac: "audio/aac",
  ogg: "audio/ogg",
  opus: "audio/ogg",
  wav: "audio/wav",
  flac: "audio/flac",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  json: "application/json",
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  html: "text/html",
  htm: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};
