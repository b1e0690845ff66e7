/**
 * A strict pass over the wire format before protobuf-es parses it. protobuf-es trusts the wire
 * type of a known field (a varint where a string is expected is read as a length), so tampered
 * bytes can decode to plausible garbage. Checking every known field's wire type against the
 * schema turns that into a `bad_protobuf` error naming the field.
 *
 * @module
 */
import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { protoError } from "../../../src/proto/errors.ts";

/** Throws `bad_protobuf` at the first known field whose wire type does not match `desc`. */
export function checkWireTypes(desc: DescMessage, bytes: Uint8Array, path: string): void {
  const reader = new BinaryReader(bytes);
  const seen = new Map<number, number>(); // occurrences per repeated field, for `[i]` in paths
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    const field = desc.fields.find((f) => f.number === fieldNo);
    if (field === undefined) {
      reader.skip(wireType, fieldNo); // unknown fields are kept, as proto2 requires
      continue;
    }
    let fieldPath = `${path}.${field.localName}`;
    if (field.fieldKind === "list") {
      const index = seen.get(fieldNo) ?? 0;
      seen.set(fieldNo, index + 1);
      fieldPath += `[${index}]`;
    }
    const expected = expectedWireType(field);
    const packed = wireType === WireType.LengthDelimited && isPackable(field);
    if (wireType !== expected && !packed) {
      throw protoError(
        "bad_protobuf",
        fieldPath,
        `${fieldPath} (field ${fieldNo}) has wire type ${wireType}, expected ${expected}: ` +
          `the bytes are corrupt or not a ${desc.typeName}`,
      );
    }
    const child = childMessage(field);
    if (child !== undefined) {
      checkWireTypes(child, reader.bytes(), fieldPath);
    } else {
      reader.skip(wireType, fieldNo);
    }
  }
}

/** The message type nested in `field` (singular or repeated), if any. */
function childMessage(field: DescField): DescMessage | undefined {
  if (field.fieldKind === "message") return field.message;
  if (field.fieldKind === "list" && field.listKind === "message") return field.message;
  return undefined;
}

function expectedWireType(field: DescField): WireType {
  // Maps (none in session.proto) are repeated length-delimited entries.
  if (field.fieldKind === "map" || childMessage(field) !== undefined) {
    return WireType.LengthDelimited;
  }
  if (field.enum !== undefined) return WireType.Varint;
  switch (field.scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WireType.LengthDelimited;
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
    case ScalarType.DOUBLE:
      return WireType.Bit64;
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
    case ScalarType.FLOAT:
      return WireType.Bit32;
    default:
      return WireType.Varint;
  }
}

/** Repeated numeric and enum fields may arrive packed (one length-delimited record). */
function isPackable(field: DescField): boolean {
  if (field.fieldKind !== "list" || field.listKind === "message") return false;
  return field.scalar !== ScalarType.STRING && field.scalar !== ScalarType.BYTES;
}
