/**
 * The events a community room (or a community inbox) hands to `client.on(...)` handlers. They
 * go through the same durable inbox as 1:1 messages: removed only after every handler resolved.
 *
 * @module
 */
import type { AttachmentInfo, EventBase, ProfileInfo } from "../session/events.ts";

/** Which room an event comes from. */
export interface RoomRef {
  /** Canonical server base URL. */
  readonly server: string;
  /** Room token (for DMs: the room that was joined on that server). */
  readonly room: string;
  /** The server's X25519 key, hex. */
  readonly publicKey: string;
}

/**
 * Fields every community event has: `id` is `<server>/<room>/<messageId>` (with a suffix for
 * edits, reactions and deletions), `conversation` is `<server>/<room>` (or
 * `<server>/dm/<blindedId>`), `from` the poster's `15…` (or `05…`) ID, `timestamp` in ms.
 */
export interface CommunityEventBase extends EventBase {
  /** The room. */
  readonly room: RoomRef;
}

/** A post in a room (new, or edited). */
export interface CommunityMessageEvent extends CommunityEventBase {
  /** The event type. */
  readonly type: "community:message";
  /** The server's message id. */
  readonly messageId: number;
  /** The room's sequence number of this update. */
  readonly seqno: number;
  /** Text. */
  readonly body?: string;
  /** Attachments (room files, not encrypted; download with `community.download(id)`). */
  readonly attachments: readonly AttachmentInfo[];
  /** The post this one replies to (`id` is its sent timestamp, as apps quote). */
  readonly quote?: { readonly id: number; readonly author: string; readonly text?: string };
  /** True when this is an edit of an earlier post. */
  readonly edited: boolean;
  /** True for a whisper (visible to us or moderators only). */
  readonly whisper: boolean;
  /** The poster's profile, when sent along. */
  readonly profile?: ProfileInfo;
}

/** A reaction count changed on a post. */
export interface CommunityReactionEvent extends CommunityEventBase {
  /** The event type. */
  readonly type: "community:reaction";
  /** The post reacted to. */
  readonly messageId: number;
  /** The emoji. */
  readonly emoji: string;
  /** How many reacted with it now. */
  readonly count: number;
  /** Recent reactors (blinded IDs), as the server lists them. */
  readonly reactors: readonly string[];
  /** True when the count went down. */
  readonly removed: boolean;
}

/** A post was deleted (by its author or a moderator). */
export interface CommunityDeletionEvent extends CommunityEventBase {
  /** The event type. */
  readonly type: "community:deletion";
  /** The deleted post. */
  readonly messageId: number;
}

/** A blinded DM received through the server's inbox (or sent by another device of ours). */
export interface CommunityDmEvent extends CommunityEventBase {
  /** The event type. */
  readonly type: "community:dm";
  /** The server's DM id. */
  readonly messageId: number;
  /** The sender's real Session ID (learned from the DM). */
  readonly sessionId: string;
  /** Text. */
  readonly body?: string;
  /** Attachments. */
  readonly attachments: readonly AttachmentInfo[];
}

/** Community events by type (merged into `SessionEventMap`). */
export interface CommunityEventMap {
  /** A post. */
  "community:message": CommunityMessageEvent;
  /** A reaction change. */
  "community:reaction": CommunityReactionEvent;
  /** A deleted post. */
  "community:deletion": CommunityDeletionEvent;
  /** A blinded DM. */
  "community:dm": CommunityDmEvent;
}
