/**
 * The exit hop towards an HTTP server: POST the whole decrypted layer to the target URL with a
 * 25 s timeout, pass the answer back, 502/504 on failure. The devnet only reaches loopback.
 *
 * @module
 */
import { NetworkError } from "../../core/errors.ts";
import { snodeFetch } from "../../onion/mod.ts";
import type { OnionAnswer } from "./types.ts";

/** `ONION_URL_TIMEOUT`: how long an exit waits for the server. */
export const SERVER_TIMEOUT_MS = 25_000;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * POSTs `payload` to `url` and returns the server's status, body and content type.
 *
 * @example
 * ```ts
 * const answer = await relayToServer("http://127.0.0.1:8080/oxen/v4/lsrpc", layer);
 * ```
 */
export async function relayToServer(
  url: string,
  payload: Uint8Array,
  timeoutMs = SERVER_TIMEOUT_MS,
): Promise<OnionAnswer> {
  const host = new URL(url).hostname;
  if (!LOOPBACK.has(host)) {
    return {
      status: 502,
      body: `Could not resolve host: ${host} (the devnet only relays to 127.0.0.1 and localhost)`,
    };
  }
  try {
    const response = await snodeFetch(url, payload, {
      timeoutMs,
      headers: {
        "user-agent": "Oxen Storage Server/2.8.0",
        "content-type": "application/octet-stream",
      },
    });
    return {
      status: response.status,
      body: response.body,
      contentType: response.headers["content-type"],
    };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    return { status: error.code === "timeout" ? 504 : 502, body: error.message };
  }
}
