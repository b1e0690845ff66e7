/**
 * View → bytes, driven by the schema table, with `@bufbuild/protobuf/wire`'s `BinaryWriter`.
 * Writes exactly what protobuf-es's `toBinary` wrote for the same message: fields in
 * field-number order, nested messages length-prefixed, repeated scalars packed only when the
 * schema says `[packed = true]` (never, in proto2 session.proto), absent fields omitted.
 *
 * @module
 */
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { type FieldSchema, type MessageSchema, ScalarType } from "./schema.ts";
import type { PlainMessage } from "./view.ts";

/**
 * Serializes `view`, which must have passed `checkView` for `schema` (values are not checked
 * again here).
 *
 * @example
 * ```ts
 * import { writeMessage } from "./encode.ts";
 * import { LokiProfileSchema } from "./gen/schema.ts";
 * writeMessage(LokiProfileSchema, { displayName: "A" }); // Uint8Array [0x0a, 0x01, 0x41]
 * ```
 */
export function writeMessage(schema: MessageSchema, view: PlainMessage): Uint8Array {
  const writer = new BinaryWriter();
  writeFields(writer, schema, view);
  return writer.finish();
}

function writeFields(writer: BinaryWriter, schema: MessageSchema, view: PlainMessage): void {
  for (const field of schema.writeOrder) {
    const value = view[field.localName];
    if (value === undefined) continue;
    if (!field.repeated) {
      writeValue(writer, field, value);
      continue;
    }
    const items = value as unknown[];
    if (items.length === 0) continue;
    if (field.packed) {
      writer.tag(field.no, WireType.LengthDelimited).fork();
      for (let i = 0; i < items.length; i++) writeScalar(writer, field, items[i]);
      writer.join();
    } else {
      for (let i = 0; i < items.length; i++) writeValue(writer, field, items[i]);
    }
  }
}

/** One tagged value. */
function writeValue(writer: BinaryWriter, field: FieldSchema, value: unknown): void {
  if (field.message !== undefined) {
    writer.tag(field.no, WireType.LengthDelimited).fork();
    writeFields(writer, field.message, value as PlainMessage);
    writer.join();
    return;
  }
  writer.tag(field.no, field.wireType);
  writeScalar(writer, field, value);
}

/**
 * One untagged scalar or enum value. 64-bit values may be numbers or decimal strings: the
 * writer converts both exactly, as it did the bigints protobuf-es handed it.
 */
function writeScalar(writer: BinaryWriter, field: FieldSchema, value: unknown): void {
  switch (field.scalar) {
    case ScalarType.STRING:
      writer.string(value as string);
      return;
    case ScalarType.BYTES:
      writer.bytes(value as Uint8Array);
      return;
    case ScalarType.BOOL:
      writer.bool(value as boolean);
      return;
    case ScalarType.UINT32:
      writer.uint32(value as number);
      return;
    case ScalarType.INT32: // and enums
      writer.int32(value as number);
      return;
    case ScalarType.SINT32:
      writer.sint32(value as number);
      return;
    case ScalarType.FIXED32:
      writer.fixed32(value as number);
      return;
    case ScalarType.SFIXED32:
      writer.sfixed32(value as number);
      return;
    case ScalarType.DOUBLE:
      writer.double(value as number);
      return;
    case ScalarType.FLOAT:
      writer.float(value as number);
      return;
    case ScalarType.UINT64:
      writer.uint64(value as number | string);
      return;
    case ScalarType.INT64:
      writer.int64(value as number | string);
      return;
    case ScalarType.FIXED64:
      writer.fixed64(value as number | string);
      return;
    case ScalarType.SFIXED64:
      writer.sfixed64(value as number | string);
      return;
    case ScalarType.SINT64:
      writer.sint64(value as number | string);
      return;
  }
}
