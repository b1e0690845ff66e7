/**
 * The checksum word rule shared by encoding and decoding.
 *
 * @module
 */
import { utf8 } from "../../core/bytes.ts";
import { crc32 } from "./crc32.ts";
import { ENGLISH_WORDS, PREFIX_LENGTH } from "./wordlist.ts";

/**
 * Position (0-based, among the data words) of the word whose copy is appended as checksum:
 * CRC-32 of the data words' 3-letter prefixes, concatenated, modulo the number of data words.
 * Prefixes (not whole words) go in, so a typo after the third letter cannot break the check.
 *
 * @example
 * ```ts
 * import { checksumPosition } from "./checksum.ts";
 * checksumPosition(new Array(12).fill(0)); // position of the checksum word among 12 "abbey"s
 * ```
 */
export function checksumPosition(indices: readonly number[]): number {
  if (indices.length === 0) throw new RangeError("a checksum needs at least one word");
  const prefixes = indices.map((i) => ENGLISH_WORDS[i].slice(0, PREFIX_LENGTH)).join("");
  return crc32(utf8(prefixes)) % indices.length;
}
