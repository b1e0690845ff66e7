/**
 * The events a bot handles: the `SessionClient`'s own event objects (one declaration, in
 * src/client/session/events.ts), grouped into the maps middleware and filters use.
 *
 * @module
 */

export type {
  AttachmentInfo,
  EventBase,
  Expiration,
  InboxTransaction,
  MessageRef,
  ProfileInfo,
} from "../client/session/mod.ts";
export type { AttachmentPointer, CallMessage, CallMessageType } from "../proto/mod.ts";

// The bot's events are the client's own event objects; re-exported so the bot API is complete.
export type {
  CallEvent,
  DataExtractionEvent,
  ErrorEvent,
  MessageEvent,
  ProfileEvent,
  ReactionEvent,
  ReceiptEvent,
  RequestAcceptedEvent,
  RequestEvent,
  TypingEvent,
  UnsendEvent,
} from "../client/session/mod.ts";
import type { SessionEventMap } from "../client/session/mod.ts";
// The map `BotEventMap` and `ClientEventMap` derive from, public so their docs resolve.
export type { SessionEventMap };
export type {
  CommunityDeletionEvent,
  CommunityDmEvent,
  CommunityEventBase,
  CommunityEventMap,
  CommunityMessageEvent,
  CommunityReactionEvent,
  CommunityRoomRef,
} from "./community_events.ts";

/** The events middleware sees, by type: every client event but `error`. */
export type BotEventMap = Omit<SessionEventMap, "error">;

/** Every event a client delivers: {@link BotEventMap} and `error`. */
export type ClientEventMap = SessionEventMap;

/** An event's type name: `"message"`, `"reaction"`, `"receipt"`, … */
export type BotEventType = keyof BotEventMap;

/** Any event middleware sees. */
export type BotEvent = BotEventMap[BotEventType];

/** Every event type, in the order the bot subscribes to them. */
export const BOT_EVENT_TYPES: readonly BotEventType[] = Object.freeze(
  [
    "message",
    "reaction",
    "receipt",
    "typing",
    "unsend",
    "request",
    "requestAccepted",
    "profile",
    "dataExtraction",
    "call",
    "community:message",
    "community:reaction",
    "community:deletion",
    "community:dm",
  ] as const,
);
