/**
 * `fetchAttachment`: download a pointer's file, verify it (digest and MAC, or the secretstream
 * tags) and decrypt it (legacy or deterministic format).
 *
 * @module
 */
import { NetworkError, SessionBotError } from "../../core/errors.ts";
import { imageDimensions, sniffContentType } from "../../crypto/attachments/mod.ts";
import type { AttachmentPointer } from "../../proto/mod.ts";
import { type FileServerClient, MAX_FILE_BYTES } from "../files/mod.ts";
import { decryptPlanned } from "./decrypt.ts";
import { planDownload } from "./pointer.ts";

/** A downloaded, verified and decrypted attachment. */
export interface FetchedAttachment {
  /** The file. */
  readonly bytes: Uint8Array;
  /** The pointer's MIME type, or one sniffed from the bytes. */
  readonly contentType: string;
  /** The pointer's file name. */
  readonly fileName?: string;
  /** Size in bytes. */
  readonly size: number;
  /** Image width: the pointer's, else read from an image header. */
  readonly width?: number;
  /** Image height: the pointer's, else read from an image header. */
  readonly height?: number;
}

/**
 * Downloads and decrypts the file `pointer` describes. Legacy files are checked against the
 * pointer's digest and their MAC; deterministic ones (URL `#d` or a 32-byte key) by their
 * authentication tags. Every failure is typed: `ValidationError` for a malformed pointer,
 * `CryptoError` (`bad_mac`, `bad_digest`, `decrypt_failed`, `bad_size`, `unknown_format`) for a
 * file that does not verify, and the file server client's errors for the download.
 *
 * @example
 * ```ts
 * for (const pointer of dataMessage.attachments ?? []) {
 *   const { bytes, contentType, fileName } = await fetchAttachment(files, pointer);
 * }
 * ```
 */
export async function fetchAttachment(
  files: Pick<FileServerClient, "download">,
  pointer: AttachmentPointer,
): Promise<FetchedAttachment> {
  const plan = planDownload(pointer);
  const blob = await download(files, plan.url);
  const bytes = decryptPlanned(blob, plan);
  const contentType = pointer.contentType || sniffContentType(bytes, pointer.fileName);
  const found = contentType.startsWith("image/") ? imageDimensions(bytes) : undefined;
  const width = pointer.width || found?.width;
  const height = pointer.height || found?.height;
  return {
    bytes,
    contentType,
    ...(pointer.fileName ? { fileName: pointer.fileName } : {}),
    size: bytes.length,
    ...(width ? { width } : {}),
    ...(height ? { height } : {}),
  };
}

async function download(files: Pick<FileServerClient, "download">, url: string) {
  try {
    return await files.download(url, { maxBytes: MAX_FILE_BYTES });
  } catch (error) {
    if (error instanceof SessionBotError) throw error;
    throw new NetworkError(`attachment download failed: ${String(error)}`, "download_failed", {
      cause: error,
    });
  }
}
