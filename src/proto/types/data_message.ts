/**
 * DataMessage and its nested types (core.md §3.2): visible messages, replies, reactions,
 * link previews, profiles and invitations.
 *
 * @module
 */
import type { ReactionAction } from "../enums.ts";
import type { AttachmentPointer } from "./attachment.ts";
import type { GroupUpdateMessage } from "./group_update.ts";
import type { ClosedGroupControlMessage, GroupContext } from "./legacy.ts";

/**
 * A visible message (text, attachments, reply, reaction…) or a timer/group update.
 *
 * @example
 * ```ts
 * import type { DataMessage } from "../mod.ts";
 * const reply: DataMessage = {
 *   body: "hi!",
 *   quote: { id: 1700000000000, author: "05" + "ab".repeat(32) },
 *   profile: { displayName: "Bot" },
 * };
 * ```
 */
export interface DataMessage {
  /** 1: message text. */
  body?: string;
  /** 2: attachments. */
  attachments?: AttachmentPointer[];
  /** 3: legacy group context (reserved in desktop-2026). */
  group?: GroupContext;
  /** 4: bit set of `DataMessageFlags` (`EXPIRATION_TIMER_UPDATE = 2`). */
  flags?: number;
  /** 5: legacy timer (seconds); use `Content.expirationTimer`. */
  expireTimer?: number;
  /** 6: 32-byte AES-256-GCM key of the sender's avatar file (sent with `profile`). */
  profileKey?: Uint8Array;
  /** 7: legacy sent timestamp (ms); desktop-2026 no longer sends it. */
  timestamp?: number;
  /** 8: the message this one replies to. */
  quote?: Quote;
  /** 10: link previews. */
  preview?: Preview[];
  /** 11: an emoji reaction (usually the only field set). */
  reaction?: Reaction;
  /** 101: the sender's display name and avatar URL. */
  profile?: LokiProfile;
  /** 102: an invitation to a community. */
  openGroupInvitation?: OpenGroupInvitation;
  /** 104: legacy closed-group control message (reserved in desktop-2026). */
  closedGroupControlMessage?: ClosedGroupControlMessage;
  /** 105: only on a sync copy sent to one's own swarm: the real recipient's Session ID. */
  syncTarget?: string;
  /** 106: the sender refuses community-inbox (blinded) message requests. */
  blocksCommunityMessageRequests?: boolean;
  /** 120: groups v2 control message. */
  groupUpdateMessage?: GroupUpdateMessage;
}

/** A reply's reference to the quoted message (`DataMessage.Quote`). */
export interface Quote {
  /** 1 (required): the quoted message's sent timestamp (`Envelope.timestamp`, ms). */
  id: number;
  /** 2 (required): the quoted message's author Session ID. */
  author: string;
  /** 3: legacy copy of the quoted text. */
  text?: string;
  /** 4: legacy descriptions of the quoted attachments. */
  attachments?: QuotedAttachment[];
}

/** Legacy description of a quoted attachment (`DataMessage.Quote.QuotedAttachment`). */
export interface QuotedAttachment {
  /** 1: MIME type. */
  contentType?: string;
  /** 2: file name. */
  fileName?: string;
  /** 3: thumbnail. */
  thumbnail?: AttachmentPointer;
  /** 4: bit set of `QuotedAttachmentFlags` (`VOICE_MESSAGE = 1`). */
  flags?: number;
}

/** A link preview (`DataMessage.Preview`). */
export interface Preview {
  /** 1 (required): the previewed URL. */
  url: string;
  /** 2: page title. */
  title?: string;
  /** 3: preview image. */
  image?: AttachmentPointer;
}

/** An emoji reaction (`DataMessage.Reaction`). */
export interface Reaction {
  /** 1 (required): the target message's sent timestamp (ms). */
  id: number;
  /** 2 (required): the target message's author Session ID. */
  author: string;
  /** 3: the emoji. */
  emoji?: string;
  /** 4 (required): add or remove. */
  action: ReactionAction;
}

/** An invitation to a community (`DataMessage.OpenGroupInvitation`). */
export interface OpenGroupInvitation {
  /** 1 (required): full community URL including `?public_key=`. */
  url: string;
  /** 3 (required): community name. */
  name: string;
}

/** A sender's public profile (`LokiProfile`). */
export interface LokiProfile {
  /** 1: display name. */
  displayName?: string;
  /** 2: avatar download URL (the file is encrypted with `DataMessage.profileKey`). */
  profilePicture?: string;
  /** 3: time of the last profile change, Unix **seconds**. */
  lastProfileUpdateSeconds?: number;
}
