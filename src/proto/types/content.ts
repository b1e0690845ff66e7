/**
 * Content (core.md §3.1): the decrypted payload of a Session message.
 *
 * @module
 */
import type { ExpirationType } from "../enums.ts";
import type {
  CallMessage,
  DataExtractionNotification,
  MessageRequestResponse,
  ReceiptMessage,
  TypingMessage,
  UnsendRequest,
} from "./control.ts";
import type { DataMessage } from "./data_message.ts";
import type { ConfigurationMessage, SharedConfigMessage } from "./legacy.ts";
import type { ProMessage } from "./pro.ts";

/**
 * A decoded Content. Fields follow proto2 presence: absent on the wire ⇒ absent here (empty
 * repeated fields are omitted too), so decoding then encoding reproduces the bytes. Normally one
 * message field is set; see `contentKind`. Unknown fields are dropped.
 *
 * @example
 * ```ts
 * import { type Content, encodeContent } from "../mod.ts";
 * const content: Content = {
 *   dataMessage: { body: "hello", profile: { displayName: "Bot" } },
 *   sigTimestamp: 1700000000000,
 * };
 * encodeContent(content);
 * ```
 */
export interface Content {
  /** 1: visible messages, reactions, timer and group updates. */
  dataMessage?: DataMessage;
  /** 3: call signalling. */
  callMessage?: CallMessage;
  /** 5: read receipts. */
  receiptMessage?: ReceiptMessage;
  /** 6: typing indicator. */
  typingMessage?: TypingMessage;
  /** 7: legacy configuration sync. */
  configurationMessage?: ConfigurationMessage;
  /** 8: screenshot / media-saved notice. */
  dataExtractionNotification?: DataExtractionNotification;
  /** 9: delete for everyone (desktop-2024: `unsendMessage`). */
  unsendRequest?: UnsendRequest;
  /** 10: message-request acceptance. */
  messageRequestResponse?: MessageRequestResponse;
  /** 11: legacy config push. */
  sharedConfigMessage?: SharedConfigMessage;
  /** 12: disappearing-messages mode of the conversation. */
  expirationType?: ExpirationType;
  /** 13: disappearing-messages timer, seconds (0 = off). */
  expirationTimer?: number;
  /** 15: must equal `Envelope.timestamp` (ms) when set; receivers drop mismatches (§2.2). */
  sigTimestamp?: number;
  /** 16: Session Pro metadata. */
  proMessage?: ProMessage;
  /** 17: Pro signature for community messages only (transition field). */
  proSigForCommunityMessageOnly?: Uint8Array;
}

/**
 * What `encodeContent` accepts: the same shape as a decoded `Content`. Required fields of
 * nested messages are required here too; `undefined` means "not sent".
 */
export type ContentInit = Content;
