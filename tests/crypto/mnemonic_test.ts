import assert from "node:assert/strict";
import { assertValidation } from "../assertions.ts";
import { sha256 } from "@noble/hashes/sha2.js";
import { fromHex, randomBytes, toHex, utf8 } from "../../src/core/bytes.ts";
import {
  decodeMnemonic,
  encodeMnemonic,
  ENGLISH_WORDS,
  WORD_COUNT,
} from "../../src/crypto/mnemonic/mod.ts";
import { checksumPosition } from "../../src/crypto/mnemonic/checksum.ts";
import { crc32 } from "../../src/crypto/mnemonic/crc32.ts";

const VECTORS = new URL("../../../shared/vectors/", import.meta.url);
const identity = JSON.parse(await Deno.readTextFile(new URL("identity.json", VECTORS)));

interface SeedVector {
  id: string;
  seed_hex: string;
  mnemonic: string;
}
interface DecodeVector {
  id: string;
  mnemonic: string;
  expected_seed_hex?: string;
  expected_error?: string;
}

/** Asserts `fn` throws a mnemonic ValidationError with `code`, and returns its message. */
function rejects(fn: () => unknown, code: string): string {
  return assertValidation(fn, code, "mnemonic").message;
}

/** A phrase of 12 data words (by index) plus its correct checksum word. */
function phraseOf(indices: number[]): string {
  const all = [...indices, indices[checksumPosition(indices)]];
  return all.map((i) => ENGLISH_WORDS[i]).join(" ");
}

Deno.test("word list: 1626 words with the published SHA-256", async () => {
  assert.equal(ENGLISH_WORDS.length, WORD_COUNT);
  const digest = toHex(sha256(utf8(ENGLISH_WORDS.join("\n"))));
  assert.equal(digest, "998df55cb16d2318130c5cf7e9d4408247c8c4674935ee6e07d53f2f00ccf19b");
  const text = await Deno.readTextFile(new URL("mnemonic-english.txt", VECTORS));
  assert.deepEqual(text.trim().split("\n"), [...ENGLISH_WORDS]);
  assert.ok(Object.isFrozen(ENGLISH_WORDS));
});

Deno.test("crc32: standard IEEE check value", () => {
  assert.equal(crc32(utf8("123456789")), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

Deno.test("identity vectors: seed -> phrase and phrase -> seed", () => {
  const vectors: SeedVector[] = identity.vectors;
  assert.ok(vectors.length >= 6);
  for (const v of vectors) {
    assert.equal(encodeMnemonic(fromHex(v.seed_hex)), v.mnemonic, v.id);
    assert.equal(toHex(decodeMnemonic(v.mnemonic)), v.seed_hex, v.id);
  }
});

Deno.test("mnemonic_decode_vectors: prefixes, typos and the error classes", () => {
  const vectors: DecodeVector[] = identity.mnemonic_decode_vectors;
  assert.ok(vectors.length >= 5);
  for (const v of vectors) {
    if (v.expected_seed_hex) {
      assert.equal(toHex(decodeMnemonic(v.mnemonic)), v.expected_seed_hex, v.id);
    } else {
      rejects(() => decodeMnemonic(v.mnemonic), v.expected_error!);
    }
  }
});

Deno.test("mnemonic_long_vectors: 25 words (32 bytes) and 48 words (64 bytes)", () => {
  const vectors: (SeedVector & { word_count: number })[] = identity.mnemonic_long_vectors;
  assert.equal(vectors.length, 2);
  for (const v of vectors) {
    const phrase = encodeMnemonic(fromHex(v.seed_hex));
    assert.equal(phrase, v.mnemonic, v.id);
    assert.equal(phrase.split(" ").length, v.word_count);
    assert.equal(toHex(decodeMnemonic(v.mnemonic)), v.seed_hex, v.id);
  }
});

Deno.test("round trip: random 16-, 32- and 64-byte seeds", () => {
  for (let i = 0; i < 300; i++) {
    const seed = randomBytes([16, 32, 64][i % 3]);
    const phrase = encodeMnemonic(seed);
    assert.equal(phrase.split(" ").length, [13, 25, 48][i % 3]);
    assert.deepEqual(decodeMnemonic(phrase), seed);
  }
  // Extremes of each 4-byte group.
  for (const fill of [0x00, 0xff, 0x80, 0x7f]) {
    const seed = new Uint8Array(16).fill(fill);
    assert.deepEqual(decodeMnemonic(encodeMnemonic(seed)), seed);
  }
});

Deno.test("encode: reads a subarray at its own offset", () => {
  const buffer = fromHex("ff39038c8988db02c1af44e8c847bd9713ff");
  assert.equal(
    encodeMnemonic(buffer.subarray(1, 17)),
    "puffin luxury annoyed rustled memoir faxed smidgen puddle kiwi nylon utopia zinger kiwi",
  );
});

Deno.test("decode: normalises case, whitespace and Unicode form", () => {
  const expected = "39038c8988db02c1af44e8c847bd9713";
  const messy = "  PUFFIN luxury\tAnnoyed\nrustled  memoir faxed smidgen puddle kiwi nylon " +
    "utopia zinger kiwi \r\n";
  assert.equal(toHex(decodeMnemonic(messy)), expected);
  // Decomposed (NFD) input is normalised back; a no-op for this ASCII list, but must not fail.
  const nfd = messy.normalize("NFD");
  assert.equal(toHex(decodeMnemonic(nfd)), expected);
  // Non-breaking and ideographic spaces count as whitespace.
  const words = messy.trim().split(/\s+/);
  assert.equal(toHex(decodeMnemonic(words.join("\u00a0\u3000"))), expected);
});

Deno.test("decode: wrong word counts", () => {
  const words = identity.vectors[0].mnemonic.split(" ");
  assert.match(rejects(() => decodeMnemonic(""), "wrong_length"), /13 words.*got 0/);
  assert.match(
    rejects(() => decodeMnemonic(words.slice(0, 12).join(" ")), "wrong_length"),
    /checksum/,
  );
  rejects(() => decodeMnemonic([...words, "kiwi"].join(" ")), "wrong_length");
  rejects(() => decodeMnemonic(words.slice(0, 11).join(" ")), "wrong_length");
  rejects(() => decodeMnemonic(Array(24).fill("abbey").join(" ")), "wrong_length");
  rejects(() => decodeMnemonic(Array(49).fill("abbey").join(" ")), "wrong_length");
});

Deno.test("decode: unknown words are named by position", () => {
  const words = identity.vectors[0].mnemonic.split(" ");
  const withTypo = words.with(4, "qqqmemoir").join(" ");
  const message = rejects(() => decodeMnemonic(withTypo), "unknown_word");
  assert.match(message, /word 5 "qqqmemoir" is not in the English word list/);
  // Fewer than 3 letters can never identify a word.
  rejects(() => decodeMnemonic(words.with(0, "pu").join(" ")), "unknown_word");
  // The checksum word is looked up too.
  const last = rejects(() => decodeMnemonic(words.with(12, "zzzzz").join(" ")), "unknown_word");
  assert.match(last, /word 13 "zzzzz"/);
});

Deno.test("decode: checksum mismatch", () => {
  const words = identity.vectors[0].mnemonic.split(" ");
  const message = rejects(
    () => decodeMnemonic(words.with(12, "abbey").join(" ")),
    "checksum_mismatch",
  );
  assert.match(message, /word 13/);
  // Swapping two data words keeps every word valid but breaks the checksum.
  const swapped = [words[1], words[0], ...words.slice(2)].join(" ");
  rejects(() => decodeMnemonic(swapped), "checksum_mismatch");
});

Deno.test("decode: a triplet above 2^32 is rejected, without echoing valid words", () => {
  // abbey abbey zoom = 0 + 1626·0 + 1626²·1625 = 4_296_328_500 > 0xFFFFFFFF.
  const zoom = WORD_COUNT - 1;
  assert.equal(ENGLISH_WORDS[zoom], "zoom");
  const phrase = phraseOf([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, zoom]);
  const message = rejects(() => decodeMnemonic(phrase), "invalid_triplet");
  assert.match(message, /words 10-12/);
  assert.doesNotMatch(message, /zoom|abbey/);
  // The same words in a valid order decode fine, so only the triplet rule fired above.
  assert.equal(decodeMnemonic(phraseOf([0, 0, 0, 0, 0, 0, 0, 0, 0, zoom, 0, 0])).length, 16);
});

Deno.test("input types and lengths", () => {
  assert.throws(() => decodeMnemonic(42 as unknown as string), TypeError);
  assert.throws(() => decodeMnemonic(null as unknown as string), TypeError);
  assert.throws(() => encodeMnemonic("00" as unknown as Uint8Array), TypeError);
  for (const length of [0, 15, 17, 31, 33, 48, 63, 65]) {
    assert.throws(() => encodeMnemonic(new Uint8Array(length)), RangeError, `length ${length}`);
  }
});
