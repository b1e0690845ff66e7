/**
 * The WebSocketMessage wrapper around a stored Envelope (core.md §2.7): what a swarm stores is
 * base64 of these bytes.
 *
 * @module
 */
import { assertBytes } from "../core/bytes.ts";
import { decodeMessage, encodeMessage } from "./codec.ts";
import { WebSocketMessageType } from "./enums.ts";
import { protoError } from "./errors.ts";
import { WebSocketMessageSchema } from "./gen/schema.ts";
import type { WebSocketMessage } from "./types/transport.ts";
import { detectV2Dm } from "./v2dm.ts";

/**
 * Which client's wrapper bytes to produce. Both are accepted by every receiver:
 * - `"desktop"`: verb `"PUT"`, path `"/api/v1/message"` (session-desktop, session.js);
 * - `"libsession"`: verb `""`, path `""` (present but empty).
 */
export type WebSocketStyle = "desktop" | "libsession";

const STYLES: Record<WebSocketStyle, { verb: string; path: string }> = {
  desktop: { verb: "PUT", path: "/api/v1/message" },
  libsession: { verb: "", path: "" },
};

/**
 * Wraps a serialized Envelope in a WebSocketMessage `{type: REQUEST, request: {verb, path,
 * body: envelope, requestId: 0}}`. Base64 of the result is the `data` to store.
 *
 * @throws {TypeError} when `envelope` is not a Uint8Array.
 * @throws {ValidationError} `missing_field` for an empty envelope (receivers drop those),
 *   `invalid_field` for an unknown style.
 *
 * @example
 * ```ts
 * import { EnvelopeType, encodeEnvelope, wrapWebSocketMessage } from "./mod.ts";
 * import { toBase64 } from "../core/bytes.ts";
 * const envelope = encodeEnvelope({
 *   type: EnvelopeType.SESSION_MESSAGE,
 *   timestamp: 1700000000000,
 *   content: new Uint8Array([1, 2, 3]),
 * });
 * const data = toBase64(wrapWebSocketMessage(envelope, "desktop"));
 * ```
 */
export function wrapWebSocketMessage(
  envelope: Uint8Array,
  style: WebSocketStyle = "desktop",
): Uint8Array {
  assertBytes(envelope, undefined, "envelope");
  if (envelope.length === 0) {
    throw protoError(
      "missing_field",
      "webSocketMessage.request.body",
      "the envelope is empty; receivers drop WebSocketMessages without a body",
    );
  }
  if (!Object.hasOwn(STYLES, style)) {
    throw protoError(
      "invalid_field",
      "style",
      `style must be "desktop" or "libsession", got ${JSON.stringify(String(style))}`,
    );
  }
  const { verb, path } = STYLES[style];
  const message: WebSocketMessage = {
    type: WebSocketMessageType.REQUEST,
    // requestId is written explicitly (as 0): both reference clients do.
    request: { verb, path, body: envelope, requestId: "0" },
  };
  return encodeMessage(WebSocketMessageSchema, message, "webSocketMessage");
}

/**
 * Parses a WebSocketMessage without interpreting it, e.g. to inspect verb and path. v2 DM
 * payloads are refused with `unsupported_v2_dm`.
 *
 * @throws {TypeError} when `bytes` is not a Uint8Array.
 * @throws {ValidationError} `unsupported_v2_dm`, `bad_protobuf`.
 *
 * @example
 * ```ts
 * import { decodeWebSocketMessage, wrapWebSocketMessage } from "./mod.ts";
 * const wrapped = wrapWebSocketMessage(new Uint8Array([8, 6]), "desktop");
 * decodeWebSocketMessage(wrapped).request?.verb; // "PUT"
 * ```
 */
export function decodeWebSocketMessage(bytes: Uint8Array): WebSocketMessage {
  assertBytes(bytes, undefined, "webSocketMessage");
  if (detectV2Dm(bytes)) {
    throw protoError(
      "unsupported_v2_dm",
      "webSocketMessage",
      "this is a v2 DM (0x00 0x02 prefix, core.md §2.14), which this version does not support; " +
        "skip it",
    );
  }
  return decodeMessage<WebSocketMessage>(WebSocketMessageSchema, bytes, "webSocketMessage");
}

/**
 * Extracts the serialized Envelope from a stored WebSocketMessage, with libsession's rule:
 * `request` and a non-empty `request.body` are required; `type`, `verb` and `path` are ignored
 * (so both wrapper styles are accepted).
 *
 * @throws {TypeError} when `bytes` is not a Uint8Array.
 * @throws {ValidationError} `unsupported_v2_dm` (a typed reason to skip the item),
 *   `bad_protobuf`, or `missing_field` (`webSocketMessage.request`,
 *   `webSocketMessage.request.body`).
 *
 * @example
 * ```ts
 * import { unwrapWebSocketMessage } from "./mod.ts";
 * import { fromBase64 } from "../core/bytes.ts";
 * const data = "CAESHAoDUFVUEg8vYXBpL3YxL21lc3NhZ2UaAggGIAA="; // from a retrieve
 * const envelopeBytes = unwrapWebSocketMessage(fromBase64(data)); // Uint8Array [8, 6]
 * ```
 */
export function unwrapWebSocketMessage(bytes: Uint8Array): Uint8Array {
  const message = decodeWebSocketMessage(bytes);
  if (message.request === undefined) {
    throw protoError(
      "missing_field",
      "webSocketMessage.request",
      "webSocketMessage.request is missing: this is not a stored Session message",
    );
  }
  const body = message.request.body;
  if (body === undefined || body.length === 0) {
    throw protoError(
      "missing_field",
      "webSocketMessage.request.body",
      "webSocketMessage.request.body is missing or empty: there is no envelope to process",
    );
  }
  return body;
}
