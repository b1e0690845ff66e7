/**
 * Decryption of a downloaded attachment as its pointer says: legacy (MAC, digest, AES-CBC,
 * truncation to size) or deterministic (secretstream, then the size check). Only typed errors.
 *
 * @module
 */
import { CryptoError, SessionBotError } from "../../core/errors.ts";
import { decryptAttachment, decryptDeterministicAttachment } from "../../crypto/attachments/mod.ts";
import type { PointerPlan } from "./pointer.ts";

/**
 * Decrypts `blob` per `plan`.
 *
 * @throws {CryptoError} `bad_mac`, `bad_digest`, `bad_size`, `decrypt_failed`, `unknown_format`.
 */
export function decryptPlanned(blob: Uint8Array, plan: PointerPlan): Uint8Array {
  try {
    if (!plan.deterministic) return decryptAttachment(blob, plan);
    const bytes = decryptDeterministicAttachment(blob, plan.key);
    if (plan.size !== undefined && plan.size !== bytes.length) {
      throw new CryptoError(
        `attachment is ${bytes.length} bytes after decryption, but its pointer says ${plan.size}`,
        "bad_size",
      );
    }
    return bytes;
  } catch (error) {
    if (error instanceof SessionBotError) throw error;
    throw new CryptoError("attachment does not decrypt: malformed file", "decrypt_failed", {
      cause: error,
    });
  }
}
