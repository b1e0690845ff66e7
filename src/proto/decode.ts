/**
 * Bytes → raw field values ("slots"), driven by the schema table. This follows protobuf-es's
 * `fromBinary` step by step (same `BinaryReader`, same recursion budget, same handling of
 * packed/unpacked repeated fields, closed enums and repeated message occurrences), so the bytes
 * it accepts and the values it reads are the ones the previous protobuf-es-based codec saw.
 *
 * @module
 */
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { type FieldSchema, type MessageSchema, ScalarType } from "./schema.ts";

/** protobuf-es's default `recursionLimit`: nesting depth of messages and skipped groups. */
const RECURSION_LIMIT = 100;

/**
 * A message's raw values, indexed by `FieldSchema.index`: `undefined` when absent, an array for
 * repeated fields, nested `Slots` for messages, `bigint` for 64-bit numbers (a decimal string
 * with `jstype = JS_STRING`), and byte fields as views into the input (copied later).
 */
export type Slots = unknown[];

/**
 * Reads `bytes` as `schema`. Unknown fields are skipped (views drop them); a closed enum's
 * unknown value is skipped too, as proto2 keeps it with the unknown fields. Throws the reader's
 * plain `Error`s on malformed input; the caller turns them into `bad_protobuf`.
 *
 * @example
 * ```ts
 * import { readMessage } from "./decode.ts";
 * import { LokiProfileSchema } from "./gen/schema.ts";
 * readMessage(LokiProfileSchema, new Uint8Array([0x0a, 0x01, 0x41])); // ["A"]
 * ```
 */
export function readMessage(schema: MessageSchema, bytes: Uint8Array): Slots {
  return readFields(schema, new BinaryReader(bytes), bytes.byteLength, emptySlots(schema), 1);
}

function emptySlots(schema: MessageSchema): Slots {
  return new Array(schema.fields.length);
}

/** One message body of `length` bytes at the reader's position, merged into `slots`. */
function readFields(
  schema: MessageSchema,
  reader: BinaryReader,
  length: number,
  slots: Slots,
  depth: number,
): Slots {
  if (depth > RECURSION_LIMIT) {
    throw new Error(
      `cannot decode message ${schema.typeName} from binary: maximum recursion depth of ` +
        `${RECURSION_LIMIT} reached`,
    );
  }
  const end = reader.pos + length;
  while (reader.pos < end) {
    const [fieldNo, wireType] = reader.tag();
    const field = schema.byNumber.get(fieldNo);
    if (field === undefined) {
      // Unknown field: skipped with the remaining recursion budget (for nested groups).
      reader.skip(wireType, fieldNo, RECURSION_LIMIT - depth);
      continue;
    }
    if (field.repeated) readListItem(field, reader, wireType, slots, depth);
    else readSingular(field, reader, slots, depth);
  }
  return slots;
}

function readSingular(field: FieldSchema, reader: BinaryReader, slots: Slots, depth: number) {
  const child = field.message;
  if (child !== undefined) {
    // A repeated occurrence of a singular message field merges into the earlier one.
    const existing = (slots[field.index] as Slots | undefined) ?? emptySlots(child);
    slots[field.index] = readFields(child, reader, reader.uint32(), existing, depth + 1);
  } else if (field.enum !== undefined) {
    // Closed enum: an unknown value is an unknown field, and an earlier known value stays.
    const value = reader.int32();
    if (field.enum.numbers.has(value)) slots[field.index] = value;
  } else {
    slots[field.index] = readScalar(field, reader); // last one wins
  }
}

function readListItem(
  field: FieldSchema,
  reader: BinaryReader,
  wireType: WireType,
  slots: Slots,
  depth: number,
) {
  const items = (slots[field.index] ??= []) as unknown[];
  const child = field.message;
  if (child !== undefined) {
    items.push(readFields(child, reader, reader.uint32(), emptySlots(child), depth + 1));
  } else if (wireType === WireType.LengthDelimited && field.packable) {
    // Packed, whatever the schema says: readers must accept both forms. Like protobuf-es, enum
    // lists keep every value (closed-enum filtering applies to singular fields only).
    const end = reader.uint32() + reader.pos;
    while (reader.pos < end) items.push(readScalar(field, reader));
  } else {
    items.push(readScalar(field, reader));
  }
}

function readScalar(field: FieldSchema, reader: BinaryReader): unknown {
  switch (field.scalar) {
    case ScalarType.STRING:
      // proto2 strings are not UTF-8 validated: invalid sequences become U+FFFD.
      return reader.string();
    case ScalarType.BYTES:
      return reader.bytes();
    case ScalarType.BOOL:
      return reader.bool();
    case ScalarType.UINT32:
      return reader.uint32();
    case ScalarType.INT32:
      return reader.int32();
    case ScalarType.SINT32:
      return reader.sint32();
    case ScalarType.FIXED32:
      return reader.fixed32();
    case ScalarType.SFIXED32:
      return reader.sfixed32();
    case ScalarType.DOUBLE:
      return reader.double();
    case ScalarType.FLOAT:
      return reader.float();
    case ScalarType.UINT64:
      return field.longAsString ? String(reader.uint64()) : reader.uint64();
    case ScalarType.INT64:
      return field.longAsString ? String(reader.int64()) : reader.int64();
    case ScalarType.FIXED64:
      return field.longAsString ? String(reader.fixed64()) : reader.fixed64();
    case ScalarType.SFIXED64:
      return field.longAsString ? String(reader.sfixed64()) : reader.sfixed64();
    case ScalarType.SINT64:
      return field.longAsString ? String(reader.sint64()) : reader.sint64();
  }
}
