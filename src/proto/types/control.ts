/**
 * Control messages carried in Content (core.md §3.4): receipts, typing, unsend, message-request
 * acceptance, screenshot notices and call signalling.
 *
 * @module
 */
import type { CallMessageType, DataExtractionType, ReceiptType, TypingAction } from "../enums.ts";
import type { LokiProfile } from "./data_message.ts";

/** Read (or delivery) receipts for one or more messages. */
export interface ReceiptMessage {
  /** 1 (required): `READ` (desktop only sends this) or `DELIVERY`. */
  type: ReceiptType;
  /** 2: sent timestamps (ms) of the acknowledged messages. */
  timestamp?: number[];
}

/** Typing indicator (stored with a 20 s TTL). */
export interface TypingMessage {
  /** 1 (required): sending time (ms). */
  timestamp: number;
  /** 2 (required): started or stopped. */
  action: TypingAction;
}

/** "Delete for everyone" of one message. */
export interface UnsendRequest {
  /** 1 (required): sent timestamp (ms) of the message to delete. */
  timestamp: number;
  /** 2 (required): Session ID of that message's author. */
  author: string;
}

/** Acceptance of a message request, sent once to a new contact. */
export interface MessageRequestResponse {
  /** 1 (required): desktop always sends `true`. */
  isApproved: boolean;
  /** 2: avatar key, as in `DataMessage.profileKey`. */
  profileKey?: Uint8Array;
  /** 3: the sender's profile. */
  profile?: LokiProfile;
}

/** Screenshot / media-saved notification. */
export interface DataExtractionNotification {
  /** 1 (required): what happened. */
  type: DataExtractionType;
  /** 2: sent timestamp (ms) of the attachment message concerned. */
  timestamp?: number;
}

/** WebRTC call signalling (stored with a 5 min TTL). */
export interface CallMessage {
  /** 1 (required): signalling step. */
  type: CallMessageType;
  /** 2: SDP blobs. */
  sdps?: string[];
  /** 3: ICE candidates' m-line indexes. */
  sdpMLineIndexes?: number[];
  /** 4: ICE candidates' media ids. */
  sdpMids?: string[];
  /** 5 (required): call id. */
  uuid: string;
}
