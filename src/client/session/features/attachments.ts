/**
 * Attachments for `send` and `download`: files given as bytes are checked (10 MB at most,
 * before any upload), encrypted and uploaded through onion; received pointers are downloaded,
 * verified (digest and MAC, or secretstream tags) and decrypted.
 *
 * @module
 */
import { ValidationError } from "../../../core/errors.ts";
import { assertAttachmentSize } from "../../../crypto/attachments/mod.ts";
import type { AttachmentPointer } from "../../../proto/mod.ts";
import {
  type AttachmentInput,
  fetchAttachment,
  type FetchedAttachment,
  sendableAttachment,
} from "../../attachments/mod.ts";
import type { FileServerClient } from "../../files/mod.ts";
import type { AttachmentInfo } from "../events.ts";

/** An attachment for `send`: a file to upload, or a pointer already uploaded. */
export type AttachmentSource = AttachmentInput | AttachmentPointer;

/** At most this many attachments per message, as Session apps allow. */
export const MAX_ATTACHMENTS = 32;

/** Uploads the files among `sources` (checking every size first) and returns the pointers. */
export async function uploadAttachments(
  files: () => FileServerClient,
  sources: readonly AttachmentSource[] | undefined,
): Promise<AttachmentPointer[]> {
  if (!sources || sources.length === 0) return [];
  if (!Array.isArray(sources) || sources.length > MAX_ATTACHMENTS) {
    throw new ValidationError(
      `attachments must be a list of at most ${MAX_ATTACHMENTS} files`,
      "invalid_attachment",
      "attachments",
    );
  }
  const pointers: AttachmentPointer[] = [];
  // sendableAttachment checks before it uploads, but check all first: no upload for a
  // message that will be refused anyway.
  for (const source of sources) {
    if (isInput(source) && source.bytes instanceof Uint8Array) {
      assertAttachmentSize(source.bytes.length, "attachments");
    }
  }
  for (const source of sources) {
    pointers.push(isInput(source) ? await sendableAttachment(files(), source) : source);
  }
  return pointers;
}

/** Downloads, verifies and decrypts a received attachment. */
export async function downloadAttachment(
  files: () => FileServerClient,
  attachment: AttachmentInfo | AttachmentPointer,
): Promise<FetchedAttachment> {
  const pointer = "pointer" in attachment ? attachment.pointer : attachment;
  return await fetchAttachment(files(), pointer);
}

function isInput(source: AttachmentSource): source is AttachmentInput {
  return typeof source === "object" && source !== null && "bytes" in source;
}
