/**
 * Typed readers for request params with the real parser's rules and error texts
 * (`parse_field`, `require`, `require_exactly_one_of` in `client_rpc_endpoints.cpp`). A missing
 * or `null` field reads as `undefined`; a present field of the wrong type throws
 * {@link ParseError}, which the engine answers with 400 `invalid request: <message>`.
 *
 * @module
 */
import type { JsonObject } from "./json.ts";
import { NAMESPACE_MAX, NAMESPACE_MIN, type NamespaceSelector } from "./namespaces.ts";

/** A request the parser rejects; the message is sent back to the client. */
export class ParseError extends Error {
  override name = "ParseError";
}

/** One second under which a millisecond timestamp was surely sent in seconds. */
const MIN_MS_TIMESTAMP = 1_000_000_000;

function present(params: JsonObject, name: string): unknown {
  const value = params[name];
  return value === null ? undefined : value;
}

function wrongType(name: string, expected: string): ParseError {
  return new ParseError(`Invalid value given for '${name}': expected ${expected}`);
}

/** nlohmann `is_number_integer`: any integral JSON number, signed or not. */
export function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** nlohmann `is_number_unsigned`: a non-negative integral JSON number (not `-0`). */
export function isUnsigned(value: unknown): value is number {
  return isInteger(value) && value >= 0 && !Object.is(value, -0);
}

function typed<T>(check: (v: unknown) => v is T, expected: string) {
  return function read(params: JsonObject, name: string): T | undefined {
    const value = present(params, name);
    if (value === undefined) return undefined;
    if (!check(value)) throw wrongType(name, expected);
    return value;
  };
}

/** A string field. */
export const readString = typed((v): v is string => typeof v === "string", "string");
/** A boolean field. */
export const readBool = typed((v): v is boolean => typeof v === "boolean", "boolean");
/** An unsigned integer field (`uint64_t`). */
export const readUnsigned = typed(isUnsigned, "positive integer");

/** A C++ `int` field: any integer, wrapped to 32 bits as `get<int>()` does. */
export function readInt32(params: JsonObject, name: string): number | undefined {
  const value = typed(isInteger, "integer")(params, name);
  return value === undefined ? undefined : Number(BigInt.asIntN(32, BigInt(value)));
}

/** A millisecond timestamp; values under 1,000,000 s are taken for seconds and refused. */
export function readTimestamp(params: JsonObject, name: string): number | undefined {
  const value = typed(isUnsigned, "integer timestamp (in milliseconds)")(params, name);
  if (value !== undefined && value < MIN_MS_TIMESTAMP) {
    throw new ParseError(`Invalid timestamp for '${name}': timestamp must be in milliseconds`);
  }
  return value;
}

/** A 16-bit namespace id. */
export function readNamespace(params: JsonObject, name: string): number | undefined {
  const value = typed(isInteger, "16-bit integer")(params, name);
  if (value !== undefined) checkRange(name, value);
  return value;
}

/** A namespace id or the string `"all"`. */
export function readNamespaceOrAll(
  params: JsonObject,
  name: string,
): NamespaceSelector | undefined {
  const value = present(params, name);
  if (value === undefined) return undefined;
  if (isInteger(value)) return checkRange(name, value);
  if (value === "all") return "all";
  throw wrongType(name, 'integer or "all"');
}

function checkRange(name: string, value: number): number {
  if (value < NAMESPACE_MIN || value > NAMESPACE_MAX) {
    throw new ParseError(`Invalid value given for '${name}': value out of range`);
  }
  return value;
}

function listOf<T>(check: (v: unknown) => v is T, expected: string) {
  return function read(params: JsonObject, name: string): T[] | undefined {
    const value = present(params, name);
    if (value === undefined) return undefined;
    // A single value stands for a one-element list.
    if (check(value)) return [value];
    if (Array.isArray(value) && value.every(check)) return value as T[];
    throw wrongType(name, expected);
  };
}

/** A list of strings, or one string. */
export const readStrings = listOf((v): v is string => typeof v === "string", "string array");
/** A list of millisecond timestamps, or one (no seconds check, as upstream). */
export const readTimestamps = listOf(isUnsigned, "timestamp array");
/** A list of integers, or one. */
export const readInts = listOf(isInteger, "integer array");

/**
 * An integer that may also come as a decimal string (`store`'s `timestamp` and `ttl`, for
 * backwards compatibility). `signed` allows a leading `-`.
 */
export function readStringifiedInt(
  params: JsonObject,
  name: string,
  signed: boolean,
): number | undefined {
  const value = present(params, name);
  if (typeof value === "string") {
    if ((signed ? /^-?[0-9]+$/ : /^[0-9]+$/).test(value)) return Number(value);
    throw new ParseError(`Invalid value given for '${name}': ${JSON.stringify(value)}`);
  }
  return signed ? typed(isInteger, "integer")(params, name) : readUnsigned(params, name);
}

/** Throws `Required field '<name>' missing` when `value` is absent. */
export function required<T>(name: string, value: T | undefined): T {
  if (value === undefined) throw new ParseError(`Required field '${name}' missing`);
  return value;
}

/** Throws `Cannot specify both …` when both are present. */
export function atMostOne(first: string, a: unknown, second: string, b: unknown): void {
  if (a !== undefined && b !== undefined) {
    throw new ParseError(`Cannot specify both '${first}' and '${second}'`);
  }
}

/**
 * Exactly one of two fields. For an alias pair (`pubkey`/`pubKey`) the missing-field message
 * names only the first.
 */
export function exactlyOne<T>(
  first: string,
  a: T | undefined,
  second: string,
  b: T | undefined,
  alias = false,
): T {
  atMostOne(first, a, second, b);
  if (a !== undefined) return a;
  if (b !== undefined) return b;
  throw new ParseError(
    alias
      ? `Required field '${first}' missing`
      : `Required field '${first}' or '${second}' missing`,
  );
}
