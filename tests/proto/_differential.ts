/**
 * Helpers for the differential tests: a seeded generator of random views for any message of
 * session.proto (driven by protobuf-es's descriptors, independently of the runtime table), and
 * the comparison of the schema-table codec with the protobuf-es reference codec it replaced.
 */
import assert from "node:assert/strict";
import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import { toHex } from "../../src/core/bytes.ts";
import { ValidationError } from "../../src/core/errors.ts";
import { decodeMessage, encodeMessage } from "../../src/proto/codec.ts";
import * as G from "../../src/proto/gen/session_pb.ts";
import * as S from "../../src/proto/gen/schema.ts";
import type { MessageSchema } from "../../src/proto/schema.ts";
import * as reference from "./_reference/codec.ts";

/** A seeded PRNG (mulberry32): floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random helpers over one PRNG. */
export class Dice {
  constructor(readonly next: () => number) {}
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(256));
  }
}

/** Every message of session.proto with its runtime table entry, nested ones included. */
export function allMessages(): { desc: DescMessage; schema: MessageSchema }[] {
  const out: { desc: DescMessage; schema: MessageSchema }[] = [];
  const table = S as unknown as Record<string, MessageSchema>;
  const walk = (desc: DescMessage) => {
    const name = desc.typeName.replace(/^SessionProtos\./, "").replaceAll(".", "_");
    out.push({ desc, schema: table[`${name}Schema`] });
    desc.nestedMessages.forEach(walk);
  };
  G.file_session.messages.forEach(walk);
  return out;
}

const ASTRAL = [0x1f44d, 0x1f3fd, 0x1f600, 0x10ffff, 0x1d11e];
const STRINGS = [
  "",
  "a",
  "hello, world",
  "x".repeat(32),
  "x".repeat(33),
  "x".repeat(127),
  "x".repeat(128),
  "y".repeat(300),
  "é",
  "日本語のテキスト",
  "👍🏽 family: 👨‍👩‍👧‍👦",
  "🙂".repeat(40),
  "a\u0000b",
  "\uFEFFleading BOM",
  "combining e\u0301 and RTL \u05e9\u05dc\u05d5\u05dd",
  "lone \uD800 surrogate", // the writer encodes it as U+FFFD, like protobuf-es
  "05" + "ab".repeat(32),
];

/** A random Unicode string (BMP and astral code points, no lone surrogates). */
function randomText(dice: Dice): string {
  const length = dice.pick([1, 5, 40, 200]);
  let text = "";
  for (let i = 0; i < length; i++) {
    const r = dice.int(4);
    const cp = r === 0
      ? 0x20 + dice.int(0x5f)
      : r === 1
      ? 0xa0 + dice.int(0xd000)
      : r === 2
      ? 0xe000 + dice.int(0x1ff0)
      : dice.pick(ASTRAL);
    text += String.fromCodePoint(cp);
  }
  return text;
}

const UINT32 = [0, 1, 127, 128, 255, 16383, 16384, 2 ** 21, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
const UINT64 = [0, 1, 127, 128, 2 ** 32 - 1, 2 ** 32, 1700000000000, 2 ** 53 - 1];
const INT64 = [0, 1, -1, -128, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1), 1700000000000];
const UINT64_STRINGS = [
  "0",
  "1",
  "4294967296",
  "9223372036854775807",
  "9223372036854775808",
  "18446744073709551615",
  "007", // not canonical; encodes as 7
  "-0", // encodes as 0
];

function randomScalar(field: DescField, dice: Dice): unknown {
  const scalar = field.scalar!;
  const longAsString = (field as unknown as { longAsString?: boolean }).longAsString ?? false;
  switch (scalar) {
    case ScalarType.STRING:
      return dice.chance(0.7) ? dice.pick(STRINGS) : randomText(dice);
    case ScalarType.BYTES:
      return dice.bytes(dice.pick([0, 1, 2, 32, 33, 64, 127, 128, 300]));
    case ScalarType.BOOL:
      return dice.chance(0.5);
    case ScalarType.UINT32:
      return dice.chance(0.7) ? dice.pick(UINT32) : dice.int(2 ** 32);
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      if (longAsString) {
        return dice.chance(0.6)
          ? dice.pick(UINT64_STRINGS)
          : BigInt.asUintN(64, BigInt(dice.int(2 ** 32)) << BigInt(dice.int(33))).toString();
      }
      return dice.chance(0.6) ? dice.pick(UINT64) : dice.int(2 ** 53);
    case ScalarType.INT64:
      return dice.chance(0.6) ? dice.pick(INT64) : dice.int(2 ** 53) * (dice.chance(0.5) ? 1 : -1);
    default:
      throw new Error(
        `${field.parent.typeName}.${field.name}: no generator for scalar type ${scalar}; ` +
          `extend _differential.ts`,
      );
  }
}

function randomItem(field: DescField, dice: Dice, depth: number): unknown {
  if (field.message !== undefined) return randomView(field.message, dice, depth + 1);
  if (field.enum !== undefined) return dice.pick(field.enum.values).number;
  return randomScalar(field, dice);
}

/**
 * A random valid view of `desc`: required fields always, optional ones half of the time
 * (sometimes as an explicit `undefined`), repeated ones empty, absent or with 1–4 items, keys
 * in random order. Nesting stops adding optional messages below `maxDepth`.
 */
export function randomView(
  desc: DescMessage,
  dice: Dice,
  depth = 0,
  maxDepth = 4,
): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  const fields = [...desc.fields];
  if (dice.chance(0.5)) fields.reverse();
  for (const field of fields) {
    const required = field.presence === 3;
    if (field.message !== undefined && !required && depth >= maxDepth) continue;
    if (field.fieldKind === "list") {
      const r = dice.next();
      if (r < 0.35) continue;
      view[field.localName] = r < 0.45
        ? []
        : Array.from({ length: 1 + dice.int(4) }, () => randomItem(field, dice, depth));
      continue;
    }
    if (!required && dice.chance(0.45)) {
      if (dice.chance(0.2)) view[field.localName] = undefined;
      continue;
    }
    view[field.localName] = randomItem(field, dice, depth);
  }
  return view;
}

/** A string that tells two views apart, key order included. */
export function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return `bytes(${toHex(value)})`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`);
    return `{${entries.join(",")}}`;
  }
  if (typeof value === "string") return JSON.stringify(value);
  return `${typeof value}:${String(value)}`;
}

/** What a call did: its canonical result, or its ValidationError's code, field and message. */
export function outcome(fn: () => unknown): string {
  try {
    return `ok ${canonical(fn())}`;
  } catch (e) {
    if (!(e instanceof ValidationError)) {
      throw new Error(`not a ValidationError: ${e}`, { cause: e });
    }
    return `error ${e.code} ${e.field} ${e.message}`;
  }
}

/** Decoding `bytes` ends the same way with both codecs (same view, or same error). */
export function assertSameDecode(
  desc: DescMessage,
  schema: MessageSchema,
  bytes: Uint8Array,
  what: string,
): string {
  const ours = outcome(() => decodeMessage(schema, bytes, "root"));
  const theirs = outcome(() => reference.decodeMessage(desc, bytes, "root"));
  assert.equal(ours, theirs, `${what}: decoding ${toHex(bytes)} as ${desc.typeName}`);
  return ours;
}

/** Encoding `view` ends the same way with both codecs (same bytes, or same error). */
export function assertSameEncode(
  desc: DescMessage,
  schema: MessageSchema,
  view: unknown,
  what: string,
): string {
  const ours = outcome(() => encodeMessage(schema, view, "root"));
  const theirs = outcome(() => reference.encodeMessage(desc, view, "root"));
  assert.equal(ours, theirs, `${what}: encoding a ${desc.typeName}`);
  return ours;
}
