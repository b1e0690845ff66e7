/**
 * Input and size checks of the file server client, all before anything is sent (or accepted).
 *
 * @module
 */
import { NetworkError, ValidationError } from "../../core/errors.ts";
import { MAX_FILE_BYTES } from "./target.ts";

const FILE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Checks a bare file id (no slashes, no query). */
export function checkFileId(id: string): string {
  if (typeof id !== "string" || !FILE_ID.test(id)) {
    throw new ValidationError(
      `not a file id: ${JSON.stringify(id)?.slice(0, 80)}; pass the id the upload returned ` +
        "or the file's full URL",
      "bad_file_id",
      "id",
    );
  }
  return id;
}

/** Only 44-character content ids can be extended (the server answers 404 for numeric ones). */
export function checkExtendable(id: string): string {
  if (/^[A-Za-z0-9_-]{44}$/.test(checkFileId(id))) return id;
  throw new ValidationError(
    `file ${id} cannot be extended: only 44-character ids (not numeric legacy ids) can; ` +
      "upload the file again instead",
    "not_extendable",
    "id",
  );
}

/** Checks an optional TTL in seconds and returns the `X-FS-TTL` header for it. */
export function ttlHeader(ttlSeconds: number | undefined): Record<string, string> {
  if (ttlSeconds === undefined) return {};
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new ValidationError(
      `ttlSeconds must be a positive whole number of seconds, got ${String(ttlSeconds)}`,
      "bad_ttl",
      "ttlSeconds",
    );
  }
  return { "X-FS-TTL": String(ttlSeconds) };
}

/** Checks a blob about to be uploaded: 1 to {@link MAX_FILE_BYTES} bytes. */
export function checkUploadSize(bytes: Uint8Array): Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new ValidationError("the file must be a Uint8Array", "invalid_file", "bytes");
  }
  if (bytes.length === 0) {
    throw new ValidationError("the file is empty: nothing to upload", "empty_file", "bytes");
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ValidationError(
      `the file is ${bytes.length} bytes, more than the ${MAX_FILE_BYTES} a file server takes: ` +
        "attachments are limited to 10 MB, compress or split the file",
      "attachment_too_large",
      "bytes",
    );
  }
  return bytes;
}

/** Checks a downloaded body against `maxBytes` (and refuses an empty one). */
export function checkDownloadSize(what: string, body: Uint8Array, maxBytes: number): Uint8Array {
  if (body.length > maxBytes) {
    throw new NetworkError(
      `the ${what} returned ${body.length} bytes, more than the ${maxBytes} allowed: refusing it`,
      "response_too_large",
    );
  }
  if (body.length === 0) {
    throw new NetworkError(`the ${what} returned an empty file`, "bad_reply");
  }
  return body;
}
