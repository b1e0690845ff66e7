/**
 * The schema's enums under short public names. They are the generated enums of
 * `gen/schema.ts` (identical to protobuf-es's), so their numbers are the wire values (e.g.
 * `EnvelopeType.SESSION_MESSAGE === 6`).
 *
 * @module
 */
export {
  AttachmentPointer_Flags as AttachmentFlags,
  CallMessage_Type as CallMessageType,
  ClosedGroupControlMessage_Type as ClosedGroupControlType,
  Content_ExpirationType as ExpirationType,
  DataExtractionNotification_Type as DataExtractionType,
  DataMessage_Flags as DataMessageFlags,
  DataMessage_Quote_QuotedAttachment_Flags as QuotedAttachmentFlags,
  DataMessage_Reaction_Action as ReactionAction,
  Envelope_Type as EnvelopeType,
  GroupContext_Type as GroupContextType,
  GroupUpdateInfoChangeMessage_Type as GroupInfoChangeType,
  GroupUpdateMemberChangeMessage_Type as GroupMemberChangeType,
  ReceiptMessage_Type as ReceiptType,
  SharedConfigMessage_Kind as SharedConfigKind,
  TypingMessage_Action as TypingAction,
  WebSocketMessage_Type as WebSocketMessageType,
} from "./gen/schema.ts";
