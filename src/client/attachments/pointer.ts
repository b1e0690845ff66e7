/**
 * Checks of a received `AttachmentPointer` before anything is downloaded, and the choice of
 * decryption: deterministic when the URL carries `d` or the key is 32 bytes, else legacy.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { AttachmentPointer } from "../../proto/mod.ts";
import { parseFileUrl } from "../files/mod.ts";

/** A pointer's download and decryption parameters. */
export interface PointerPlan {
  /** The download URL. */
  readonly url: string;
  /** 64 bytes (legacy) or 32 (deterministic). */
  readonly key: Uint8Array;
  /** SHA-256 of the blob (legacy). */
  readonly digest?: Uint8Array;
  /** Plaintext size, when the pointer says. */
  readonly size?: number;
  /** Whether the file is in the deterministic `'S'` format. */
  readonly deterministic: boolean;
}

/**
 * Reads what is needed to download and decrypt `pointer`.
 *
 * @throws {ValidationError} `invalid_pointer` (no url, no key, wrong types or key length),
 *   `missing_digest` (a legacy pointer without digest, refused as desktop does), `bad_file_url`.
 */
export function planDownload(pointer: AttachmentPointer): PointerPlan {
  if (typeof pointer !== "object" || pointer === null) throw invalid("pointer", "an object");
  const { url, key, digest, size } = pointer;
  if (typeof url !== "string" || url === "") throw invalid("url", "a file server URL");
  if (!(key instanceof Uint8Array) || (key.length !== 32 && key.length !== 64)) {
    throw invalid("key", "32 bytes (deterministic) or 64 bytes (legacy)");
  }
  if (digest !== undefined && !(digest instanceof Uint8Array && digest.length === 32)) {
    throw invalid("digest", "32 bytes (SHA-256)");
  }
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0)) {
    throw invalid("size", "a byte count");
  }
  const deterministic = parseFileUrl(url).deterministic || key.length === 32;
  if (deterministic && key.length !== 32) throw invalid("key", "32 bytes for a #d file");
  if (!deterministic && digest === undefined) {
    throw new ValidationError(
      "the attachment has no digest, so it cannot be verified: refusing it (ask the sender to " +
        "send it again)",
      "missing_digest",
      "digest",
    );
  }
  return { url, key, digest, size, deterministic };
}

function invalid(field: string, expected: string): ValidationError {
  return new ValidationError(
    `attachment pointer ${field} must be ${expected}: the pointer is malformed`,
    "invalid_pointer",
    field,
  );
}
