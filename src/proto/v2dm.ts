/**
 * Detection of the in-development "v2 DM" format (core.md §2.14), which a v1 receiver skips.
 *
 * @module
 */
import { assertBytes } from "../core/bytes.ts";

/** 0x00 0x02 ‖ key index (2) ‖ X25519 ephemeral (32) ‖ ML-KEM-768 ciphertext (1088) ‖ at
 * least a Poly1305 tag (16). */
const V2_DM_MIN_LENGTH = 2 + 2 + 32 + 1088 + 16;

/**
 * True when `bytes` look like a v2 DM: the `0x00 0x02` version prefix and at least
 * 2 + 2 + 32 + 1088 + 16 = 1140 bytes. Such payloads are stored without WebSocket/Envelope
 * wrapping, and no stored v1 message can start with `0x00` (field number 0 is invalid protobuf),
 * so the check cannot misfire on a v1 message.
 *
 * @throws {TypeError} when `bytes` is not a Uint8Array.
 *
 * @example
 * ```ts
 * import { detectV2Dm } from "./mod.ts";
 * const item = new Uint8Array(1200);
 * item[1] = 0x02;
 * detectV2Dm(item); // true
 * detectV2Dm(new Uint8Array([0x08, 0x01])); // false
 * ```
 */
export function detectV2Dm(bytes: Uint8Array): boolean {
  assertBytes(bytes, undefined, "bytes");
  return bytes.length >= V2_DM_MIN_LENGTH && bytes[0] === 0x00 && bytes[1] === 0x02;
}
