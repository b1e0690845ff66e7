/**
 * The hand-written public interfaces must describe exactly what the generated schema carries:
 * the same field names with matching value types (bigint → number, opaque ids as strings).
 * These are compile-time checks; `deno test` type-checks them before running.
 */
import assert from "node:assert/strict";
import type * as G from "../../src/proto/gen/session_pb.ts";
import type * as V from "../../src/proto/mod.ts";

type Fields<T> = Exclude<keyof T, "$typeName" | "$unknown">;

/** What a generated message type looks like as a view with every field present. */
type Expected<T> = T extends bigint ? number
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

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true
  : false;

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
