/**
 * A strict pass over the wire format before the bytes are read. The reader (like protobuf-es)
 * trusts the wire type of a known field (a varint where a string is expected is read as a
 * length), so tampered bytes could decode to plausible garbage. Checking every known field's
 * wire type against the schema table turns that into a `bad_protobuf` error naming the field.
 *
 * @module
 */
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { protoError } from "./errors.ts";
import type { MessageSchema } from "./schema.ts";

/**
 * Throws `bad_protobuf` at the first known field whose wire type does not match `schema`.
 *
 * @example
 * ```ts
 * import { checkWireTypes } from "./wire_check.ts";
 * import { LokiProfileSchema } from "./gen/schema.ts";
 * checkWireTypes(LokiProfileSchema, new Uint8Array([0x0a, 0x01, 0x41]), "profile"); // ok
 * ```
 */
export function checkWireTypes(schema: MessageSchema, bytes: Uint8Array, path: string): void {
  const reader = new BinaryReader(bytes);
  let seen: Map<number, number> | undefined; // occurrences per repeated field, for `[i]` in paths
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    const field = schema.byNumber.get(fieldNo);
    if (field === undefined) {
      reader.skip(wireType, fieldNo); // unknown fields are skipped, as when reading
      continue;
    }
    let index = -1;
    if (field.repeated) {
      seen ??= new Map();
      index = seen.get(fieldNo) ?? 0;
      seen.set(fieldNo, index + 1);
    }
    const packed = wireType === WireType.LengthDelimited && field.packable;
    if (wireType !== field.wireType && !packed) {
      const fieldPath = fieldPathOf(path, field.localName, index);
      throw protoError(
        "bad_protobuf",
        fieldPath,
        `${fieldPath} (field ${fieldNo}) has wire type ${wireType}, expected ${field.wireType}: ` +
          `the bytes are corrupt or not a ${schema.typeName}`,
      );
    }
    if (field.message !== undefined) {
      checkWireTypes(field.message, reader.bytes(), fieldPathOf(path, field.localName, index));
    } else {
      reader.skip(wireType, fieldNo);
    }
  }
}

function fieldPathOf(path: string, name: string, index: number): string {
  return index < 0 ? `${path}.${name}` : `${path}.${name}[${index}]`;
}
