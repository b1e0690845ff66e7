/**
 * Small HTTP helpers shared by the devnet servers.
 *
 * @module
 */
import { stringifyJson } from "./json.ts";

/** Largest request body a node accepts (`MAX_REQUEST_BODY_SIZE`, 10 MiB). */
export const MAX_BODY = 10 * 1024 * 1024;

/** A `text/plain` response, as the storage server sends its errors. */
export function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain" } });
}

/** A JSON response. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(stringifyJson(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** Oversized bodies up to this size are read and discarded so the client can read the 413. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads the request body, refusing more than `limit` bytes (checked against Content-Length
 * first, then while streaming). Returns `undefined` when too large, after draining what the
 * client sends (up to 64 MiB) so that it gets to read the 413 instead of a broken pipe.
 */
export async function readBody(
  request: Request,
  limit = MAX_BODY,
): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (!request.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.length;
    if (size > DRAIN_LIMIT) break;
    if (size <= limit && declared <= limit) parts.push(chunk);
  }
  if (size > limit || declared > limit) return undefined;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Resolves after `ms`, or at once when `signal` aborts. Never rejects, leaves no timer. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
