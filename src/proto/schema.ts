/**
 * The shape of the compact schema table in `gen/schema.ts` (generated from session.proto by
 * `deno task proto`), and the helpers that table is written with. The codec reads the table
 * instead of protobuf-es reflection, which keeps protobuf-es's descriptor machinery (and its
 * embedded descriptor.proto) out of the running process.
 *
 * @module
 */

/**
 * Protobuf scalar types, numbered as protobuf-es's `ScalarType` (and descriptor.proto's
 * `FieldDescriptorProto.Type`), so the table can be compared with protobuf-es directly.
 */
export const ScalarType = {
  DOUBLE: 1,
  FLOAT: 2,
  INT64: 3,
  UINT64: 4,
  INT32: 5,
  FIXED64: 6,
  FIXED32: 7,
  BOOL: 8,
  STRING: 9,
  BYTES: 12,
  UINT32: 13,
  SFIXED32: 15,
  SFIXED64: 16,
  SINT32: 17,
  SINT64: 18,
} as const;

/** One of the {@link ScalarType} numbers. */
export type ScalarType = typeof ScalarType[keyof typeof ScalarType];

/** Protobuf wire types (the low 3 bits of a tag), as `@bufbuild/protobuf/wire`'s `WireType`. */
const VARINT = 0;
const BIT64 = 1;
const LENGTH_DELIMITED = 2;
const BIT32 = 5;

/** A closed (proto2) enum: the values a field of this type accepts. */
export interface EnumSchema {
  /** Fully qualified name, e.g. `SessionProtos.Envelope.Type`. */
  readonly typeName: string;
  /** Every value, in declaration order. */
  readonly values: readonly { readonly name: string; readonly number: number }[];
  /** The numbers of `values`, for membership tests. */
  readonly numbers: ReadonlySet<number>;
}

/** One field of a message, with what encoding and decoding need precomputed. */
export interface FieldSchema {
  /** Field number. */
  readonly no: number;
  /** Property name in views (protobuf-es's `localName`). */
  readonly localName: string;
  /** Position in the message's `fields` (declaration order). */
  readonly index: number;
  /** A scalar, an enum value or a nested message. */
  readonly kind: "scalar" | "enum" | "message";
  /** The scalar type (`INT32` for enums, whose values travel as int32 varints). */
  readonly scalar: ScalarType;
  /** 64-bit value carried as a decimal string (`jstype = JS_STRING`). */
  readonly longAsString: boolean;
  /** The enum type, for `kind: "enum"`. */
  readonly enum?: EnumSchema;
  /** The message type, for `kind: "message"`. */
  readonly message?: MessageSchema;
  /** `repeated`. */
  readonly repeated: boolean;
  /** proto2 `required` (protobuf-es: presence `LEGACY_REQUIRED`). */
  readonly required: boolean;
  /** Repeated scalars written as one length-delimited record (`[packed = true]`). */
  readonly packed: boolean;
  /** The wire type of one (unpacked) value. */
  readonly wireType: number;
  /** Whether the field may also arrive packed (repeated numbers and enums). */
  readonly packable: boolean;
}

/** A message type: its fields and the lookups the codec needs. */
export interface MessageSchema {
  /** Fully qualified name, e.g. `SessionProtos.Content`. */
  readonly typeName: string;
  /** Fields in declaration order (the order of views and of error checks). */
  readonly fields: readonly FieldSchema[];
  /** Fields in field-number order: the order protobuf-es (and this codec) writes them in. */
  readonly writeOrder: readonly FieldSchema[];
  /** Field by number. */
  readonly byNumber: ReadonlyMap<number, FieldSchema>;
  /** Field by view property name. */
  readonly byName: ReadonlyMap<string, FieldSchema>;
}

/** How the generated table spells a field; {@link defineFields} derives the rest. */
export interface FieldSpec {
  /** Field number. */
  no: number;
  /** View property name. */
  localName: string;
  /** Set for scalar fields. */
  scalar?: ScalarType;
  /** Set for enum fields. */
  enum?: EnumSchema;
  /** Set for message fields. */
  message?: MessageSchema;
  /** `jstype = JS_STRING`. */
  longAsString?: boolean;
  /** `repeated`. */
  repeated?: boolean;
  /** `required`. */
  required?: boolean;
  /** `[packed = true]`. */
  packed?: boolean;
}

/**
 * An enum table entry.
 *
 * @example
 * ```ts
 * import { defineEnum } from "./schema.ts";
 * const TypingAction = defineEnum("SessionProtos.TypingMessage.Action", [
 *   ["STARTED", 0],
 *   ["STOPPED", 1],
 * ]);
 * TypingAction.numbers.has(1); // true
 * ```
 */
export function defineEnum(typeName: string, values: [name: string, number: number][]): EnumSchema {
  return {
    typeName,
    values: values.map(([name, number]) => ({ name, number })),
    numbers: new Set(values.map(([, number]) => number)),
  };
}

/**
 * An empty message table entry; {@link defineFields} fills it once every message exists, so
 * fields can refer to any message whatever the declaration order.
 *
 * @example
 * ```ts
 * import { defineFields, defineMessage, ScalarType } from "./schema.ts";
 * const Profile = defineMessage("SessionProtos.LokiProfile");
 * defineFields(Profile, [{ no: 1, localName: "displayName", scalar: ScalarType.STRING }]);
 * Profile.byNumber.get(1)?.localName; // "displayName"
 * ```
 */
export function defineMessage(typeName: string): MessageSchema {
  return { typeName, fields: [], writeOrder: [], byNumber: new Map(), byName: new Map() };
}

/**
 * Fills `message` (from {@link defineMessage}) with its fields, in declaration order.
 *
 * @example
 * ```ts
 * import { defineFields, defineMessage, ScalarType } from "./schema.ts";
 * const Unsend = defineMessage("SessionProtos.UnsendRequest");
 * defineFields(Unsend, [
 *   { no: 1, localName: "timestamp", scalar: ScalarType.UINT64, required: true },
 *   { no: 2, localName: "author", scalar: ScalarType.STRING, required: true },
 * ]);
 * ```
 */
export function defineFields(message: MessageSchema, specs: FieldSpec[]): void {
  const fields = message.fields as FieldSchema[];
  const byNumber = message.byNumber as Map<number, FieldSchema>;
  const byName = message.byName as Map<string, FieldSchema>;
  for (const spec of specs) {
    const field = toField(spec, fields.length);
    fields.push(field);
    byNumber.set(field.no, field);
    byName.set(field.localName, field);
  }
  (message.writeOrder as FieldSchema[]).push(...[...fields].sort((a, b) => a.no - b.no));
}

function toField(spec: FieldSpec, index: number): FieldSchema {
  const kind = spec.message !== undefined ? "message" : spec.enum !== undefined ? "enum" : "scalar";
  const scalar = spec.scalar ?? ScalarType.INT32;
  const repeated = spec.repeated ?? false;
  const wireType = kind === "message" ? LENGTH_DELIMITED : wireTypeOf(scalar);
  return {
    no: spec.no,
    localName: spec.localName,
    index,
    kind,
    scalar,
    longAsString: spec.longAsString ?? false,
    enum: spec.enum,
    message: spec.message,
    repeated,
    required: spec.required ?? false,
    packed: spec.packed ?? false,
    wireType,
    packable: repeated && kind !== "message" && wireType !== LENGTH_DELIMITED,
  };
}

function wireTypeOf(scalar: ScalarType): number {
  switch (scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return LENGTH_DELIMITED;
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
    case ScalarType.DOUBLE:
      return BIT64;
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
    case ScalarType.FLOAT:
      return BIT32;
    default:
      return VARINT;
  }
}
