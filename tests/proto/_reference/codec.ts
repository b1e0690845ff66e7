/**
 * REFERENCE COPY (tests only): the protobuf-es-based codec that src/proto used before the schema
 * table, kept verbatim so the differential tests can compare the new codec with it.
 *
 * The two primitives every public codec in this folder is built on: bytes → checked view and
 * view → bytes, for any message of session.proto. All failures become `ValidationError`s.
 *
 * @module
 */
import { create, type DescMessage, fromBinary, toBinary } from "@bufbuild/protobuf";
import { assertBytes } from "../../../src/core/bytes.ts";
import { ValidationError } from "../../../src/core/errors.ts";
import { protoError } from "../../../src/proto/errors.ts";
import { viewToInit } from "./init.ts";
import { messageToView, type PlainMessage } from "./view.ts";
import { checkWireTypes } from "./wire_check.ts";

/**
 * Parses `bytes` as `desc` and returns its view. `root` names the value in errors ("content").
 *
 * @throws {TypeError} when `bytes` is not a Uint8Array (a programming error, not bad input).
 * @throws {ValidationError} for anything wrong with the bytes.
 */
export function decodeMessage<T = PlainMessage>(
  desc: DescMessage,
  bytes: Uint8Array,
  root: string,
): T {
  assertBytes(bytes, undefined, root);
  let message;
  try {
    checkWireTypes(desc, bytes, root);
    message = fromBinary(desc, bytes);
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw protoError(
      "bad_protobuf",
      root,
      `${root} is not a valid ${desc.typeName} protobuf (${reason}); the payload is corrupt, ` +
        `truncated or of another type`,
      e,
    );
  }
  // The view interfaces in ./types are checked against the generated schema by the tests.
  return messageToView(desc, message, root) as T;
}

/** Validates `view` against `desc` and serializes it (fields in field-number order). */
export function encodeMessage(desc: DescMessage, view: unknown, root: string): Uint8Array {
  const init = viewToInit(desc, view, root);
  try {
    return toBinary(desc, create(desc, init));
  } catch (e) {
    // viewToInit checked every value, so this means a bug here rather than bad input.
    const reason = e instanceof Error ? e.message : String(e);
    throw protoError("invalid_field", root, `cannot encode ${root}: ${reason}`, e);
  }
}
