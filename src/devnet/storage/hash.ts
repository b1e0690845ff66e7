/**
 * The hash a storage server assigns to a stored message (`computeMessageHash`, core.md §4.7).
 *
 * @module
 */
import { concatBytes, fromHex, isHex } from "../../core/mod.ts";
import { blake2b } from "../../crypto/hash.ts";
import { toBase64Unpadded } from "./encoding.ts";
import { namespacePart } from "./namespaces.ts";

const text = new TextEncoder();

/**
 * `base64_unpadded(BLAKE2b-256(prefix ‖ pubkey32 ‖ ns ‖ data))`, where `ns` is "" for namespace 0
 * and the decimal namespace otherwise. Always 43 characters.
 *
 * @example
 * ```ts
 * const hash = messageHash("05" + "11".repeat(32), 0, new TextEncoder().encode("hello storage"));
 * hash.length; // 43
 * ```
 */
export function messageHash(pubkeyHex66: string, namespace: number, data: Uint8Array): string {
  if (!isHex(pubkeyHex66, 33)) throw new TypeError("pubkey must be 66 hex characters");
  const digest = blake2b(
    concatBytes(fromHex(pubkeyHex66), text.encode(namespacePart(namespace)), data),
    { dkLen: 32 },
  );
  return toBase64Unpadded(digest);
}
