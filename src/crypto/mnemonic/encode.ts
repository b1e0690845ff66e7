/**
 * Seed → recovery phrase.
 *
 * @module
 */
import { assertBytes } from "../../core/bytes.ts";
import { checksumPosition } from "./checksum.ts";
import { ENGLISH_WORDS, WORD_COUNT } from "./wordlist.ts";

/** Seed lengths that have a phrase form, and whether that form ends in a checksum word. */
const CHECKSUMMED: ReadonlyMap<number, boolean> = new Map([[16, true], [32, true], [64, false]]);

/**
 * Encodes a seed as a recovery phrase: 16 bytes → 13 words (the Session account seed),
 * 32 bytes → 25 words, 64 bytes → 48 words without checksum (libsession's long form).
 * Each 4-byte little-endian group becomes 3 words; the last word repeats one of the others as a
 * checksum.
 *
 * @throws {TypeError} when `seed` is not a `Uint8Array`.
 * @throws {RangeError} for any other length.
 *
 * @example
 * ```ts
 * import { encodeMnemonic } from "./mod.ts";
 * encodeMnemonic(new Uint8Array(16)); // "abbey abbey … abbey" (13 words)
 * ```
 */
export function encodeMnemonic(seed: Uint8Array): string {
  assertBytes(seed, undefined, "seed");
  const withChecksum = CHECKSUMMED.get(seed.length);
  if (withChecksum === undefined) {
    throw new RangeError(`seed must be 16, 32 or 64 bytes, got ${seed.length}`);
  }
  const view = new DataView(seed.buffer, seed.byteOffset, seed.byteLength);
  const indices: number[] = [];
  for (let offset = 0; offset < seed.length; offset += 4) {
    const x = view.getUint32(offset, true);
    const w1 = x % WORD_COUNT;
    const q = Math.floor(x / WORD_COUNT);
    const w2 = (q + w1) % WORD_COUNT;
    const w3 = (Math.floor(q / WORD_COUNT) + w2) % WORD_COUNT;
    indices.push(w1, w2, w3);
  }
  if (withChecksum) indices.push(indices[checksumPosition(indices)]);
  return indices.map((i) => ENGLISH_WORDS[i]).join(" ");
}
