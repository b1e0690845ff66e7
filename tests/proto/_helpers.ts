/**
 * Test helpers: a tiny independent protobuf writer (so expected bytes come from core.md's field
 * numbers, not from our own schema), vector loading and a ValidationError matcher.
 */
import { concatBytes, fromHex, toHex, utf8 } from "../../src/core/bytes.ts";
import { ValidationError } from "../../src/core/errors.ts";

export { concatBytes, fromHex, toHex, utf8 };

/** Base-128 varint of a non-negative integer (negative int64s as 10-byte two's complement). */
export function varint(value: number | bigint): Uint8Array {
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n;
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return new Uint8Array(out);
}

function tag(field: number, wireType: number): Uint8Array {
  return varint((field << 3) | wireType);
}

/** Varint field (uint32/uint64/int64/bool/enum). */
export function vint(field: number, value: number | bigint | boolean): Uint8Array {
  return concatBytes(tag(field, 0), varint(typeof value === "boolean" ? (value ? 1 : 0) : value));
}

/** Length-delimited field from raw bytes or submessage parts. */
export function len(field: number, ...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  return concatBytes(tag(field, 2), varint(body.length), body);
}

/** String field. */
export function str(field: number, text: string): Uint8Array {
  return len(field, utf8(text));
}

/** fixed64 field (little-endian). */
export function fixed64(field: number, value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return concatBytes(tag(field, 1), out);
}

/** Raw tag with an arbitrary wire type, for tampering tests. */
export function rawTag(field: number, wireType: number): Uint8Array {
  return tag(field, wireType);
}

/** Deterministic filler bytes. */
export function bytes(length: number, start = 1): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
}

export { assertValidation } from "../assertions.ts";

/** Runs `fn`; it must return or throw a ValidationError, nothing else. */
export function returnsOrValidation(fn: () => unknown): "ok" | "error" {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof ValidationError) return "error";
    throw new Error(`unexpected ${(e as Error)?.constructor?.name}: ${e}`, { cause: e });
  }
}

/** A session ID for tests. */
export const ALICE = "05" + "a1".repeat(32);
/** Another session ID for tests. */
export const BOB = "05" + "b2".repeat(32);
/** A timestamp (ms) for tests. */
export const T = 1700000000000;
