/**
 * 1:1 message codec: everything between a Content value and the base64 `data` a service node
 * stores. Pure functions, no I/O.
 *
 * @module
 */
export { encodeDirectMessage, type EncodedMessage, type EncodeOptions } from "./encode.ts";
export { decodeDirectMessage, type DecodedMessage } from "./decode.ts";
