/**
 * The word filter: banned words and phrases matched as whole words, ignoring case and Unicode
 * width forms (NFKC), with `*` as a word-ending wildcard (`spam*` matches `spammer`), or your
 * own regular expressions.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";

/** A banned word or phrase (`*` at the end: any word ending), or a regular expression. */
export type BannedWord = string | RegExp;

/** Word characters in any script: a match must not be glued to one of these. */
const WORD_CHAR = "[\\p{L}\\p{N}_]";

/**
 * Compiles `words` into a matcher that returns the first banned entry found in a text, or
 * `undefined`. Throws a `ValidationError` naming the bad entry.
 *
 * @example
 * ```ts
 * import { createWordFilter } from "./words.ts";
 *
 * const banned = createWordFilter(["spam*", "buy now", /\bfree\s+money\b/i]);
 * banned("Great SPAMMERS here"); // "spam*"
 * banned("please buy   now!"); // "buy now"
 * banned("antispam tools"); // undefined: not a whole word
 * ```
 */
export function createWordFilter(
  words: readonly BannedWord[],
): (text: string) => string | undefined {
  const plain: { entry: string; re: RegExp }[] = [];
  const custom: { entry: string; re: RegExp }[] = [];
  words.forEach((word, index) => {
    if (word instanceof RegExp) {
      // A copy without g/y: `test` must not carry lastIndex from one text to the next.
      custom.push({
        entry: String(word),
        re: new RegExp(word.source, word.flags.replace(/[gy]/g, "")),
      });
      return;
    }
    plain.push({ entry: word, re: compileWord(word, index) });
  });
  return function bannedWordIn(text: string): string | undefined {
    if (typeof text !== "string" || text === "") return undefined;
    const normalized = text.normalize("NFKC");
    for (const { entry, re } of plain) if (re.test(normalized)) return entry;
    for (const { entry, re } of custom) if (re.test(normalized)) return entry;
    return undefined;
  };
}

function compileWord(word: unknown, index: number): RegExp {
  const trimmed = typeof word === "string" ? word.normalize("NFKC").trim() : "";
  const core = trimmed.replace(/\*$/, "");
  if (core === "" || core.includes("*")) {
    throw new ValidationError(
      `moderation: words[${index}] ${JSON.stringify(word)} is not a usable word: give a word or ` +
        `phrase, optionally ending in * (e.g. "spam*"), or a RegExp`,
      "invalid_word",
      `words.${index}`,
    );
  }
  const body = core.split(/\s+/).map(escape).join("\\s+");
  const tail = trimmed.endsWith("*") ? `${WORD_CHAR}*` : "";
  return new RegExp(`(?<!${WORD_CHAR})${body}${tail}(?!${WORD_CHAR})`, "iu");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
