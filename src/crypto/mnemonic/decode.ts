/**
 * Recovery phrase → seed, with errors a user can act on.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { checksumPosition } from "./checksum.ts";
import { WORD_COUNT, wordIndex } from "./wordlist.ts";

/** Accepted word counts: how many seed bytes they carry and whether the last word is a checksum. */
const SHAPES: ReadonlyMap<number, { bytes: number; checksum: boolean }> = new Map([
  [13, { bytes: 16, checksum: true }],
  [25, { bytes: 32, checksum: true }],
  [48, { bytes: 64, checksum: false }],
]);

const FIELD = "mnemonic";
const MAX_SHOWN = 32; // keeps a pasted paragraph from ending up whole in an error message

/**
 * Decodes a recovery phrase: 13 words → 16-byte seed (a Session account), 25 words → 32 bytes,
 * 48 words → 64 bytes. Input is trimmed, NFC-normalised and lowercased and split on any
 * whitespace; words match on their first 3 letters, so `puf` and `puffins` both mean `puffin`.
 *
 * Error messages name unknown words (they decode to nothing, so they reveal nothing) but only the
 * positions of valid words, which are part of the secret.
 *
 * @throws {TypeError} when `phrase` is not a string.
 * @throws {ValidationError} with `field: "mnemonic"` and `code` one of `wrong_length`,
 *   `unknown_word`, `invalid_triplet` or `checksum_mismatch`.
 *
 * @example
 * ```ts
 * import { decodeMnemonic } from "./mod.ts";
 * decodeMnemonic("abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey");
 * // → Uint8Array(16) of zeros
 * ```
 */
export function decodeMnemonic(phrase: string): Uint8Array {
  if (typeof phrase !== "string") {
    throw new TypeError(`mnemonic must be a string, got ${typeof phrase}`);
  }
  const words = phrase.trim().normalize("NFC").toLowerCase().split(/\s+/u).filter((w) => w);
  const shape = SHAPES.get(words.length);
  if (!shape) throw wrongLength(words.length);

  const indices = words.map((word, i) => {
    const index = wordIndex(word);
    if (index === undefined) {
      const shown = word.length > MAX_SHOWN ? `${word.slice(0, MAX_SHOWN)}…` : word;
      throw new ValidationError(
        `word ${i + 1} "${shown}" is not in the English word list; check its spelling ` +
          `(only the first 3 letters matter)`,
        "unknown_word",
        FIELD,
      );
    }
    return index;
  });
  const data = shape.checksum ? indices.slice(0, -1) : indices;

  const seed = new Uint8Array(shape.bytes);
  const view = new DataView(seed.buffer);
  for (let group = 0; group < data.length / 3; group++) {
    view.setUint32(group * 4, groupValue(data, group), true);
  }

  if (shape.checksum && data[checksumPosition(data)] !== indices[indices.length - 1]) {
    throw new ValidationError(
      `the last word (word ${words.length}) is a checksum and does not match the other words; ` +
        `a word is probably mistyped or two words are swapped: compare the phrase with your copy`,
      "checksum_mismatch",
      FIELD,
    );
  }
  return seed;
}

/** The 32-bit value of 3 words: the inverse of the encoder's `w1, w2, w3` steps. */
function groupValue(data: readonly number[], group: number): number {
  const n = WORD_COUNT;
  const [w1, w2, w3] = data.slice(group * 3, group * 3 + 3);
  // Below 2^53, so plain numbers are exact.
  const x = w1 + n * ((n - w1 + w2) % n) + n * n * ((n - w2 + w3) % n);
  if (x > 0xffffffff || x % n !== w1) {
    const first = group * 3 + 1;
    throw new ValidationError(
      `words ${first}-${first + 2} do not form a valid group (they decode to more than 32 ` +
        `bits); one of them is probably wrong: compare them with your copy of the phrase`,
      "invalid_triplet",
      FIELD,
    );
  }
  return x;
}

function wrongLength(count: number): ValidationError {
  const missingChecksum = count === 12 || count === 24;
  const message = missingChecksum
    ? `the phrase has ${count} words; the last (checksum) word, word ${count + 1}, is missing: ` +
      `copy the whole phrase`
    : `a recovery phrase has 13 words (25 for a 32-byte seed), got ${count}: ` +
      `copy the whole phrase, separating words with spaces`;
  return new ValidationError(message, "wrong_length", FIELD);
}
