/**
 * `createFileServerClient`: upload, download, info and extend on a Session file server, every
 * request through an onion path (v4), with size checks both ways and typed errors.
 *
 * @module
 */
import type { ServerRequest, ServerTarget } from "../../onion/mod.ts";
import {
  checkDownloadSize,
  checkExtendable,
  checkFileId,
  checkUploadSize,
  ttlHeader,
} from "./checks.ts";
import { statusError } from "./errors.ts";
import { type FileInfo, readInfo, readUploaded } from "./replies.ts";
import { serverFor } from "./server.ts";
import { type FileServerTarget, MAINNET_FILE_SERVER, MAX_FILE_BYTES } from "./target.ts";
import type {
  DownloadOptions,
  FileServerClient,
  FileServerNetwork,
  UploadedFile,
  UploadOptions,
} from "./types.ts";
import { fileUrl, parseFileUrl } from "./url.ts";

/**
 * Creates a file server client on `network` (the mainnet file server unless `target` is given,
 * e.g. `devnet.fileServer`). Too large blobs and 413 answers are `ValidationError`
 * `attachment_too_large`; other error statuses are `FileServerError`s.
 *
 * @example
 * ```ts
 * const files = createFileServerClient(network, devnet.fileServer);
 * const { url } = await files.upload(blob, { ttlSeconds: 3600 });
 * const same = await files.download(url);
 * ```
 */
export function createFileServerClient(
  network: FileServerNetwork,
  target: FileServerTarget = MAINNET_FILE_SERVER,
): FileServerClient {
  async function call(what: string, server: ServerTarget, request: ServerRequest) {
    const response = await network.serverRequest(server, request);
    if (response.code < 200 || response.code > 299) throw statusError(what, response);
    return response;
  }

  async function upload(bytes: Uint8Array, options: UploadOptions = {}): Promise<UploadedFile> {
    const body = checkUploadSize(bytes);
    const headers = {
      "Content-Type": "application/octet-stream",
      ...ttlHeader(options.ttlSeconds),
    };
    const request = { method: "POST", endpoint: "/file", headers, body };
    const { id, expires } = readUploaded(await call("upload", target, request));
    return { id, url: fileUrl(target, id, { deterministic: options.deterministic }), expires };
  }

  async function download(urlOrId: string, options: DownloadOptions = {}): Promise<Uint8Array> {
    const url = typeof urlOrId === "string" && urlOrId.includes("://")
      ? parseFileUrl(urlOrId)
      : undefined;
    const id = url?.id ?? checkFileId(urlOrId);
    const what = `download of ${id}`;
    const response = await call(what, url ? serverFor(url, target) : target, {
      method: "GET",
      endpoint: `/file/${id}`,
    });
    return checkDownloadSize(what, response.body, options.maxBytes ?? MAX_FILE_BYTES);
  }

  async function info(id: string): Promise<FileInfo> {
    const what = `info of ${checkFileId(id)}`;
    return readInfo(
      what,
      await call(what, target, { method: "GET", endpoint: `/file/${id}/info` }),
    );
  }

  async function extend(id: string, ttlSeconds?: number): Promise<FileInfo> {
    const what = `extend of ${checkExtendable(id)}`;
    const request = {
      method: "POST",
      endpoint: `/file/${id}/extend`,
      headers: ttlHeader(ttlSeconds),
    };
    return readInfo(what, await call(what, target, request));
  }

  return Object.freeze({ target, upload, download, info, extend });
}
