/**
 * Shapes of the file server client.
 *
 * @module
 */
import type { ServerRequest, ServerTarget, V4Response } from "../../onion/mod.ts";
import type { FileInfo } from "./replies.ts";
import type { FileServerTarget } from "./target.ts";

/** What the client needs from the network: v4 requests through onion paths. */
export interface FileServerNetwork {
  /** A v4 request to `server` (e.g. `Network.serverRequest`). */
  serverRequest(server: ServerTarget, request: ServerRequest): Promise<V4Response>;
}

/** An uploaded file. */
export interface UploadedFile {
  /** The server's file id. */
  readonly id: string;
  /** The URL to put in a pointer or profile. */
  readonly url: string;
  /** When the server drops the file, Unix ms (extend it before then). */
  readonly expires: number;
}

/** Options of `upload`. */
export interface UploadOptions {
  /** Lifetime in seconds (`X-FS-TTL`); default: the server's (3 weeks on mainnet). */
  readonly ttlSeconds?: number;
  /** Mark the URL with `#d` (the blob is in the deterministic `'S'` format). */
  readonly deterministic?: boolean;
}

/** Options of `download`. */
export interface DownloadOptions {
  /** Largest body accepted, bytes (default `MAX_FILE_BYTES`). */
  readonly maxBytes?: number;
}

/** A file server client; see `createFileServerClient`. */
export interface FileServerClient {
  /** The server uploads go to. */
  readonly target: FileServerTarget;
  /** Uploads an (already encrypted) blob of 1 to `MAX_FILE_BYTES` bytes. */
  upload(bytes: Uint8Array, options?: UploadOptions): Promise<UploadedFile>;
  /** Downloads a file by URL (this, the mainnet or a `#p=` server) or by id (this server). */
  download(urlOrId: string, options?: DownloadOptions): Promise<Uint8Array>;
  /** Size, upload and expiry times of a file on this server. */
  info(id: string): Promise<FileInfo>;
  /** Pushes a file's expiry to at least now + `ttlSeconds` (never shortens it). */
  extend(id: string, ttlSeconds?: number): Promise<FileInfo>;
}
