/**
 * Sizes of libsession's deterministic `'S'` attachment format (extended.md §2.3): how much
 * padding a file gets and how large it is once encrypted, so that sizes leak little.
 *
 * @module
 */
import { assertLength } from "./limits.ts";
import { SECRETSTREAM_ABYTES } from "./secretstream.ts";

/** Plaintext bytes per secretstream chunk. */
export const DETERMINISTIC_CHUNK_SIZE = 32_768;
/** Bytes of one full encrypted chunk (chunk plus tag and MAC). */
const CHUNK_TOTAL = DETERMINISTIC_CHUNK_SIZE + SECRETSTREAM_ABYTES;
/** `'S'` plus the 24-byte secretstream header. */
export const DETERMINISTIC_PREFIX_SIZE = 25;
/**
 * Largest file libsession encrypts without `allow_large` (`MAX_REGULAR_SIZE`): it encrypts to
 * 10,223,616 bytes.
 */
export const MAX_DETERMINISTIC_BYTES = 10_218_286;

/**
 * Padding bytes (`P`, including the `0x01` marker) libsession's `encrypted_padding` adds in front
 * of a `dataSize`-byte file.
 *
 * @throws {RangeError} when `dataSize` is not a non-negative safe integer.
 *
 * @example
 * ```ts
 * deterministicPaddingSize(10); // 4044
 * ```
 */
export function deterministicPaddingSize(dataSize: number): number {
  assertLength(dataSize, "dataSize");
  const chunks = Math.ceil(dataSize / DETERMINISTIC_CHUNK_SIZE);
  const encSize = dataSize + DETERMINISTIC_PREFIX_SIZE + 1 + chunks * SECRETSTREAM_ABYTES;
  const factor = bitFloor(Math.max(encSize, 131_072)) / 32;
  let padding = Math.ceil(encSize / factor) * factor - encSize + 1;
  // Each full chunk of padding brings its own tag+MAC, and so does padding that spills past the
  // data's last chunk: count those as part of the padding.
  let implicit = Math.floor(padding / CHUNK_TOTAL) * SECRETSTREAM_ABYTES;
  if (padding % CHUNK_TOTAL > chunks * DETERMINISTIC_CHUNK_SIZE - dataSize) {
    implicit += SECRETSTREAM_ABYTES;
  }
  padding -= implicit;
  return padding;
}

/**
 * Total encrypted size of a `dataSize`-byte file in the deterministic format:
 * `1 + 24 + N + P + 17 · ceil((N + P) / 32768)`.
 *
 * @throws {RangeError} when `dataSize` is not a non-negative safe integer.
 *
 * @example
 * ```ts
 * deterministicEncryptedSize(33_333); // 36864
 * ```
 */
export function deterministicEncryptedSize(dataSize: number): number {
  const stream = dataSize + deterministicPaddingSize(dataSize);
  const chunks = Math.ceil(stream / DETERMINISTIC_CHUNK_SIZE);
  return DETERMINISTIC_PREFIX_SIZE + stream + chunks * SECRETSTREAM_ABYTES;
}

function bitFloor(value: number): number {
  let power = 1;
  while (power * 2 <= value) power *= 2;
  return power;
}
