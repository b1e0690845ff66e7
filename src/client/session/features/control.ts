/**
 * Contents of the small messages: reactions, read receipts, typing, unsend and the
 * message-request response (core §3.4, extended.md §6).
 *
 * @module
 */
import { ValidationError } from "../../../core/errors.ts";
import { type ContentInit, ReactionAction, ReceiptType, TypingAction } from "../../../proto/mod.ts";
import type { MessageRef } from "../events.ts";
import { checkRef } from "./message.ts";
import { type OwnProfile, profileFieldsOf } from "./profile.ts";

/** TTLs desktop uses for typing indicators (20 s). */
export const TYPING_TTL_MS = 20_000;

/** A reaction added or removed. */
export function reactionContent(target: MessageRef, emoji: string, remove: boolean): ContentInit {
  checkRef(target, "target");
  if (typeof emoji !== "string" || emoji === "" || emoji.length > 32) {
    throw new ValidationError(
      'emoji must be a short non-empty string, e.g. "👍"',
      "invalid_emoji",
      "emoji",
    );
  }
  const action = remove ? ReactionAction.REMOVE : ReactionAction.REACT;
  return {
    dataMessage: { reaction: { id: target.timestamp, author: target.author, emoji, action } },
  };
}

/** Read receipts for the messages sent at `timestamps`. */
export function receiptContent(timestamps: readonly number[]): ContentInit {
  if (
    !Array.isArray(timestamps) || timestamps.length === 0 || !timestamps.every(Number.isSafeInteger)
  ) {
    throw new ValidationError(
      "markRead needs the sent timestamps (ms) of the messages read",
      "invalid_timestamps",
      "timestamps",
    );
  }
  return { receiptMessage: { type: ReceiptType.READ, timestamp: [...timestamps] } };
}

/** Typing started or stopped. */
export function typingContent(on: boolean, timestamp: number): ContentInit {
  return {
    typingMessage: { timestamp, action: on ? TypingAction.STARTED : TypingAction.STOPPED },
  };
}

/** "Delete for everyone" of our message sent at `timestamp`. */
export function unsendContent(author: string, timestamp: number): ContentInit {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new ValidationError(
      "unsend needs the message's sent timestamp (ms)",
      "invalid_reference",
      "timestamp",
    );
  }
  return { unsendRequest: { timestamp, author } };
}

/** Accepting a message request: `MessageRequestResponse{isApproved: true}` with our profile. */
export function requestResponseContent(profile: OwnProfile | undefined): ContentInit {
  const fields = profileFieldsOf(profile);
  return {
    messageRequestResponse: {
      isApproved: true,
      ...(fields.profile ? { profile: fields.profile } : {}),
      ...(fields.profileKey ? { profileKey: fields.profileKey } : {}),
    },
  };
}
