/**
 * Deno KV's byte encoding of keys (the ordered tuple encoding of its SQLite backend), so a key
 * from `kv.list()` can be found in the store file's `kv` table.
 *
 * | part | encoding |
 * |---|---|
 * | `Uint8Array` | `0x01`, bytes with `0x00` → `0x00 0xFF`, `0x00` |
 * | `string` | `0x02`, UTF-8 escaped the same way, `0x00` |
 * | `bigint` | `0x14` ± byte length, then big-endian bytes (ones' complement when negative); over 8 bytes `0x1D`/`0x0B` and a length byte |
 * | `number` | `0x21`, IEEE 754 big-endian, sign bit flipped (all bits when negative) |
 * | `false` / `true` | `0x26` / `0x27` |
 *
 * @module
 */

const encoder = new TextEncoder();

/**
 * The bytes Deno KV stores `key` under.
 *
 * @example
 * ```ts
 * import { encodeKvKey } from "./key_codec.ts";
 * console.log(encodeKvKey(["a", true])); // Uint8Array [2, 97, 0, 39]
 * ```
 */
export function encodeKvKey(key: Deno.KvKey): Uint8Array {
  const out: number[] = [];
  for (const part of key) {
    if (part instanceof Uint8Array) escaped(out, 0x01, part);
    else if (typeof part === "string") escaped(out, 0x02, encoder.encode(part));
    else if (typeof part === "bigint") bigint(out, part);
    else if (typeof part === "number") number(out, part);
    else if (typeof part === "boolean") out.push(part ? 0x27 : 0x26);
    else throw new TypeError(`unsupported key part ${String(part)}`);
  }
  return new Uint8Array(out);
}

function escaped(out: number[], tag: number, bytes: Uint8Array): void {
  out.push(tag);
  for (const b of bytes) b === 0 ? out.push(0x00, 0xff) : out.push(b);
  out.push(0x00);
}

function bigint(out: number[], n: bigint): void {
  if (n === 0n) return void out.push(0x14);
  const negative = n < 0n;
  let hex = (negative ? -n : n).toString(16);
  if (hex.length % 2) hex = "0" + hex;
  const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
  const body = negative ? bytes.map((b) => b ^ 0xff) : bytes;
  if (bytes.length <= 8) {
    out.push(negative ? 0x14 - bytes.length : 0x14 + bytes.length, ...body);
  } else {
    out.push(negative ? 0x0b : 0x1d, negative ? bytes.length ^ 0xff : bytes.length, ...body);
  }
}

function number(out: number[], n: number): void {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  const bytes = new Uint8Array(view.buffer);
  if (bytes[0] & 0x80) bytes.forEach((b, i) => bytes[i] = b ^ 0xff);
  else bytes[0] ^= 0x80;
  out.push(0x21, ...bytes);
}
