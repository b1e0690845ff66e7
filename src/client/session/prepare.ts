/**
 * Decoding an inbox entry, before it is queued behind its conversation: pure, so a bad
 * message becomes a typed error and never stops the loop.
 *
 * @module
 */
import { SessionBotError, ValidationError } from "../../core/errors.ts";
import type { Identity } from "../../crypto/identity.ts";
import { decodeDirectMessage, type DecodedMessage } from "../codec/mod.ts";
import { isSessionId } from "../../crypto/ids.ts";
import type { InboxEntry } from "./inbox.ts";

/** A decoded entry (a swarm message by default), or why it cannot be used. */
export type Prepared<D = DecodedMessage> =
  | { readonly decoded: D; readonly conversation: string; readonly error?: never }
  | { readonly error: SessionBotError; readonly decoded?: never; readonly conversation?: never };

/** Decodes `entry` for `identity`, refusing bodies over `maxBytes`. */
export function prepare(identity: Identity, entry: InboxEntry, maxBytes: number): Prepared {
  const bytes = Math.floor(entry.data.length * 3 / 4);
  if (bytes > maxBytes) {
    return {
      error: new ValidationError(
        `message ${entry.hash} is ${bytes} bytes, over the ${maxBytes}-byte limit: dropped`,
        "oversize",
        "data",
      ),
    };
  }
  try {
    const decoded = decodeDirectMessage(identity, entry.data);
    return { decoded, conversation: conversationOf(identity.sessionId, decoded) };
  } catch (error) {
    if (error instanceof SessionBotError) return { error };
    return {
      error: new SessionBotError(
        `message ${entry.hash} does not decode: ${error}`,
        "decode_failed",
        {
          cause: error,
        },
      ),
    };
  }
}

/** The peer a message belongs to: the sender, or the sync target of our own copies. */
export function conversationOf(me: string, decoded: DecodedMessage): string {
  if (decoded.sender !== me) return decoded.sender;
  const target = decoded.content.dataMessage?.syncTarget;
  return isSessionId(target) ? target! : me;
}
