/**
 * 64-bit integers ↔ JS numbers. protobuf-es reads uint64/int64 as `bigint`; the public API uses
 * numbers for timestamps and counters because milliseconds since 1970 stay far below 2^53 for
 * the next 285,000 years. A value that does not fit is refused instead of silently rounded.
 *
 * @module
 */
import { protoError } from "./errors.ts";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `value` as a number; `out_of_range` when |value| > 2^53 − 1. */
export function bigintToNumber(value: bigint, field: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) {
    throw protoError(
      "out_of_range",
      field,
      `${field} is ${value}, which does not fit in a JS number (max ${Number.MAX_SAFE_INTEGER}); ` +
        `the message is not a valid Session message`,
    );
  }
  return Number(value);
}

/**
 * A safe-integer number as a bigint for protobuf-es. `out_of_range` for unsafe or (when
 * `unsigned`) negative integers, `invalid_field` for anything that is not an integer number.
 */
export function numberToBigint(value: unknown, field: string, unsigned: boolean): bigint {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw protoError(
      "invalid_field",
      field,
      `${field} must be an integer number, got ${describe(value)}`,
    );
  }
  if (!Number.isSafeInteger(value) || (unsigned && value < 0)) {
    throw protoError(
      "out_of_range",
      field,
      `${field} must be ${unsigned ? "between 0 and" : "at most ±"} ${Number.MAX_SAFE_INTEGER}, ` +
        `got ${value}`,
    );
  }
  return BigInt(value);
}

/** A short description of a bad value for error messages (never the whole value). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  if (typeof value === "string") return `a ${value.length}-character string`;
  return typeof value;
}
