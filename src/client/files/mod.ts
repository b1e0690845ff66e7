/**
 * The file server client (extended.md §2.4, core §6.7): upload, download, info and extend
 * through onion v4, file URLs with their `#p=…&d` fragment, and typed errors.
 *
 * @example
 * ```ts
 * import { createFileServerClient } from "./mod.ts";
 *
 * const files = createFileServerClient(network); // the mainnet file server
 * const { id, url, expires } = await files.upload(encryptedBlob);
 * const blob = await files.download(url);
 * await files.extend(id);
 * ```
 *
 * @module
 */
export { createFileServerClient } from "./client.ts";
export type {
  DownloadOptions,
  FileServerClient,
  FileServerNetwork,
  UploadedFile,
  UploadOptions,
} from "./types.ts";
export { FileServerError } from "./errors.ts";
export { HttpStatusError } from "../../core/errors.ts";
export type { FileInfo } from "./replies.ts";
export { type FileServerTarget, MAINNET_FILE_SERVER, MAX_FILE_BYTES } from "./target.ts";
export { type FileUrl, fileUrl, parseFileUrl } from "./url.ts";
