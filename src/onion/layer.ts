/**
 * The binary framing of every onion layer: `u32le N ‖ N-byte blob ‖ UTF-8 JSON object`.
 *
 * @module
 */
import { assertBytes } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";

/** A parsed layer. */
export interface Layer {
  /** The N-byte blob (usually the next layer's ciphertext). */
  readonly blob: Uint8Array;
  /** The JSON object after the blob. */
  readonly json: Record<string, unknown>;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Frames `blob` and `json` as `u32le len(blob) ‖ blob ‖ JSON.stringify(json)`.
 *
 * @example
 * ```ts
 * const layer = encodeLayer(new Uint8Array([1, 2]), { ephemeral_key: "ab".repeat(32) });
 * parseLayer(layer).blob; // Uint8Array [1, 2]
 * ```
 */
export function encodeLayer(blob: Uint8Array, json: Readonly<Record<string, unknown>>): Uint8Array {
  assertBytes(blob, undefined, "blob");
  if (!isPlainObject(json)) throw new TypeError("layer JSON must be a plain object");
  const text = encoder.encode(JSON.stringify(json));
  const out = new Uint8Array(4 + blob.length + text.length);
  new DataView(out.buffer).setUint32(0, blob.length, true);
  out.set(blob, 4);
  out.set(text, 4 + blob.length);
  return out;
}

/**
 * Parses a layer strictly. Fewer than 4 bytes, a length beyond the end, JSON that is not valid
 * UTF-8, not valid JSON or not an object throw `ValidationError` with code `bad_layer` and a
 * message in the real server's words (`Error parsing onion request: …`).
 *
 * @example
 * ```ts
 * const { blob, json } = parseLayer(encodeLayer(new Uint8Array(3), { headers: {} }));
 * blob.length; // 3
 * "headers" in json; // true
 * ```
 */
export function parseLayer(bytes: Uint8Array): Layer {
  assertBytes(bytes, undefined, "layer");
  if (bytes.length < 4) throw badLayer("Unexpected payload size; expected ciphertext size");
  const n = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const rest = bytes.length - 4;
  if (rest < n) throw badLayer(`Unexpected payload size ${rest}, expected >= ${n}`);
  let text: string;
  try {
    text = strictDecoder.decode(bytes.subarray(4 + n));
  } catch (cause) {
    throw badLayer("JSON part is not valid UTF-8", cause);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw badLayer(`JSON part does not parse (${(cause as Error).message})`, cause);
  }
  if (!isPlainObject(json)) throw badLayer("JSON part is not an object");
  return { blob: bytes.slice(4, 4 + n), json };
}

/** True for `{...}` objects (not arrays, null, class instances). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function badLayer(detail: string, cause?: unknown): ValidationError {
  return new ValidationError(
    `Error parsing onion request: ${detail}`,
    "bad_layer",
    "layer",
    cause === undefined ? undefined : { cause },
  );
}
