/**
 * JSON as the real server's parser (nlohmann) sees it. `5.0` and `1e3` are floats there, and a
 * float is never accepted where an integer is expected, so the parser keeps them apart: such
 * numbers come back as {@link JsonFloat}. Everything else is plain `JSON.parse` output.
 *
 * @module
 */

/** A JSON number written as a float (`1.0`, `1e3`) or out of the 64-bit integer range. */
export class JsonFloat {
  /**
   * @param value The number's value.
   */
  constructor(readonly value: number) {}

  /** Serialises back to the plain number. */
  toJSON(): number {
    return this.value;
  }
}

/** A JSON object with string keys, as parsed from a request. */
export type JsonObject = Record<string, unknown>;

const FLOAT_SYNTAX = /[.eE]/;
const INT64_MIN = -(2 ** 63);
const UINT64_LIMIT = 2 ** 64;

function reviver(this: unknown, _key: string, value: unknown, context?: { source?: string }) {
  if (typeof value !== "number") return value;
  // nlohmann refuses numbers that overflow a double ("number overflow"): not valid JSON.
  if (!Number.isFinite(value)) throw new SyntaxError("number overflow");
  const source = context?.source ?? String(value);
  if (FLOAT_SYNTAX.test(source) || value < INT64_MIN || value >= UINT64_LIMIT) {
    return new JsonFloat(value);
  }
  return value;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses a request body. Throws `SyntaxError` on bad JSON or (for bytes) bad UTF-8, which the
 * engine answers with 400 `invalid json`.
 *
 * @example
 * ```ts
 * const body = parseJson('{"method":"info","params":{}}') as JsonObject;
 * ```
 */
export function parseJson(body: Uint8Array | string): unknown {
  let text: string;
  try {
    // A leading UTF-8 BOM is skipped, as nlohmann does (TextDecoder drops it from bytes).
    text = typeof body === "string" ? body.replace(/^\uFEFF/, "") : strictUtf8.decode(body);
  } catch (cause) {
    throw new SyntaxError("invalid UTF-8", { cause });
  }
  // deno-lint-ignore no-explicit-any
  return JSON.parse(text, reviver as any);
}

/** True for a JSON object (not an array, null, or a float marker). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof JsonFloat);
}
