/**
 * Property-style safety net for the schema-table codec: for random views of every message type
 * (fixed seeds), its bytes equal protobuf-es's `toBinary(create(...))` (through the reference
 * copy of the previous codec), and decoding those bytes (and corrupted, duplicated, truncated,
 * extended variants of them) gives the same view or the same ValidationError as before.
 */
import assert from "node:assert/strict";
import { concatBytes, toHex } from "../../src/core/bytes.ts";
import { decodeMessage, encodeMessage } from "../../src/proto/codec.ts";
import * as reference from "./_reference/codec.ts";
import {
  allMessages,
  assertSameDecode,
  assertSameEncode,
  canonical,
  Dice,
  randomView,
  seededRandom,
} from "./_differential.ts";
import { len, rawTag, varint } from "./_helpers.ts";

const MESSAGES = allMessages();
const VIEWS_PER_MESSAGE = 60;

Deno.test("every message type has a table entry to test", () => {
  assert.ok(MESSAGES.length >= 30);
  for (const { desc, schema } of MESSAGES) assert.equal(schema?.typeName, desc.typeName);
});

for (const { desc, schema } of MESSAGES) {
  Deno.test(`${desc.typeName}: random views encode to protobuf-es's bytes and decode back`, () => {
    const dice = new Dice(seededRandom(0x5e55_1000 + desc.typeName.length * 7919));
    for (let i = 0; i < VIEWS_PER_MESSAGE; i++) {
      const view = randomView(desc, dice);
      const bytes = encodeMessage(schema, view, "root");
      const expected = reference.encodeMessage(desc, view, "root");
      assert.equal(toHex(bytes), toHex(expected), `view ${i}: ${canonical(view)}`);

      const decoded = decodeMessage(schema, bytes, "root");
      assert.equal(
        canonical(decoded),
        canonical(reference.decodeMessage(desc, bytes, "root")),
        `view ${i}: decoding ${toHex(bytes)}`,
      );
      // A decoded view re-encodes to the same bytes.
      assert.equal(toHex(encodeMessage(schema, decoded, "root")), toHex(bytes), `view ${i}`);
    }
  });

  Deno.test(`${desc.typeName}: corrupted and combined bytes decode as before`, () => {
    const dice = new Dice(seededRandom(0xbad_0000 + desc.typeName.length * 104729));
    for (let i = 0; i < VIEWS_PER_MESSAGE; i++) {
      const bytes = encodeMessage(schema, randomView(desc, dice), "root");
      const other = encodeMessage(schema, randomView(desc, dice), "root");
      const variants: [string, Uint8Array][] = [
        // Repeated occurrences: scalars last-one-wins, messages merge, lists append.
        ["doubled", concatBytes(bytes, bytes)],
        ["concatenated", concatBytes(bytes, other)],
        ["truncated", bytes.subarray(0, dice.int(bytes.length + 1))],
        ["unknown field", concatBytes(bytes, unknownField(dice))],
        ["unknown field first", concatBytes(unknownField(dice), bytes)],
      ];
      for (let flips = 0; flips < 4 && bytes.length > 0; flips++) {
        const copy = bytes.slice();
        const at = dice.int(copy.length);
        copy[at] = dice.chance(0.5) ? copy[at] ^ (1 << dice.int(8)) : dice.int(256);
        variants.push([`byte ${at} changed`, copy]);
      }
      const at = dice.int(bytes.length + 1);
      variants.push([
        `bytes inserted at ${at}`,
        concatBytes(bytes.subarray(0, at), dice.bytes(1 + dice.int(3)), bytes.subarray(at)),
      ]);
      for (const [what, variant] of variants) {
        assertSameDecode(desc, schema, variant, `view ${i}, ${what}`);
      }
    }
  });

  Deno.test(`${desc.typeName}: invalid views are refused with the same errors`, () => {
    const dice = new Dice(seededRandom(0xe1_0000 + desc.typeName.length * 31337));
    for (let i = 0; i < VIEWS_PER_MESSAGE; i++) {
      const view = randomView(desc, dice);
      const broken = structuredClone(view);
      breakSomething(broken, dice);
      assertSameEncode(desc, schema, broken, `view ${i}: ${canonical(broken)}`);
    }
  });
}

/** An unknown field (number 50–60, absent from every message) with a random wire type. */
function unknownField(dice: Dice): Uint8Array {
  const no = 50 + dice.int(10);
  switch (dice.int(5)) {
    case 0:
      return concatBytes(rawTag(no, 0), varint(dice.int(2 ** 40)));
    case 1:
      return concatBytes(rawTag(no, 1), dice.bytes(8));
    case 2:
      return len(no, dice.bytes(dice.int(20)));
    case 3:
      return concatBytes(rawTag(no, 3), rawTag(no + 1, 0), varint(5), rawTag(no, 4));
    default:
      return concatBytes(rawTag(no, 5), dice.bytes(4));
  }
}

const WRONG_VALUES: unknown[] = [
  null,
  "text",
  "-1",
  "18446744073709551616",
  1.5,
  -1,
  2 ** 32,
  2 ** 53,
  -(2 ** 63),
  NaN,
  {},
  [],
  [1],
  new Uint8Array(1),
  true,
  10n,
  undefined,
  new Date(0),
];

/** Replaces, removes or adds one property somewhere in `view` (which may stay valid). */
function breakSomething(view: Record<string, unknown>, dice: Dice): void {
  // Walk down a random chain of nested objects.
  let target: Record<string, unknown> = view;
  for (let depth = 0; depth < 4; depth++) {
    const nested = Object.values(target).flatMap((v) => Array.isArray(v) ? v : [v]).filter((
      v,
    ): v is Record<string, unknown> =>
      typeof v === "object" && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v)
    );
    if (nested.length === 0 || dice.chance(0.3)) break;
    target = dice.pick(nested);
  }
  const keys = Object.keys(target);
  if (keys.length === 0 || dice.chance(0.1)) {
    target[dice.pick(["bogus", "Body", "__proto__x", "toString"])] = 1;
    return;
  }
  const key = dice.pick(keys);
  const current = target[key];
  if (Array.isArray(current) && current.length > 0 && dice.chance(0.5)) {
    current[dice.int(current.length)] = dice.pick(WRONG_VALUES);
  } else if (dice.chance(0.15)) {
    delete target[key];
  } else {
    target[key] = dice.pick(WRONG_VALUES);
  }
}
