/**
 * Parsed protobuf-es message → plain "view" object (decode side).
 *
 * The view keeps proto2 presence: a field that was not on the wire is absent from the object, so
 * re-encoding a decoded value gives back the same bytes. Empty repeated fields are omitted too.
 * 64-bit numbers become JS numbers (`out_of_range` above 2^53 − 1) except `jstype = JS_STRING`
 * fields, and bytes are copied so the view never aliases the caller's buffer.
 *
 * @module
 */
import { type DescField, type DescMessage, isFieldSet, type Message } from "@bufbuild/protobuf";
import { protoError } from "../../../src/proto/errors.ts";
import { bigintToNumber } from "../../../src/proto/int64.ts";

/** google.protobuf.FeatureSet.FieldPresence.LEGACY_REQUIRED: proto2 `required`. */
export const LEGACY_REQUIRED = 3;

/** A plain object of a message's fields, keyed by protobuf-es local name. */
export type PlainMessage = Record<string, unknown>;

/**
 * Converts `message` (of type `desc`) to a view, checking every proto2 `required` field on the
 * way down (protobuf-es does not), with `path` naming the message in errors.
 */
export function messageToView(desc: DescMessage, message: Message, path: string): PlainMessage {
  const fields = message as unknown as Record<string, unknown>;
  const out: PlainMessage = {};
  for (const field of desc.fields) {
    const fieldPath = `${path}.${field.localName}`;
    if (field.fieldKind === "list") {
      const list = fields[field.localName] as unknown[];
      if (list.length > 0) {
        out[field.localName] = list.map((item, i) =>
          valueToView(field, item, `${fieldPath}[${i}]`)
        );
      }
      continue;
    }
    if (!isFieldSet(message, field)) {
      if (field.presence === LEGACY_REQUIRED) {
        // A closed enum's unknown value is kept as an unknown field, so it also lands here.
        const hint = field.fieldKind === "enum" ? " (or has a value unknown to the schema)" : "";
        throw protoError("missing_field", fieldPath, `${fieldPath} is required but missing${hint}`);
      }
      continue;
    }
    out[field.localName] = valueToView(field, fields[field.localName], fieldPath);
  }
  return out;
}

function valueToView(field: DescField, value: unknown, path: string): unknown {
  if (field.fieldKind === "map") {
    // session.proto has no maps; refuse rather than guess if one is ever added.
    throw protoError("bad_protobuf", path, `${path}: map fields are not supported`);
  }
  if (field.message !== undefined) return messageToView(field.message, value as Message, path);
  if (typeof value === "bigint") return bigintToNumber(value, path);
  if (value instanceof Uint8Array) return value.slice();
  return value; // string, boolean, number, enum number, or a JS_STRING 64-bit value
}
