/**
 * Pure conversions from decoded protobuf values to event payloads.
 *
 * @module
 */
import {
  AttachmentFlags,
  type AttachmentPointer,
  type Content,
  DataExtractionType,
  ExpirationType,
  type LokiProfile,
  ReceiptType,
  TypingAction,
} from "../../proto/mod.ts";
import type { AttachmentInfo, EventBase, Expiration, ProfileInfo, SessionEvent } from "./events.ts";

/** An event before its `tx` is attached (one per delivery attempt). */
export type PendingEvent = SessionEvent extends infer E
  ? E extends { tx: unknown } ? Omit<E, "tx"> : never
  : never;

/** The fields all events of one message share. */
export type Base = Omit<EventBase, "tx">;

/** What a receiver may know about an attachment, without its key. */
export function attachmentInfo(pointer: AttachmentPointer): AttachmentInfo {
  return {
    ...(pointer.url ? { url: pointer.url } : {}),
    ...(pointer.contentType ? { contentType: pointer.contentType } : {}),
    ...(pointer.fileName ? { fileName: pointer.fileName } : {}),
    ...(pointer.size !== undefined ? { size: pointer.size } : {}),
    ...(pointer.width ? { width: pointer.width } : {}),
    ...(pointer.height ? { height: pointer.height } : {}),
    ...(pointer.caption ? { caption: pointer.caption } : {}),
    voice: ((pointer.flags ?? 0) & AttachmentFlags.VOICE_MESSAGE) !== 0,
    pointer,
  };
}

/** A profile as carried by a DataMessage or a MessageRequestResponse. */
export function profileInfo(
  profile: LokiProfile | undefined,
  profileKey: Uint8Array | undefined,
): ProfileInfo | undefined {
  if (!profile) return undefined;
  return {
    ...(profile.displayName ? { displayName: profile.displayName } : {}),
    ...(profile.profilePicture ? { avatarUrl: profile.profilePicture } : {}),
    ...(profile.profilePicture && profileKey ? { profileKey } : {}),
    ...(profile.lastProfileUpdateSeconds ? { updatedAt: profile.lastProfileUpdateSeconds } : {}),
  };
}

/** The disappearing timer of `content` (core §2.11), when set. */
export function expirationOf(content: Content, timestamp: number): Expiration | undefined {
  const seconds = content.expirationTimer ?? 0;
  if (seconds <= 0) return undefined;
  if (content.expirationType === ExpirationType.DELETE_AFTER_READ) {
    return { mode: "afterRead", seconds };
  }
  return { mode: "afterSend", seconds, expiresAt: timestamp + seconds * 1000 };
}

/** The event of a control message, or undefined for kinds the runtime does not surface. */
export function controlEvent(base: Base, content: Content): PendingEvent | undefined {
  const { receiptMessage, typingMessage, unsendRequest, dataExtractionNotification } = content;
  if (receiptMessage) {
    const kind = receiptMessage.type === ReceiptType.READ ? "read" : "delivery";
    return { ...base, type: "receipt", kind, timestamps: receiptMessage.timestamp ?? [] };
  }
  if (typingMessage) {
    return { ...base, type: "typing", typing: typingMessage.action === TypingAction.STARTED };
  }
  if (unsendRequest) {
    const target = { timestamp: unsendRequest.timestamp, author: unsendRequest.author };
    return { ...base, type: "unsend", target };
  }
  if (dataExtractionNotification) {
    const { type, timestamp } = dataExtractionNotification;
    const kind = type === DataExtractionType.SCREENSHOT ? "screenshot" : "mediaSaved";
    return { ...base, type: "dataExtraction", kind, ...(timestamp ? { target: timestamp } : {}) };
  }
  if (content.callMessage) return { ...base, type: "call", call: content.callMessage };
  return undefined;
}
