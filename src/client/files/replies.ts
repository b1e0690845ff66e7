/**
 * Reading the file server's JSON answers into typed values (times in Unix ms). A reply of the
 * wrong shape is a `NetworkError` `bad_reply`.
 *
 * @module
 */
import { NetworkError } from "../../core/errors.ts";
import { readV4Body, type V4Response } from "../../onion/mod.ts";

/** What `info` and `extend` return. */
export interface FileInfo {
  /** Stored size in bytes (the encrypted blob). */
  readonly size: number;
  /** Upload time, Unix ms. */
  readonly uploaded: number;
  /** Expiry time, Unix ms. */
  readonly expires: number;
}

/** The JSON object of a reply, or a `bad_reply` error naming `what`. */
export function jsonOf(what: string, response: V4Response): Record<string, unknown> {
  let body: unknown;
  try {
    body = readV4Body(response);
  } catch (cause) {
    throw badReply(what, "it is not valid JSON", cause);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badReply(what, "it is not a JSON object");
  }
  return body as Record<string, unknown>;
}

/** Unix seconds (a float, as the server sends them) as Unix ms. */
export function timeOf(what: string, value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw badReply(what, `"${field}" is not a time`);
  }
  return Math.round(value * 1000);
}

/** `{size, uploaded, expires}` as {@link FileInfo}. */
export function readInfo(what: string, response: V4Response): FileInfo {
  const body = jsonOf(what, response);
  if (!Number.isSafeInteger(body.size) || (body.size as number) < 0) {
    throw badReply(what, `"size" is not a byte count`);
  }
  return {
    size: body.size as number,
    uploaded: timeOf(what, body.uploaded, "uploaded"),
    expires: timeOf(what, body.expires, "expires"),
  };
}

/** An upload's `{id, expires}` (a numeric legacy id becomes its decimal string). */
export function readUploaded(response: V4Response): { id: string; expires: number } {
  const body = jsonOf("upload", response);
  const id = typeof body.id === "number" ? String(body.id) : body.id;
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) {
    throw badReply("upload", `"id" is not a file id`);
  }
  return { id, expires: timeOf("upload", body.expires, "expires") };
}

/** The error for a 2xx reply that cannot be read. */
export function badReply(what: string, reason: string, cause?: unknown): NetworkError {
  return new NetworkError(
    `the file server's answer to the ${what} is unreadable: ${reason}; is the target a Session ` +
      "file server?",
    "bad_reply",
    cause === undefined ? undefined : { cause },
  );
}
