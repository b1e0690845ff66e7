/**
 * Plain "view" object → protobuf-es init object (encode side), validating every value against
 * the schema so mistakes surface as `ValidationError`s naming the field instead of deep errors
 * (or silently wrong bytes) inside protobuf-es.
 *
 * @module
 */
import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import { protoError } from "../../../src/proto/errors.ts";
import { describe, numberToBigint } from "../../../src/proto/int64.ts";
import { LEGACY_REQUIRED, type PlainMessage } from "./view.ts";

const UINT32_MAX = 0xffffffff;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * Converts a view of type `desc` to a protobuf-es init object. Unknown property names are
 * refused (they are typos: the field would silently not be sent); `undefined` means absent.
 */
export function viewToInit(desc: DescMessage, value: unknown, path: string): PlainMessage {
  if (!isPlainObject(value)) {
    throw protoError("invalid_field", path, `${path} must be an object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!desc.fields.some((f) => f.localName === key)) {
      throw protoError(
        "invalid_field",
        `${path}.${key}`,
        `${path}.${key} is not a field of ${desc.typeName}`,
      );
    }
  }
  const out: PlainMessage = {};
  for (const field of desc.fields) {
    const fieldPath = `${path}.${field.localName}`;
    const item = value[field.localName];
    if (item === undefined) {
      if (field.presence === LEGACY_REQUIRED) {
        throw protoError("missing_field", fieldPath, `${fieldPath} is required`);
      }
      continue;
    }
    if (field.fieldKind === "list") {
      if (!Array.isArray(item)) {
        throw protoError(
          "invalid_field",
          fieldPath,
          `${fieldPath} must be an array, got ${describe(item)}`,
        );
      }
      out[field.localName] = item.map((v, i) => valueToInit(field, v, `${fieldPath}[${i}]`));
    } else {
      out[field.localName] = valueToInit(field, item, fieldPath);
    }
  }
  return out;
}

function valueToInit(field: DescField, value: unknown, path: string): unknown {
  if (field.fieldKind === "map") {
    throw protoError("invalid_field", path, `${path}: map fields are not supported`);
  }
  if (field.message !== undefined) return viewToInit(field.message, value, path);
  if (field.enum !== undefined) {
    if (typeof value !== "number" || !field.enum.values.some((v) => v.number === value)) {
      const known = field.enum.values.map((v) => `${v.name}=${v.number}`).join(", ");
      throw protoError(
        "invalid_field",
        path,
        `${path} must be one of ${known}, got ${describe(value)}`,
      );
    }
    return value;
  }
  return scalarToInit(field.scalar, field.longAsString, value, path);
}

function scalarToInit(
  scalar: ScalarType,
  longAsString: boolean,
  value: unknown,
  path: string,
): unknown {
  const fail = (what: string) =>
    protoError("invalid_field", path, `${path} must be ${what}, got ${describe(value)}`);
  switch (scalar) {
    case ScalarType.STRING:
      if (typeof value !== "string") throw fail("a string");
      return value;
    case ScalarType.BYTES:
      if (!(value instanceof Uint8Array)) throw fail("a Uint8Array");
      return value;
    case ScalarType.BOOL:
      if (typeof value !== "boolean") throw fail("a boolean");
      return value;
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      if (typeof value !== "number") throw fail("a number");
      return value;
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return int32(value, 0, UINT32_MAX, path);
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return int32(value, INT32_MIN, INT32_MAX, path);
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return longAsString
        ? int64String(value, 0n, UINT64_MAX, path)
        : numberToBigint(value, path, true);
    default: // INT64, SINT64, SFIXED64
      return longAsString
        ? int64String(value, INT64_MIN, INT64_MAX, path)
        : numberToBigint(value, path, false);
  }
}

function int32(value: unknown, min: number, max: number, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw protoError("invalid_field", path, `${path} must be an integer, got ${describe(value)}`);
  }
  if (value < min || value > max) {
    throw protoError("out_of_range", path, `${path} must be in ${min}..${max}, got ${value}`);
  }
  return value;
}

/** A 64-bit value carried as a decimal string (`jstype = JS_STRING`). */
function int64String(value: unknown, min: bigint, max: bigint, path: string): string {
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
  return n.toString(); // canonical form: "007" and "7" encode the same anyway
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
