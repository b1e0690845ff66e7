/**
 * Checks of what `sendableAttachment` is given, all before anything is encrypted or uploaded.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { assertAttachmentSize } from "../../crypto/attachments/mod.ts";

/** A file to send as an attachment. */
export interface AttachmentInput {
  /** The file's bytes (at most 10,000,000). */
  readonly bytes: Uint8Array;
  /** The original file name, shown by receivers. */
  readonly fileName?: string;
  /** MIME type; sniffed from the bytes (then the file name) when absent. */
  readonly contentType?: string;
  /** A caption. */
  readonly caption?: string;
  /** Mark it as a voice message (`flags = VOICE_MESSAGE`). */
  readonly voiceMessage?: boolean;
}

/** Throws a `ValidationError` unless `input` is a usable {@link AttachmentInput} of ≤ 10 MB. */
export function checkAttachmentInput(input: AttachmentInput): AttachmentInput {
  if (typeof input !== "object" || input === null || !(input.bytes instanceof Uint8Array)) {
    throw new ValidationError(
      "an attachment needs its bytes: pass { bytes: Uint8Array, fileName?, contentType? }",
      "invalid_attachment",
      "bytes",
    );
  }
  if (input.bytes.length === 0) {
    throw new ValidationError("the attachment is empty: nothing to send", "empty_file", "bytes");
  }
  assertAttachmentSize(input.bytes.length, "bytes");
  for (const field of ["fileName", "contentType", "caption"] as const) {
    if (input[field] !== undefined && typeof input[field] !== "string") {
      throw new ValidationError(`${field} must be a string`, "invalid_attachment", field);
    }
  }
  if (input.contentType !== undefined && !/^[\w.+-]+\/[\w.+-]+/.test(input.contentType)) {
    throw new ValidationError(
      `contentType ${JSON.stringify(input.contentType)} is not a MIME type such as image/png`,
      "invalid_attachment",
      "contentType",
    );
  }
  return input;
}
