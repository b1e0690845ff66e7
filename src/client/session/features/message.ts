/**
 * Visible messages: text, a quoted reply, attachment pointers and the sender's profile, as
 * desktop builds a `DataMessage` (every visible message carries the profile, core §3.2).
 *
 * @module
 */
import { ValidationError } from "../../../core/errors.ts";
import { assertSessionId } from "../../../crypto/ids.ts";
import type { AttachmentPointer, DataMessage } from "../../../proto/mod.ts";
import type { MessageRef } from "../events.ts";
import type { OwnProfile } from "./profile.ts";
import { profileFieldsOf } from "./profile.ts";

/** Longest text accepted: an encoded message must fit the node's 76,800-byte limit. */
export const MAX_BODY_BYTES = 60_000;

/** A reply's reference, as `send` takes it. */
export type QuoteInput = MessageRef & { readonly text?: string };

/** Builds the DataMessage of a visible message. */
export function messageData(
  input: { body?: string; quote?: QuoteInput; attachments?: readonly AttachmentPointer[] },
  profile: OwnProfile | undefined,
): DataMessage {
  const body = input.body;
  const attachments = input.attachments ?? [];
  checkMessage(body, attachments.length > 0);
  return {
    ...(body ? { body } : {}),
    ...(attachments.length > 0 ? { attachments: [...attachments] } : {}),
    ...(input.quote ? { quote: quoteOf(input.quote) } : {}),
    ...profileFieldsOf(profile),
  };
}

/** Checks a message's text, and that there is something to send. */
export function checkMessage(body: unknown, hasAttachments: boolean): void {
  if (body !== undefined && typeof body !== "string") {
    throw new ValidationError("body must be a string", "invalid_body", "body");
  }
  if (typeof body === "string" && new TextEncoder().encode(body).length > MAX_BODY_BYTES) {
    throw new ValidationError(
      `the text is over ${MAX_BODY_BYTES} bytes: split it into several messages`,
      "message_too_large",
      "body",
    );
  }
  if (!body && !hasAttachments) {
    throw new ValidationError(
      "nothing to send: give a text or an attachment",
      "empty_message",
      "body",
    );
  }
}

function quoteOf(quote: QuoteInput) {
  checkRef(quote, "quote");
  return { id: quote.timestamp, author: quote.author, ...(quote.text ? { text: quote.text } : {}) };
}

/** Checks a reference to another message: a Session ID and a timestamp in ms. */
export function checkRef(ref: MessageRef, field: string): MessageRef {
  if (
    typeof ref !== "object" || ref === null || !Number.isSafeInteger(ref.timestamp) ||
    ref.timestamp <= 0
  ) {
    throw new ValidationError(
      `${field} needs { timestamp, author }: the message's sent timestamp (ms) and author`,
      "invalid_reference",
      field,
    );
  }
  assertSessionId(ref.author, `${field}.author`);
  return ref;
}
