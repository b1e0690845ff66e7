/**
 * AttachmentPointer (core.md §3.3): where to download an encrypted file and how to decrypt it.
 *
 * @module
 */

/**
 * An encrypted attachment on the file server. Only `id` is required by the schema; a usable
 * pointer also has `url`, `key`, `digest`, `size` and `contentType`.
 *
 * @example
 * ```ts
 * import type { AttachmentPointer } from "../mod.ts";
 * const pointer: AttachmentPointer = {
 *   id: "0",
 *   contentType: "image/png",
 *   key: new Uint8Array(64),
 *   size: 1234,
 *   digest: new Uint8Array(32),
 *   url: "http://filev2.getsession.org/file/12345",
 * };
 * ```
 */
export interface AttachmentPointer {
  /** 1 (required, fixed64): the file id from the URL's last path segment, or "0". A decimal
   * string because it is an opaque 64-bit value. */
  id: string;
  /** 2: MIME type. */
  contentType?: string;
  /** 3: 64 bytes, AES-256 key ‖ HMAC-SHA256 key. */
  key?: Uint8Array;
  /** 4: plaintext size in bytes, before padding. */
  size?: number;
  /** 5: legacy thumbnail (reserved in desktop-2026). */
  thumbnail?: Uint8Array;
  /** 6: SHA-256 of the encrypted blob (32 bytes). */
  digest?: Uint8Array;
  /** 7: original file name. */
  fileName?: string;
  /** 8: bit set of `AttachmentFlags` (`VOICE_MESSAGE = 1`). */
  flags?: number;
  /** 9: image/video width in pixels. */
  width?: number;
  /** 10: image/video height in pixels. */
  height?: number;
  /** 11: caption. */
  caption?: string;
  /** 101: download URL on the file server (may carry a `#p=…&d` fragment, desktop-2026). */
  url?: string;
}
