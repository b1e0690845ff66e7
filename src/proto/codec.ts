/**
 * The two primitives every public codec in this folder is built on: bytes → checked view and
 * view → bytes, for any message of session.proto. All failures become `ValidationError`s.
 *
 * They work from the generated schema table (`gen/schema.ts`) over `@bufbuild/protobuf/wire`
 * only: protobuf-es's reflection, registry and embedded descriptors are never loaded at run time
 * (about 8 MB of resident memory in an idle client).
 *
 * @module
 */
import { assertBytes } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";
import { readMessage, type Slots } from "./decode.ts";
import { writeMessage } from "./encode.ts";
import { protoError } from "./errors.ts";
import type { MessageSchema } from "./schema.ts";
import { checkView } from "./validate.ts";
import { type PlainMessage, slotsToView } from "./view.ts";
import { checkWireTypes } from "./wire_check.ts";

/**
 * Parses `bytes` as `schema` and returns its view. `root` names the value in errors
 * ("content").
 *
 * @throws {TypeError} when `bytes` is not a Uint8Array (a programming error, not bad input).
 * @throws {ValidationError} for anything wrong with the bytes.
 *
 * @example
 * ```ts
 * import { decodeMessage } from "./codec.ts";
 * import { LokiProfileSchema } from "./gen/schema.ts";
 * decodeMessage(LokiProfileSchema, new Uint8Array([0x0a, 0x01, 0x41]), "profile");
 * // { displayName: "A" }
 * ```
 */
export function decodeMessage<T = PlainMessage>(
  schema: MessageSchema,
  bytes: Uint8Array,
  root: string,
): T {
  assertBytes(bytes, undefined, root);
  let slots: Slots;
  try {
    checkWireTypes(schema, bytes, root);
    slots = readMessage(schema, bytes);
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw protoError(
      "bad_protobuf",
      root,
      `${root} is not a valid ${schema.typeName} protobuf (${reason}); the payload is corrupt, ` +
        `truncated or of another type`,
      e,
    );
  }
  // The view interfaces in ./types are checked against the generated schema by the tests.
  return slotsToView(schema, slots, root) as T;
}

/**
 * Validates `view` against `schema` and serializes it (fields in field-number order).
 *
 * @throws {ValidationError} naming the first offending field (`invalid_field`,
 *   `missing_field`, `out_of_range`).
 *
 * @example
 * ```ts
 * import { encodeMessage } from "./codec.ts";
 * import { LokiProfileSchema } from "./gen/schema.ts";
 * encodeMessage(LokiProfileSchema, { displayName: "A" }, "profile"); // [0x0a, 0x01, 0x41]
 * ```
 */
export function encodeMessage(schema: MessageSchema, view: unknown, root: string): Uint8Array {
  checkView(schema, view, root);
  try {
    return writeMessage(schema, view as PlainMessage);
  } catch (e) {
    // checkView checked every value, so this means a bug here rather than bad input.
    const reason = e instanceof Error ? e.message : String(e);
    throw protoError("invalid_field", root, `cannot encode ${root}: ${reason}`, e);
  }
}
