/**
 * The Session wire format: protobuf codecs for Content (the message payload), Envelope and the
 * WebSocketMessage storage wrapper, built on `@bufbuild/protobuf/wire` with a schema table generated from `session.proto`.
 *
 * Values are plain objects with proto2 presence (absent ⇒ `undefined`); timestamps are JS
 * numbers; opaque 64-bit ids are decimal strings. Every failure is a `ValidationError` whose
 * `code` is a {@link ProtoErrorCode} and whose `field` names the culprit.
 *
 * Receive pipeline: `unwrapWebSocketMessage(fromBase64(data))` → `decodeEnvelope` → decrypt
 * `envelope.content` → unpad → `decodeContent` → `contentKind`. Send pipeline: the reverse, with
 * `encodeContent`, `encodeEnvelope` and `wrapWebSocketMessage`.
 *
 * @example
 * ```ts
 * import {
 *   contentKind,
 *   decodeContent,
 *   decodeEnvelope,
 *   encodeContent,
 *   encodeEnvelope,
 *   EnvelopeType,
 *   unwrapWebSocketMessage,
 *   wrapWebSocketMessage,
 * } from "./mod.ts";
 *
 * const T = 1700000000000;
 * const plaintext = encodeContent({ dataMessage: { body: "hi" }, sigTimestamp: T });
 * const sealed = plaintext; // really: pad, then sign and seal for the recipient
 * const stored = wrapWebSocketMessage(
 *   encodeEnvelope({ type: EnvelopeType.SESSION_MESSAGE, timestamp: T, content: sealed }),
 * );
 *
 * const envelope = decodeEnvelope(unwrapWebSocketMessage(stored));
 * const content = decodeContent(envelope.content); // really: decrypt and unpad first
 * if (contentKind(content) === "data") console.log(content.dataMessage?.body);
 * ```
 *
 * @module
 */
export { decodeContent, encodeContent } from "./content.ts";
export { type ContentKind, contentKind } from "./kind.ts";
export { decodeEnvelope, encodeEnvelope } from "./envelope.ts";
export {
  decodeWebSocketMessage,
  unwrapWebSocketMessage,
  type WebSocketStyle,
  wrapWebSocketMessage,
} from "./websocket.ts";
export { detectV2Dm } from "./v2dm.ts";
export type { ProtoErrorCode } from "./errors.ts";
export * from "./enums.ts";
export type * from "./types/content.ts";
export type * from "./types/data_message.ts";
export type * from "./types/attachment.ts";
export type * from "./types/control.ts";
export type * from "./types/legacy.ts";
export type * from "./types/group_update.ts";
export type * from "./types/pro.ts";
export type * from "./types/transport.ts";
