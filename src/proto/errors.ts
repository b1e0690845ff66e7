/**
 * The `ValidationError` codes this folder throws, and small constructors for them, so every
 * codec reports failures the same way.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";

/**
 * Why a protobuf value was refused. Every error thrown by `src/proto` is a `ValidationError`
 * whose `code` is one of these and whose `field` is a dotted path such as
 * `"content.dataMessage.quote.author"` or `"envelope.proSig"`.
 *
 * - `bad_protobuf`: the bytes are not a well-formed message (garbage, truncated, wrong wire
 *   type).
 * - `missing_field`: a proto2 `required` field (or one the codec needs) is absent.
 * - `out_of_range`: a 64-bit integer does not fit in a JS number (above 2^53 − 1), or a number is
 *   outside its field's integer range.
 * - `invalid_field`: a value to encode has the wrong type, an unknown enum value or an unknown
 *   property name.
 * - `bad_length`: a fixed-size byte field has the wrong length (`Envelope.proSig` must be 64).
 * - `unsupported_v2_dm`: the payload is an in-development "v2 DM" (core.md §2.14), which this
 *   version skips on purpose.
 *
 * @example
 * ```ts
 * import { decodeContent, type ProtoErrorCode } from "./mod.ts";
 * import { ValidationError } from "../core/errors.ts";
 * try {
 *   decodeContent(new Uint8Array([0xff]));
 * } catch (e) {
 *   if (e instanceof ValidationError) console.log(e.code as ProtoErrorCode, e.field);
 * }
 * ```
 */
export type ProtoErrorCode =
  | "bad_protobuf"
  | "missing_field"
  | "out_of_range"
  | "invalid_field"
  | "bad_length"
  | "unsupported_v2_dm";

/** A `ValidationError` with one of this folder's codes. */
export function protoError(
  code: ProtoErrorCode,
  field: string,
  message: string,
  cause?: unknown,
): ValidationError {
  return new ValidationError(message, code, field, cause === undefined ? undefined : { cause });
}
