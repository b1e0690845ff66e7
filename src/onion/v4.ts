/**
 * The v4 onion request/response plaintexts for servers (SOGS, file server): a bencoded list of
 * byte strings, `l<len>:<meta JSON>[<len>:<body>]e`, where lengths are decimal byte counts.
 *
 * @module
 */
import { assertBytes } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";
import { isPlainObject } from "./layer.ts";

/** The request metadata: method, endpoint (path and query) and headers. */
export interface V4RequestMeta {
  /** HTTP method, upper case (e.g. `"GET"`, `"POST"`). */
  readonly method: string;
  /** Path and query, starting with `/`. */
  readonly endpoint: string;
  /** Request headers (e.g. `Content-Type`, SOGS `X-SOGS-*`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A decoded v4 request. */
export interface V4Request {
  /** The metadata. */
  readonly meta: V4RequestMeta;
  /** The raw body, when the request has one. */
  readonly body?: Uint8Array;
}

/** The response metadata. */
export interface V4ResponseMeta {
  /** HTTP status. */
  readonly code: number;
  /** Response headers (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
}

/** A decoded v4 response. */
export interface V4Response {
  /** HTTP status. */
  readonly code: number;
  /** Response headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body (empty when the server sent none). */
  readonly body: Uint8Array;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const L = 0x6c;
const E = 0x65;
const COLON = 0x3a;

/**
 * Encodes a v4 request: `l<len>:<meta>[<len>:<body>]e`, meta being
 * `{"method","endpoint","headers"}` (headers `{}` when omitted). A string body is UTF-8.
 * Bad metadata (method not an upper-case word, endpoint not starting with `/`, header values
 * not strings) throws `ValidationError` with code `bad_v4`.
 *
 * @example
 * ```ts
 * const bytes = encodeV4Request({ method: "GET", endpoint: "/room/some-room" });
 * new TextDecoder().decode(bytes); // 'l58:{"method":"GET","endpoint":"/room/some-room","headers":{}}e'
 * ```
 */
export function encodeV4Request(meta: V4RequestMeta, body?: Uint8Array | string): Uint8Array {
  const checked = requestMeta(meta);
  const parts: Uint8Array[] = [encoder.encode(JSON.stringify(checked))];
  if (body !== undefined) parts.push(bodyBytes(body));
  return encodeList(parts);
}

/**
 * Decodes a v4 request strictly (one or two strings, exact lengths, nothing after `e`, valid
 * metadata); anything else throws `ValidationError` with code `bad_v4`.
 *
 * @example
 * ```ts
 * const { meta, body } = decodeV4Request(encodeV4Request({ method: "POST", endpoint: "/x" }, "hi"));
 * meta.method; // "POST"
 * new TextDecoder().decode(body); // "hi"
 * ```
 */
export function decodeV4Request(bytes: Uint8Array): V4Request {
  const parts = decodeList(bytes);
  const meta = requestMeta(metaJson(parts[0]));
  return parts.length === 2 ? { meta, body: parts[1] } : { meta };
}

/**
 * Encodes a v4 response: always two strings, `{"code","headers"}` and the body.
 *
 * @example
 * ```ts
 * const bytes = encodeV4Response(
 *   { code: 200, headers: { "content-type": "application/json" } },
 *   '{"id": 123}',
 * );
 * ```
 */
export function encodeV4Response(meta: V4ResponseMeta, body: Uint8Array | string): Uint8Array {
  const checked = responseMeta(meta);
  return encodeList([encoder.encode(JSON.stringify(checked)), bodyBytes(body)]);
}

/**
 * Decodes a v4 response strictly. A body-less response (a one-element list, which some
 * servers send for errors) gives an empty body. Garbage throws `ValidationError` with code
 * `bad_v4`.
 *
 * @example
 * ```ts
 * const res = decodeV4Response(new TextEncoder().encode(
 *   'l58:{"code":200,"headers":{"content-type":"application/json"}}11:{"id": 123}e',
 * ));
 * res.code; // 200
 * ```
 */
export function decodeV4Response(bytes: Uint8Array): V4Response {
  const parts = decodeList(bytes);
  const meta = responseMeta(metaJson(parts[0]));
  return { code: meta.code, headers: meta.headers, body: parts[1] ?? new Uint8Array(0) };
}

/**
 * Reads a v4 response body by its `content-type` (looked up case-insensitively):
 * `application/json` (and `+json` types) → parsed JSON (`undefined` for an empty body),
 * `text/*` → string, anything else (or no type) → the raw bytes. Invalid JSON or UTF-8 throws
 * `ValidationError` with code `bad_v4`.
 *
 * @example
 * ```ts
 * const res = decodeV4Response(new TextEncoder().encode(
 *   'l58:{"code":200,"headers":{"content-type":"application/json"}}11:{"id": 123}e',
 * ));
 * readV4Body(res); // { id: 123 }
 * ```
 */
export function readV4Body(response: V4Response): unknown {
  let type = "";
  for (const [name, value] of Object.entries(response.headers)) {
    if (name.toLowerCase() === "content-type") type = value.split(";")[0].trim().toLowerCase();
  }
  const isJson = type === "application/json" || type.endsWith("+json");
  if (!isJson && !type.startsWith("text/")) return response.body;
  let text: string;
  try {
    text = strictDecoder.decode(response.body);
  } catch (cause) {
    throw bad(`${type} body is not valid UTF-8`, cause);
  }
  if (!isJson) return text;
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw bad(`${type} body does not parse as JSON`, cause);
  }
}

function bodyBytes(body: Uint8Array | string): Uint8Array {
  if (typeof body === "string") return encoder.encode(body);
  return assertBytes(body, undefined, "body");
}

function encodeList(parts: Uint8Array[]): Uint8Array {
  const prefixes = parts.map((part) => encoder.encode(`${part.length}:`));
  let total = 2;
  for (let i = 0; i < parts.length; i++) total += prefixes[i].length + parts[i].length;
  const out = new Uint8Array(total);
  out[0] = L;
  let offset = 1;
  for (let i = 0; i < parts.length; i++) {
    out.set(prefixes[i], offset);
    offset += prefixes[i].length;
    out.set(parts[i], offset);
    offset += parts[i].length;
  }
  out[offset] = E;
  return out;
}

/** Parses `l(<len>:<bytes>){1,2}e`, consuming every byte. */
function decodeList(bytes: Uint8Array): Uint8Array[] {
  assertBytes(bytes, undefined, "v4 plaintext");
  if (bytes.length < 2 || bytes[0] !== L) throw bad("does not start with a bencoded list 'l'");
  const parts: Uint8Array[] = [];
  let i = 1;
  while (i < bytes.length && bytes[i] !== E) {
    if (parts.length === 2) throw bad("more than two strings in the list");
    const start = i;
    let length = 0;
    while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39) {
      length = length * 10 + (bytes[i] - 0x30);
      i++;
      if (i - start > 10) throw bad("string length has too many digits");
    }
    if (i === start) throw bad(`expected a string length at byte ${start}`);
    if (bytes[start] === 0x30 && i - start > 1) throw bad("string length has a leading zero");
    if (i >= bytes.length || bytes[i] !== COLON) throw bad(`expected ':' at byte ${i}`);
    i++;
    if (length > bytes.length - i) {
      throw bad(`string of ${length} bytes runs past the end (${bytes.length - i} left)`);
    }
    parts.push(bytes.slice(i, i + length));
    i += length;
  }
  if (i !== bytes.length - 1) {
    throw bad(i >= bytes.length ? "list is not terminated by 'e'" : "bytes after the list end");
  }
  if (parts.length === 0) throw bad("empty list: the metadata string is missing");
  return parts;
}

function metaJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(strictDecoder.decode(bytes));
  } catch (cause) {
    throw bad("metadata is not valid UTF-8 JSON", cause);
  }
}

function headersOf(value: unknown, required: boolean): Record<string, string> | undefined {
  if (value === undefined && !required) return undefined;
  if (!isPlainObject(value)) throw bad('"headers" must be an object of strings');
  const out: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header !== "string") throw bad(`header "${name}" must be a string`);
    out[name] = header;
  }
  return out;
}

function requestMeta(meta: unknown): V4RequestMeta {
  if (!isPlainObject(meta)) throw bad("request metadata must be a JSON object");
  const { method, endpoint } = meta;
  if (typeof method !== "string" || !/^[A-Z]+$/.test(method)) {
    throw bad('"method" must be an upper-case HTTP method such as "GET"');
  }
  if (typeof endpoint !== "string" || !endpoint.startsWith("/")) {
    throw bad('"endpoint" must be a string starting with "/"');
  }
  return { method, endpoint, headers: headersOf(meta.headers, false) ?? {} };
}

function responseMeta(meta: unknown): V4ResponseMeta {
  if (!isPlainObject(meta)) throw bad("response metadata must be a JSON object");
  const { code } = meta;
  if (!Number.isInteger(code) || (code as number) < 100 || (code as number) > 999) {
    throw bad('"code" must be an HTTP status (integer 100..999)');
  }
  const headers = meta.headers === undefined ? {} : headersOf(meta.headers, true)!;
  return { code: code as number, headers };
}

function bad(detail: string, cause?: unknown): ValidationError {
  return new ValidationError(
    `Invalid v4 onion message: ${detail}`,
    "bad_v4",
    "v4",
    cause === undefined ? undefined : { cause },
  );
}
