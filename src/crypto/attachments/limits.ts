/**
 * The client-side attachment size limit (extended.md §2.4): clients refuse to upload files larger
 * than 10,000,000 bytes (desktop `MAX_ATTACHMENT_FILESIZE_BYTES`, libsession `max_file_size`).
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";

/** Largest attachment (plaintext bytes) a Session client uploads: 10,000,000 (10 MB). */
export const MAX_ATTACHMENT_BYTES = 10_000_000;

/**
 * Throws unless `size` bytes may be uploaded as an attachment. Call it before encrypting or
 * uploading a file.
 *
 * @param size The plaintext size in bytes.
 * @param field Named in the error (default `"size"`).
 * @throws {RangeError} when `size` is not a non-negative safe integer.
 * @throws {ValidationError} (`code: "attachment_too_large"`) above {@link MAX_ATTACHMENT_BYTES}.
 *
 * @example
 * ```ts
 * assertAttachmentSize(file.length); // throws for an 11 MB file
 * ```
 */
export function assertAttachmentSize(size: number, field = "size"): number {
  assertLength(size, field);
  if (size > MAX_ATTACHMENT_BYTES) {
    throw new ValidationError(
      `attachment is ${size} bytes, more than the ${MAX_ATTACHMENT_BYTES}-byte (10 MB) limit ` +
        "Session clients accept: compress or split the file",
      "attachment_too_large",
      field,
    );
  }
  return size;
}

/** Throws a `RangeError` unless `value` is a non-negative safe integer (a byte count). */
export function assertLength(value: number, name: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}
