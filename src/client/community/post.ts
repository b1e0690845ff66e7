/**
 * Building a post: upload its attachments to the room, then the signed Content with the file
 * ids listed so the server keeps them (extended.md §1.5, §1.6).
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { AttachmentPointer, ContentInit, DataMessage } from "../../proto/mod.ts";
import { checkAttachmentInput } from "../attachments/input.ts";
import type { PostInput } from "./types.ts";

/** Longest text a post may carry (what Session apps allow). */
export const MAX_BODY_CHARS = 2000;

/** Checks and normalizes what `post` was given. */
export function postInput(input: string | PostInput): PostInput {
  const value = typeof input === "string" ? { body: input } : input;
  if (typeof value !== "object" || value === null) {
    throw new ValidationError(
      "post takes a string or { body, attachments, quote }",
      "bad_post",
      "input",
    );
  }
  if (value.body !== undefined && typeof value.body !== "string") {
    throw new ValidationError("body must be a string", "bad_post", "body");
  }
  if ((value.body?.length ?? 0) > MAX_BODY_CHARS) {
    throw new ValidationError(
      `the text is ${value.body!.length} characters, over ${MAX_BODY_CHARS}: split it`,
      "body_too_long",
      "body",
    );
  }
  if (!value.body && !(value.attachments?.length)) {
    throw new ValidationError("a post needs a body or attachments", "empty_post", "body");
  }
  value.attachments?.forEach(checkAttachmentInput);
  const quote = value.quote;
  if (
    quote !== undefined &&
    (!Number.isSafeInteger(quote.id) || quote.id < 0 || typeof quote.author !== "string")
  ) {
    throw new ValidationError(
      "quote needs { id: sent timestamp, author: id }",
      "bad_quote",
      "quote",
    );
  }
  return value;
}

/** The Content of a post whose attachments are uploaded as `pointers`. */
export function postContent(
  input: PostInput,
  pointers: readonly AttachmentPointer[],
  timestamp: number,
  displayName?: string,
): ContentInit {
  const dataMessage: DataMessage = {
    ...(input.body ? { body: input.body } : {}),
    ...(pointers.length ? { attachments: [...pointers] } : {}),
    ...(input.quote
      ? {
        quote: {
          id: input.quote.id,
          author: input.quote.author,
          ...(input.quote.text ? { text: input.quote.text } : {}),
        },
      }
      : {}),
    ...(displayName ? { profile: { displayName } } : {}),
  };
  return { dataMessage, sigTimestamp: timestamp };
}

/** The attachment pointer of a room file (no key, no digest: room files are not encrypted). */
export function roomFilePointer(
  server: string,
  room: string,
  id: number,
  file: {
    size: number;
    fileName?: string;
    contentType?: string;
    caption?: string;
    voiceMessage?: boolean;
  },
): AttachmentPointer {
  return {
    id: String(id),
    url: `${server}/room/${room}/file/${id}`,
    contentType: file.contentType ?? "application/octet-stream",
    size: file.size,
    ...(file.fileName ? { fileName: file.fileName } : {}),
    ...(file.voiceMessage ? { flags: 1 } : {}),
    ...(file.caption ? { caption: file.caption } : {}),
  };
}
