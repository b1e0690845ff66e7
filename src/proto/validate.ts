/**
 * Validation of a plain "view" object before it is encoded: every value is checked against the
 * schema table so mistakes surface as `ValidationError`s naming the field instead of deep errors
 * (or silently wrong bytes) in the writer.
 *
 * @module
 */
import { protoError } from "./errors.ts";
import { describe, numberToBigint } from "./int64.ts";
import { type FieldSchema, type MessageSchema, ScalarType } from "./schema.ts";

const UINT32_MAX = 0xffffffff;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * Checks that `value` is a valid view of `schema` (fields in declaration order, depth first).
 * Unknown property names are refused (they are typos: the field would silently not be sent);
 * `undefined` means absent. `path` names the value in errors.
 *
 * @throws {ValidationError} `invalid_field`, `missing_field` or `out_of_range`.
 *
 * @example
 * ```ts
 * import { checkView } from "./validate.ts";
 * import { UnsendRequestSchema } from "./gen/schema.ts";
 * checkView(UnsendRequestSchema, { timestamp: 1700000000000, author: "05ab" }, "unsend"); // ok
 * ```
 */
export function checkView(schema: MessageSchema, value: unknown, path: string): void {
  if (!isPlainObject(value)) {
    throw protoError("invalid_field", path, `${path} must be an object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!schema.byName.has(key)) {
      throw protoError(
        "invalid_field",
        `${path}.${key}`,
        `${path}.${key} is not a field of ${schema.typeName}`,
      );
    }
  }
  for (const field of schema.fields) {
    const item = value[field.localName];
    if (item === undefined) {
      if (field.required) {
        const fieldPath = `${path}.${field.localName}`;
        throw protoError("missing_field", fieldPath, `${fieldPath} is required`);
      }
      continue;
    }
    const fieldPath = `${path}.${field.localName}`;
    if (field.repeated) {
      if (!Array.isArray(item)) {
        throw protoError(
          "invalid_field",
          fieldPath,
          `${fieldPath} must be an array, got ${describe(item)}`,
        );
      }
      // A plain loop: forEach would skip holes (`[, "a"]`) and let them be sent as text.
      for (let i = 0; i < item.length; i++) checkValue(field, item[i], `${fieldPath}[${i}]`);
    } else {
      checkValue(field, item, fieldPath);
    }
  }
}

function checkValue(field: FieldSchema, value: unknown, path: string): void {
  if (field.message !== undefined) return checkView(field.message, value, path);
  if (field.enum !== undefined) {
    if (typeof value !== "number" || !field.enum.numbers.has(value)) {
      const known = field.enum.values.map((v) => `${v.name}=${v.number}`).join(", ");
      throw protoError(
        "invalid_field",
        path,
        `${path} must be one of ${known}, got ${describe(value)}`,
      );
    }
    return;
  }
  checkScalar(field, value, path);
}

function checkScalar(field: FieldSchema, value: unknown, path: string): void {
  const fail = (what: string) =>
    protoError("invalid_field", path, `${path} must be ${what}, got ${describe(value)}`);
  switch (field.scalar) {
    case ScalarType.STRING:
      if (typeof value !== "string") throw fail("a string");
      return;
    case ScalarType.BYTES:
      if (!(value instanceof Uint8Array)) throw fail("a Uint8Array");
      return;
    case ScalarType.BOOL:
      if (typeof value !== "boolean") throw fail("a boolean");
      return;
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      if (typeof value !== "number") throw fail("a number");
      return;
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return int32(value, 0, UINT32_MAX, path);
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return int32(value, INT32_MIN, INT32_MAX, path);
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      if (field.longAsString) return int64String(value, 0n, UINT64_MAX, path);
      numberToBigint(value, path, true);
      return;
    default: // INT64, SINT64, SFIXED64
      if (field.longAsString) return int64String(value, INT64_MIN, INT64_MAX, path);
      numberToBigint(value, path, false);
  }
}

function int32(value: unknown, min: number, max: number, path: string): void {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw protoError("invalid_field", path, `${path} must be an integer, got ${describe(value)}`);
  }
  if (value < min || value > max) {
    throw protoError("out_of_range", path, `${path} must be in ${min}..${max}, got ${value}`);
  }
}

/** A 64-bit value carried as a decimal string (`jstype = JS_STRING`). */
function int64String(value: unknown, min: bigint, max: bigint, path: string): void {
  if (typeof value !== "string" || !/^-?[0-9]{1,20}$/.test(value)) {
    throw protoError(
      "invalid_field",
      path,
      `${path} must be a decimal integer string, got ${describe(value)}`,
    );
  }
  const n = BigInt(value);
  if (n < min || n > max) {
    throw protoError("out_of_range", path, `${path} must be in ${min}..${max}, got ${value}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
