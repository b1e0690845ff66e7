/**
 * The zero padding desktop adds to attachments before legacy encryption (`addAttachmentPadding`):
 * sizes grow in 5 % steps, at least 541 bytes.
 *
 * @module
 */
import { assertLength, MAX_ATTACHMENT_BYTES } from "./limits.ts";

/** Smallest padded attachment size. */
const MIN_PADDED = 541;

/**
 * The padded length of a `plaintextLength`-byte attachment:
 * `max(541, floor(1.05 ^ ceil(ln(len) / ln(1.05))))`, computed in IEEE doubles as desktop does,
 * capped at {@link MAX_ATTACHMENT_BYTES} when the plaintext itself fits under it.
 *
 * @throws {RangeError} when `plaintextLength` is not a non-negative safe integer.
 *
 * @example
 * ```ts
 * legacyPaddedSize(542); // 568
 * ```
 */
export function legacyPaddedSize(plaintextLength: number): number {
  assertLength(plaintextLength, "plaintextLength");
  // ln(0) = -Infinity gives 1.05^-Infinity = 0, so the minimum applies, as in desktop.
  const steps = Math.ceil(Math.log(plaintextLength) / Math.log(1.05));
  // Never shorter than the input (guards against a rounding edge where desktop would throw).
  const padded = Math.max(MIN_PADDED, plaintextLength, Math.floor(Math.pow(1.05, steps)));
  if (padded > MAX_ATTACHMENT_BYTES && plaintextLength <= MAX_ATTACHMENT_BYTES) {
    return MAX_ATTACHMENT_BYTES;
  }
  return padded;
}
