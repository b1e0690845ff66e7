/**
 * Content ↔ bytes: the plaintext that is padded and sealed for 1:1 messages (core.md §3.1).
 *
 * @module
 */
import { decodeMessage, encodeMessage } from "./codec.ts";
import { ContentSchema } from "./gen/schema.ts";
import type { Content, ContentInit } from "./types/content.ts";

/**
 * Serializes a Content. Fields come out in field-number order, as protobufjs (desktop) and
 * libsession emit them. Timestamps are JS numbers; opaque 64-bit ids are decimal strings.
 *
 * @throws {ValidationError} naming the field (`content.dataMessage.quote.author`, …) when a
 *   required field is missing (`missing_field`), a value has the wrong type, an unknown enum
 *   value or an unknown property name (`invalid_field`), or is out of range (`out_of_range`,
 *   e.g. a timestamp above 2^53 − 1).
 *
 * @example
 * ```ts
 * import { encodeContent } from "./mod.ts";
 * const T = 1700000000000;
 * const bytes = encodeContent({
 *   dataMessage: { body: "Hello", profile: { displayName: "Bot" } },
 *   sigTimestamp: T,
 * });
 * ```
 */
export function encodeContent(content: ContentInit): Uint8Array {
  return encodeMessage(ContentSchema, content, "content");
}

/**
 * Parses an (unpadded) Content. Pure: bytes in, a checked `Content` or a `ValidationError` out.
 * Every proto2 `required` field of every message present is checked (protobuf-es does not), and
 * 64-bit timestamps must fit in a JS number. Returned byte fields are copies.
 *
 * @throws {TypeError} when `bytes` is not a Uint8Array.
 * @throws {ValidationError} with `code` `bad_protobuf` (garbage, truncated, wrong wire types),
 *   `missing_field` or `out_of_range`, and `field` naming the culprit (`"content"`,
 *   `"content.dataMessage.reaction.author"`, …).
 *
 * @example
 * ```ts
 * import { decodeContent, encodeContent } from "./mod.ts";
 * const bytes = encodeContent({ dataMessage: { body: "hi" }, sigTimestamp: 1700000000000 });
 * const content = decodeContent(bytes);
 * content.dataMessage?.body; // "hi"
 * ```
 */
export function decodeContent(bytes: Uint8Array): Content {
  return decodeMessage<Content>(ContentSchema, bytes, "content");
}
