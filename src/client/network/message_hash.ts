/**
 * The hash a node assigns to a stored message (core §4.7), computed locally so a store's
 * result can be checked and a retried store recognised as the same message.
 *
 * @module
 */
import { concatBytes, fromHex, toBase64, utf8 } from "../../core/bytes.ts";
import { blake2b } from "../../crypto/hash.ts";
import { checkPubkey } from "./validate.ts";

/**
 * `base64_unpadded(BLAKE2b-256(prefix ‖ pubkey32 ‖ ns ‖ data))`, `ns` empty for namespace 0.
 *
 * @example
 * ```ts
 * messageHash("05" + "11".repeat(32), 0, new TextEncoder().encode("hello")).length; // 43
 * ```
 */
export function messageHash(pubkey: string, namespace: number, data: Uint8Array): string {
  const ns = namespace === 0 ? "" : String(namespace);
  const digest = blake2b(concatBytes(fromHex(checkPubkey(pubkey)), utf8(ns), data), { dkLen: 32 });
  return toBase64(digest).replace(/=+$/, "");
}
