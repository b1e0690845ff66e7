/**
 * The hand-written public interfaces must describe exactly what the generated schema carries:
 * the same field names with matching value types (bigint → number, opaque ids as strings).
 * These are compile-time checks; `deno test` type-checks them before running.
 */
import assert from "node:assert/strict";
import type * as G from "../../src/proto/gen/session_pb.ts";
import type * as S from "../../src/proto/gen/schema.ts";
import type * as V from "../../src/proto/mod.ts";

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true
  : false;

type Fields<T> = Exclude<keyof T, "$typeName" | "$unknown">;

/**
 * The views use the enums of gen/schema.ts, which equal protobuf-es's generated enums member
 * for member (schema_table_test.ts checks the values) but are distinct TypeScript types. Exact
 * type identity (not `extends`: `number` extends every numeric enum) picks the counterpart.
 */
type RuntimeEnum<T> = Equal<T, G.Envelope_Type> extends true ? S.Envelope_Type
  : Equal<T, G.WebSocketMessage_Type> extends true ? S.WebSocketMessage_Type
  : Equal<T, G.Content_ExpirationType> extends true ? S.Content_ExpirationType
  : Equal<T, G.DataMessage_Flags> extends true ? S.DataMessage_Flags
  : Equal<T, G.DataMessage_Quote_QuotedAttachment_Flags> extends true
    ? S.DataMessage_Quote_QuotedAttachment_Flags
  : Equal<T, G.DataMessage_Reaction_Action> extends true ? S.DataMessage_Reaction_Action
  : Equal<T, G.AttachmentPointer_Flags> extends true ? S.AttachmentPointer_Flags
  : Equal<T, G.ReceiptMessage_Type> extends true ? S.ReceiptMessage_Type
  : Equal<T, G.TypingMessage_Action> extends true ? S.TypingMessage_Action
  : Equal<T, G.DataExtractionNotification_Type> extends true ? S.DataExtractionNotification_Type
  : Equal<T, G.CallMessage_Type> extends true ? S.CallMessage_Type
  : Equal<T, G.SharedConfigMessage_Kind> extends true ? S.SharedConfigMessage_Kind
  : Equal<T, G.GroupContext_Type> extends true ? S.GroupContext_Type
  : Equal<T, G.ClosedGroupControlMessage_Type> extends true ? S.ClosedGroupControlMessage_Type
  : Equal<T, G.GroupUpdateInfoChangeMessage_Type> extends true ? S.GroupUpdateInfoChangeMessage_Type
  : Equal<T, G.GroupUpdateMemberChangeMessage_Type> extends true
    ? S.GroupUpdateMemberChangeMessage_Type
  : never;

/** What a generated message type looks like as a view with every field present. */
type Expected<T> = [RuntimeEnum<T>] extends [never] ? ExpectedValue<T> : RuntimeEnum<T>;

type ExpectedValue<T> = T extends bigint ? number
  : T extends Uint8Array ? Uint8Array
  : T extends readonly (infer U)[] ? Expected<U>[]
  : T extends { $typeName: string } ? [Fields<T>] extends [never] ? Record<string, never>
    : { [K in Fields<T>]-?: Expected<NonNullable<T[K]>> }
  : T;

/** A view with optional fields made required, recursively. */
type Full<T> = T extends Uint8Array ? T
  : T extends readonly (infer U)[] ? Full<U>[]
  : T extends object ? { [K in keyof T]-?: Full<T[K]> }
  : T;

/** `true` only when the view and the generated message agree field for field. */
type Matches<View, Gen> = Equal<Full<View>, Expected<Gen>>;

// Every Content message, recursively through Content itself.
const checks: { [name: string]: true } = {
  Content: true satisfies Matches<V.Content, G.Content>,
  DataMessage: true satisfies Matches<V.DataMessage, G.DataMessage>,
  Quote: true satisfies Matches<V.Quote, G.DataMessage_Quote>,
  QuotedAttachment: true satisfies Matches<
    V.QuotedAttachment,
    G.DataMessage_Quote_QuotedAttachment
  >,
  Preview: true satisfies Matches<V.Preview, G.DataMessage_Preview>,
  Reaction: true satisfies Matches<V.Reaction, G.DataMessage_Reaction>,
  OpenGroupInvitation: true satisfies Matches<
    V.OpenGroupInvitation,
    G.DataMessage_OpenGroupInvitation
  >,
  LokiProfile: true satisfies Matches<V.LokiProfile, G.LokiProfile>,
  AttachmentPointer: true satisfies Matches<V.AttachmentPointer, G.AttachmentPointer>,
  ReceiptMessage: true satisfies Matches<V.ReceiptMessage, G.ReceiptMessage>,
  TypingMessage: true satisfies Matches<V.TypingMessage, G.TypingMessage>,
  UnsendRequest: true satisfies Matches<V.UnsendRequest, G.UnsendRequest>,
  MessageRequestResponse: true satisfies Matches<
    V.MessageRequestResponse,
    G.MessageRequestResponse
  >,
  DataExtractionNotification: true satisfies Matches<
    V.DataExtractionNotification,
    G.DataExtractionNotification
  >,
  CallMessage: true satisfies Matches<V.CallMessage, G.CallMessage>,
  SharedConfigMessage: true satisfies Matches<V.SharedConfigMessage, G.SharedConfigMessage>,
  ConfigurationMessage: true satisfies Matches<V.ConfigurationMessage, G.ConfigurationMessage>,
  KeyPair: true satisfies Matches<V.KeyPair, G.KeyPair>,
  GroupContext: true satisfies Matches<V.GroupContext, G.GroupContext>,
  ClosedGroupControlMessage: true satisfies Matches<
    V.ClosedGroupControlMessage,
    G.ClosedGroupControlMessage
  >,
  GroupUpdateMessage: true satisfies Matches<V.GroupUpdateMessage, G.GroupUpdateMessage>,
  ProMessage: true satisfies Matches<V.ProMessage, G.ProMessage>,
  WebSocketMessage: true satisfies Matches<V.WebSocketMessage, G.WebSocketMessage>,
};

// Envelope views are unions narrowed on `type`; compare their field names and the shared fields.
type EnvelopeView = V.SessionEnvelope | V.GroupEnvelope;
const envelopeChecks: { [name: string]: true } = {
  names: true satisfies Equal<Exclude<Fields<G.Envelope>, never>, keyof V.GroupEnvelope>,
  session: true satisfies Equal<keyof V.SessionEnvelope, Exclude<Fields<G.Envelope>, "source">>,
  timestamp: true satisfies Equal<EnvelopeView["timestamp"], number>,
  content: true satisfies Equal<EnvelopeView["content"], Uint8Array>,
};

// The detector would be silent if `Matches` were always true; prove it can say no.
const negative: { [name: string]: false } = {
  missingField: false satisfies Matches<{ body?: string }, G.DataMessage>,
  bigintKept: false satisfies Matches<Omit<V.Quote, "id"> & { id: bigint }, G.DataMessage_Quote>,
};

Deno.test("public view interfaces match the generated schema (compile-time)", () => {
  assert.equal(Object.values(checks).every((v) => v), true);
  assert.equal(Object.values(envelopeChecks).every((v) => v), true);
  assert.equal(Object.values(negative).some((v) => v), false);
});
