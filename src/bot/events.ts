/**
 * The events a bot handles. They are the `SessionClient`'s events (a client hands its event
 * objects over as they are), declared here as the bot's contract with any {@link BotClient}:
 * a type test keeps the two in step.
 *
 * @module
 */
import type { SessionBotError } from "../core/errors.ts";
import type { CallMessage } from "../proto/mod.ts";
import type {
  AttachmentInfo,
  EventBase,
  Expiration,
  MessageRef,
  ProfileInfo,
} from "../client/session/mod.ts";

export type {
  AttachmentInfo,
  EventBase,
  Expiration,
  InboxTransaction,
  MessageRef,
  ProfileInfo,
} from "../client/session/mod.ts";
export type { AttachmentPointer, CallMessage, CallMessageType } from "../proto/mod.ts";

/** A visible message: text, attachments, a reply, a timer change. */
export interface MessageEvent extends EventBase {
  /** The event type. */
  readonly type: "message";
  /** Text. */
  readonly body?: string;
  /** Attachments (not downloaded: `client.download(attachment)` fetches one). */
  readonly attachments: readonly AttachmentInfo[];
  /** The message this one replies to. */
  readonly quote?: MessageRef & { readonly text?: string };
  /** Disappearing timer, when set. */
  readonly expiration?: Expiration;
  /** True when this only announces a changed disappearing timer. */
  readonly timerUpdate: boolean;
  /** The sender's profile, when sent along. */
  readonly profile?: ProfileInfo;
  /** A community invitation. */
  readonly invitation?: { readonly url: string; readonly name: string };
  /** True while the sender's message request is not accepted. */
  readonly request: boolean;
}

/** An emoji reaction added or taken back. */
export interface ReactionEvent extends EventBase {
  /** The event type. */
  readonly type: "reaction";
  /** The emoji. */
  readonly emoji: string;
  /** The message reacted to. */
  readonly target: MessageRef;
  /** True when the reaction is taken back. */
  readonly removed: boolean;
}

/** Read (or delivery) receipts. */
export interface ReceiptEvent extends EventBase {
  /** The event type. */
  readonly type: "receipt";
  /** `read` (what Session apps send) or `delivery`. */
  readonly kind: "read" | "delivery";
  /** Sent timestamps of the messages concerned. */
  readonly timestamps: readonly number[];
}

/** Typing started or stopped. */
export interface TypingEvent extends EventBase {
  /** The event type. */
  readonly type: "typing";
  /** True when typing started. */
  readonly typing: boolean;
}

/** "Delete for everyone" of a message. */
export interface UnsendEvent extends EventBase {
  /** The event type. */
  readonly type: "unsend";
  /** The message to delete. */
  readonly target: MessageRef;
}

/** The first message from someone not accepted yet opened a message request. */
export interface RequestEvent extends EventBase {
  /** The event type. */
  readonly type: "request";
  /** The sender's profile, when sent along. */
  readonly profile?: ProfileInfo;
  /** The message that opened the request. */
  readonly body?: string;
}

/** The peer accepted our message request. */
export interface RequestAcceptedEvent extends EventBase {
  /** The event type. */
  readonly type: "requestAccepted";
  /** The peer's profile, when sent along. */
  readonly profile?: ProfileInfo;
}

/** A peer's profile changed (or was seen for the first time). */
export interface ProfileEvent extends EventBase, ProfileInfo {
  /** The event type. */
  readonly type: "profile";
}

/** The peer took a screenshot or saved media. */
export interface DataExtractionEvent extends EventBase {
  /** The event type. */
  readonly type: "dataExtraction";
  /** What happened. */
  readonly kind: "screenshot" | "mediaSaved";
  /** Sent timestamp of the message concerned, when given. */
  readonly target?: number;
}

/** Call signalling: surfaced so a bot can answer in text; calls are not handled. */
export interface CallEvent extends EventBase {
  /** The event type. */
  readonly type: "call";
  /** The signalling message. */
  readonly call: CallMessage;
}

/**
 * Something the client could not use (an undecryptable or replayed message, a handler that
 * kept failing, a send given up on). The bot writes these to its log.
 */
export interface ErrorEvent {
  /** The event type. */
  readonly type: "error";
  /** Storage hash of the message concerned (absent for poll failures). */
  readonly id?: string;
  /** Our Session ID. */
  readonly identity: string;
  /** Machine-readable reason, e.g. `decrypt_failed`, `replayed`, `handler_failed`. */
  readonly code: string;
  /** What happened and what to do. */
  readonly message: string;
  /** The underlying error. */
  readonly error: SessionBotError;
  /** The sender, when known. */
  readonly from?: string;
  /** The sent timestamp, when known. */
  readonly timestamp?: number;
  /** Whether the message was moved to the dead letters. */
  readonly deadLettered: boolean;
}

/** The events middleware sees, by type. */
export interface BotEventMap {
  /** A visible message. */
  message: MessageEvent;
  /** An emoji reaction. */
  reaction: ReactionEvent;
  /** Read or delivery receipts. */
  receipt: ReceiptEvent;
  /** Typing started or stopped. */
  typing: TypingEvent;
  /** Delete for everyone. */
  unsend: UnsendEvent;
  /** A new message request. */
  request: RequestEvent;
  /** Our message request was accepted. */
  requestAccepted: RequestAcceptedEvent;
  /** A profile changed. */
  profile: ProfileEvent;
  /** A screenshot or saved-media notification. */
  dataExtraction: DataExtractionEvent;
  /** Call signalling. */
  call: CallEvent;
}

/** Every event a client delivers: {@link BotEventMap} and `error`. */
export interface ClientEventMap extends BotEventMap {
  /** Something the client could not use. */
  error: ErrorEvent;
}

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
  ] as const,
);
