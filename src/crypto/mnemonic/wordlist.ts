/**
 * The 1626-word English recovery-phrase list and its 3-letter-prefix lookup.
 * Source and licence of the list: see `README.md` in this folder.
 *
 * @module
 */
import words from "./english.json" with { type: "json" };

/** Number of words in the list; also the base of the phrase encoding. */
export const WORD_COUNT = 1626;

/** Words are identified by this many leading letters, so typos after them are tolerated. */
export const PREFIX_LENGTH = 3;

/** The English word list, in encoding order (`abbey` = 0 … `zoom` = 1625). */
export const ENGLISH_WORDS: readonly string[] = Object.freeze([...words]);

const PREFIX_TO_INDEX: ReadonlyMap<string, number> = buildPrefixIndex(ENGLISH_WORDS);

// Checked at load so a damaged english.json fails loudly instead of producing wrong phrases.
function buildPrefixIndex(list: readonly string[]): Map<string, number> {
  if (list.length !== WORD_COUNT) {
    throw new Error(`english.json must hold ${WORD_COUNT} words, found ${list.length}`);
  }
  const index = new Map<string, number>();
  list.forEach((word, i) => index.set(word.slice(0, PREFIX_LENGTH), i));
  if (index.size !== WORD_COUNT) throw new Error("english.json has duplicate 3-letter prefixes");
  return index;
}

/**
 * Index of `word` in the list, matched on its first 3 letters, or `undefined` when no word has
 * that prefix. Expects already-normalised (lowercase NFC) input; shorter words never match.
 *
 * @example
 * ```ts
 * import { wordIndex } from "./wordlist.ts";
 * wordIndex("puffin"); // 1169
 * wordIndex("puf"); // 1169 too
 * ```
 */
export function wordIndex(word: string): number | undefined {
  if (word.length < PREFIX_LENGTH) return undefined;
  return PREFIX_TO_INDEX.get(word.slice(0, PREFIX_LENGTH));
}
