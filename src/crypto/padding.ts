/**
 * Plaintext padding of a serialized Content: one 0x80 byte, then zeros. Two lengths exist in the
 * wild; we send libsession's (what current Session apps send) and accept both.
 *
 * @module
 */
import { assertBytes } from "../core/bytes.ts";

/** Padding block size shared by both schemes. */
const BLOCK = 160;

/**
 * `"libsession"`: a multiple of 160 bytes (a whole extra block when already aligned);
 * `"legacy"`: 160·k − 1 bytes, as desktop up to 2024 and session.js pad.
 */
export type PaddingScheme = "libsession" | "legacy";

/**
 * Pads `plaintext` with 0x80 then zeros.
 *
 * @example
 * ```ts
 * padMessage(new Uint8Array(5)).length; // 160
 * padMessage(new Uint8Array(5), "legacy").length; // 159
 * ```
 */
export function padMessage(
  plaintext: Uint8Array,
  scheme: PaddingScheme = "libsession",
): Uint8Array {
  assertBytes(plaintext, undefined, "plaintext");
  let total: number;
  if (scheme === "libsession") {
    const withMarker = plaintext.length + 1;
    total = withMarker + (BLOCK - (withMarker % BLOCK));
  } else if (scheme === "legacy") {
    total = Math.ceil((plaintext.length + 2) / BLOCK) * BLOCK - 1;
  } else {
    throw new TypeError(`unknown padding scheme ${String(scheme)}`);
  }
  const out = new Uint8Array(total);
  out.set(plaintext);
  out[plaintext.length] = 0x80;
  return out;
}

/**
 * Removes either padding: trailing zeros, then one 0x80. Input without the marker is returned
 * unchanged (old clients sent unpadded content), as both reference clients do.
 *
 * @example
 * ```ts
 * import { padMessage, unpadMessage } from "./padding.ts";
 *
 * unpadMessage(padMessage(new Uint8Array([1, 2, 3]))); // Uint8Array [1, 2, 3]
 * unpadMessage(new Uint8Array([1, 2, 3])); // unchanged: no 0x80 marker
 * ```
 */
export function unpadMessage(padded: Uint8Array): Uint8Array {
  assertBytes(padded, undefined, "padded");
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end >= 0 && padded[end] === 0x80) return padded.subarray(0, end);
  return padded;
}
