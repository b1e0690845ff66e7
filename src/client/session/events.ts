/**
 * The typed events a `SessionClient` hands to its handlers. Every event names the message
 * that carried it (`id` = storage hash), who wrote it and when, and whether it is a copy of
 * something our own other device sent (`outgoing`).
 *
 * @module
 */
import type { SessionBotError } from "../../core/errors.ts";
import type { AttachmentPointer, CallMessage } from "../../proto/mod.ts";
import type { InboxTransaction } from "./tx.ts";
import type { CommunityEventMap } from "../community/events.ts";

/** Which message another one points at (core §2.10): its author and sent timestamp. */
export interface MessageRef {
  /** The referenced message's sent timestamp, ms. */
  readonly timestamp: number;
  /** Its author's Session ID. */
  readonly author: string;
}

/** A sender's public profile as it travels with messages. */
export interface ProfileInfo {
  /** Display name. */
  readonly displayName?: string;
  /** Avatar URL (the file is encrypted with `profileKey`). */
  readonly avatarUrl?: string;
  /** 32-byte key of the avatar file. */
  readonly profileKey?: Uint8Array;
  /** When the profile last changed, Unix seconds. */
  readonly updatedAt?: number;
}

/** What a received attachment is; download it with `client.download(attachment)`. */
export interface AttachmentInfo {
  /** Download URL on the file server. */
  readonly url?: string;
  /** MIME type. */
  readonly contentType?: string;
  /** Original file name. */
  readonly fileName?: string;
  /** Size in bytes (before encryption). */
  readonly size?: number;
  /** Image width in pixels. */
  readonly width?: number;
  /** Image height in pixels. */
  readonly height?: number;
  /** Caption. */
  readonly caption?: string;
  /** Whether it is a voice message. */
  readonly voice: boolean;
  /** The full pointer (with its key): what `download` needs. */
  readonly pointer: AttachmentPointer;
}

/** A message's disappearing timer (core §2.11). */
export interface Expiration {
  /** Counted from sending, or from reading. */
  readonly mode: "afterSend" | "afterRead";
  /** Timer, seconds. */
  readonly seconds: number;
  /** When it disappears, ms (after-send only: after-read starts when you `markRead`). */
  readonly expiresAt?: number;
}

/** Fields every event (but `error`) has. */
export interface EventBase {
  /** The storage hash of the message that carried the event: stable across redeliveries. */
  readonly id: string;
  /** Our Session ID: the identity that received the event. */
  readonly identity: string;
  /** The author: the peer, or ourselves for `outgoing` events. */
  readonly from: string;
  /** The other side of the conversation (the sync copy's target for `outgoing` events). */
  readonly conversation: string;
  /** Sent timestamp (`Envelope.timestamp`), ms: with `from`, the message's identity. */
  readonly timestamp: number;
  /** True for copies of what another device of ours sent. */
  readonly outgoing: boolean;
  /** KV mutations committed in the same atomic commit that removes the event from the inbox. */
  readonly tx: InboxTransaction;
}

/** A visible message: text, attachments, a reply, a timer change. */
export interface MessageEvent extends EventBase {
  /** The event type. */
  readonly type: "message";
  /** Text. */
  readonly body?: string;
  /** Attachments (not downloaded). */
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

/** An emoji reaction added or removed. */
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

/** First message from someone we have not accepted (extended.md §6). */
export interface RequestEvent extends EventBase {
  /** The event type. */
  readonly type: "request";
  /** The sender's profile, when sent along. */
  readonly profile?: ProfileInfo;
  /** The message that opened the request. */
  readonly body?: string;
}

/** The peer accepted our message request (`MessageRequestResponse`). */
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
 * A message that could not be used (bad input: undecryptable, tampered, replayed, oversize,
 * wrong recipient) or a handler that kept failing. The poll loop goes on.
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

/** Events by type (community rooms add theirs, see `../community/events.ts`). */
export interface SessionEventMap extends CommunityEventMap {
  /** A visible message. */
  message: MessageEvent;
  /** A reaction added or removed. */
  reaction: ReactionEvent;
  /** Read receipts. */
  receipt: ReceiptEvent;
  /** Typing started or stopped. */
  typing: TypingEvent;
  /** Delete for everyone. */
  unsend: UnsendEvent;
  /** A new message request. */
  request: RequestEvent;
  /** Our message request was accepted. */
  requestAccepted: RequestAcceptedEvent;
  /** A peer's profile changed. */
  profile: ProfileEvent;
  /** A screenshot or saved-media notice. */
  dataExtraction: DataExtractionEvent;
  /** Call signalling (not handled). */
  call: CallEvent;
  /** Bad input, a dead letter, or a failed poll. */
  error: ErrorEvent;
}

/** Any event. */
export type SessionEvent = SessionEventMap[keyof SessionEventMap];

/** An event's type name. */
export type SessionEventType = keyof SessionEventMap;

/** A handler: the event leaves the inbox only after every handler's promise resolved. */
export type Handler<E> = (event: E) => void | Promise<void>;
