/**
 * Decoding what comes back from `/onion_req/v2`: the destination's encrypted reply (snode JSON
 * or server v4), an error a hop encrypted with its own key, or a plain-text path error.
 *
 * @module
 */
import { assertBytes, fromBase64 } from "../core/bytes.ts";
import { OnionError, SessionBotError } from "../core/errors.ts";
import type { EncType } from "./enc_type.ts";
import { decryptHop } from "./hop.ts";
import { isPlainObject } from "./layer.ts";
import { decodeV4Response, type V4Response } from "./v4.ts";

/** A snode destination's reply: the RPC status and its body (parsed JSON when it is JSON). */
export interface SnodeReply {
  /** The RPC's HTTP-style status (200 on success; e.g. 421 wrong swarm, 406 clock). */
  readonly status: number;
  /** The RPC result: parsed JSON when the body is JSON text, else the text itself. */
  readonly body: unknown;
}

const decoder = new TextDecoder();

/**
 * Decodes a snode destination's reply (core §6.4): the HTTP body is base64 text (or JSON with a
 * `result` member holding it), encrypted with the destination layer's key `key`, holding JSON
 * `{"status" | "status_code", "body"}` where `body` is usually itself JSON text.
 * A reply that does not decrypt throws `CryptoError` (`decrypt_failed`); a malformed one throws
 * `OnionError` with code `bad_reply`.
 *
 * @example
 * ```ts
 * const request = buildOnionRequest({ path, destination, payload: snodePayload(rpc) });
 * const reply = decodeSnodeReply(httpBody, request.destinationKey, request.encType);
 * // same as request.decryptSnodeReply(httpBody)
 * ```
 */
export function decodeSnodeReply(
  responseBody: Uint8Array,
  key: Uint8Array,
  encType: EncType,
): SnodeReply {
  return snodeReply(responseBody, key, encType, []);
}

/**
 * Decodes a server destination's v4 reply (core §6.5): raw bytes encrypted with the
 * destination layer's key, holding a bencoded v4 response. Throws `CryptoError` when it does
 * not decrypt and `OnionError` (`bad_reply`) when the plaintext is not a v4 response.
 *
 * @example
 * ```ts
 * const res = decodeServerReply(httpBody, request.destinationKey, request.encType);
 * res.code; // 200
 * ```
 */
export function decodeServerReply(
  responseBody: Uint8Array,
  key: Uint8Array,
  encType: EncType,
): V4Response {
  return serverReply(responseBody, key, encType, []);
}

/**
 * The `OnionError` for a non-200 HTTP status from `/onion_req/v2` (core §6.8), with a `code`
 * telling the caller what to do: `clock_out_of_sync` (406/425: fix the clock offset),
 * `wrong_swarm` (421), `next_node_not_found` (drop that node; the message names it),
 * `invalid_ciphertext` (400 "Invalid ciphertext"), `node_not_ready` (503), `timeout` (504),
 * else `path_failed` (count a path failure).
 *
 * @example
 * ```ts
 * const error = onionHttpError(502, "Next node not found: ffff…");
 * error.code; // "next_node_not_found"
 * ```
 */
export function onionHttpError(status: number, body: Uint8Array | string): OnionError {
  const text = (typeof body === "string" ? body : decoder.decode(body)).slice(0, 500).trim();
  let code = "path_failed";
  if (status === 406 || status === 425) code = "clock_out_of_sync";
  else if (status === 421) code = "wrong_swarm";
  else if (text.includes("Next node not found: ")) code = "next_node_not_found";
  else if (status === 400 && text.includes("Invalid ciphertext")) code = "invalid_ciphertext";
  else if (status === 503) code = "node_not_ready";
  else if (status === 504) code = "timeout";
  const shown = text.length > 0 ? `: ${text}` : "";
  return new OnionError(`onion request failed with HTTP ${status}${shown}`, { status, code });
}

/**
 * Internal: decodes a snode reply; when `key` fails, tries each path hop's key (index = hop)
 * to report an error that hop encrypted itself (e.g. "Invalid json", "Invalid url").
 */
export function snodeReply(
  responseBody: Uint8Array,
  key: Uint8Array,
  encType: EncType,
  hopKeys: readonly Uint8Array[],
): SnodeReply {
  const sealed = unwrapText(responseBody);
  let plaintext: Uint8Array;
  try {
    plaintext = decryptHop(encType, key, sealed);
  } catch (cause) {
    throw hopFailure(sealed, encType, hopKeys) ?? cause;
  }
  return statusJson(plaintext);
}

/** Internal: decodes a server (v4) reply, with the same hop-key fallback as `snodeReply`. */
export function serverReply(
  responseBody: Uint8Array,
  key: Uint8Array,
  encType: EncType,
  hopKeys: readonly Uint8Array[],
): V4Response {
  assertBytes(responseBody, undefined, "response body");
  let plaintext: Uint8Array;
  try {
    plaintext = decryptHop(encType, key, responseBody);
  } catch (cause) {
    let failure: OnionError | undefined;
    if (hopKeys.length > 0) {
      try {
        failure = hopFailure(unwrapText(responseBody), encType, hopKeys);
      } catch {
        // Not a hop's base64 error either: report the decryption failure.
      }
    }
    throw failure ?? cause;
  }
  try {
    return decodeV4Response(plaintext);
  } catch (cause) {
    throw badReply(`the server's reply is not a v4 response (${(cause as Error).message})`, cause);
  }
}

/** The encrypted bytes inside a base64 (or `{"result": base64}`) HTTP body. */
function unwrapText(responseBody: Uint8Array): Uint8Array {
  assertBytes(responseBody, undefined, "response body");
  let text = decoder.decode(responseBody).trim();
  if (text.startsWith("{")) {
    try {
      const parsed = JSON.parse(text);
      if (isPlainObject(parsed) && typeof parsed.result === "string") text = parsed.result;
    } catch {
      // Not JSON: treat the text as base64 below.
    }
  }
  try {
    return fromBase64(text);
  } catch (cause) {
    const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    throw badReply(`the reply is not base64 (${JSON.stringify(shown)})`, cause);
  }
}

/** `{"status"|"status_code", "body"}` → SnodeReply, parsing a JSON-text body. */
function statusJson(plaintext: Uint8Array): SnodeReply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plaintext));
  } catch (cause) {
    throw badReply("the decrypted reply is not JSON", cause);
  }
  if (!isPlainObject(parsed)) throw badReply("the decrypted reply is not a JSON object");
  const status = parsed.status_code ?? parsed.status;
  if (!Number.isInteger(status)) throw badReply('the decrypted reply has no integer "status"');
  let body = parsed.body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      // A plain-text body (e.g. an error message) stays a string.
    }
  }
  return { status: status as number, body };
}

/** Tries each hop key; an error a hop encrypted itself becomes an OnionError naming the hop. */
function hopFailure(
  sealed: Uint8Array,
  encType: EncType,
  hopKeys: readonly Uint8Array[],
): OnionError | undefined {
  for (let hop = 0; hop < hopKeys.length; hop++) {
    let plaintext: Uint8Array;
    try {
      plaintext = decryptHop(encType, hopKeys[hop], sealed);
    } catch {
      continue;
    }
    let reply: SnodeReply;
    try {
      reply = statusJson(plaintext);
    } catch (cause) {
      if (cause instanceof SessionBotError) return badReply(cause.message, cause, hop);
      throw cause;
    }
    const detail = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    return new OnionError(`onion hop ${hop} refused the request: ${reply.status} ${detail}`, {
      hop,
      status: reply.status,
      code: "hop_error",
    });
  }
  return undefined;
}

function badReply(detail: string, cause?: unknown, hop?: number): OnionError {
  return new OnionError(`unreadable onion reply: ${detail}`, { code: "bad_reply", cause, hop });
}
