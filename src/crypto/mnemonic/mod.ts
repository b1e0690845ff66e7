/**
 * Session recovery phrases ("recovery passwords"): the 1626-word English list with a CRC-32
 * checksum word. A Session account seed is 16 bytes ↔ 13 words.
 *
 * @example
 * ```ts
 * import { decodeMnemonic, encodeMnemonic } from "./mod.ts";
 * const seed = crypto.getRandomValues(new Uint8Array(16));
 * const phrase = encodeMnemonic(seed); // 13 words
 * decodeMnemonic(phrase); // equal to seed
 * ```
 *
 * @module
 */
export { encodeMnemonic } from "./encode.ts";
export { decodeMnemonic } from "./decode.ts";
export { ENGLISH_WORDS, PREFIX_LENGTH, WORD_COUNT } from "./wordlist.ts";
