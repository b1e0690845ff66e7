/** Client events for the bridge tests, shaped as a SessionClient hands them to handlers. */
import type { AttachmentInfo, MessageEvent, SessionEvent } from "../../src/client/session/mod.ts";

export const ME = "05" + "a1".repeat(32);
export const PEER = "05" + "b2".repeat(32);

/** A received text message whose storage hash is `hash`. */
export function message(
  hash: string,
  body = `text ${hash}`,
  attachments: AttachmentInfo[] = [],
): MessageEvent {
  return {
    type: "message",
    id: hash,
    identity: ME,
    from: PEER,
    conversation: PEER,
    timestamp: 1_760_000_000_000,
    outgoing: false,
    body,
    attachments,
    timerUpdate: false,
    request: false,
    tx: {} as MessageEvent["tx"],
  };
}

/** A reaction to one of our messages. */
export function reaction(hash: string): SessionEvent {
  return {
    type: "reaction",
    id: hash,
    identity: ME,
    from: PEER,
    conversation: PEER,
    timestamp: 1_760_000_000_001,
    outgoing: false,
    emoji: "👍",
    target: { timestamp: 1_760_000_000_000, author: ME },
    removed: false,
    tx: {} as MessageEvent["tx"],
  };
}
