/**
 * The session runtime bots stand on: `SessionClient` keeps identity, cursors and messages in
 * Deno KV, polls the swarm, decrypts, dispatches typed events and sends through a durable
 * outbox, with every 1:1 feature of the Session apps; `openClients` runs several identities in
 * one process.
 *
 * @example
 * ```ts
 * import { SessionClient } from "./mod.ts";
 *
 * const client = await SessionClient.open({ kv: "./bot.kv", identityName: "default" });
 * client.on("message", (event) => client.send(event.from, `you said: ${event.body}`));
 * await client.start();
 * ```
 *
 * @module
 */
export { SessionClient } from "./client.ts";
export { openClients, type SessionClients } from "./multi.ts";
export type { SessionClientOptions } from "./options.ts";
export type { SendInput } from "./actions.ts";
export type { SendResult } from "./outbox.ts";
export type { RetryPolicy } from "./backoff.ts";
export type { Contact, TimerSetting } from "./contacts.ts";
export type { DeadLetter } from "./dead_letters.ts";
export type { InboxTransaction } from "./tx.ts";
export type { ClientStats } from "./stats.ts";
export type { OwnProfile, ProfileInput } from "./features/profile.ts";
export type { AttachmentSource } from "./features/attachments.ts";
export type { QuoteInput } from "./features/message.ts";
export type {
  AttachmentInfo,
  CallEvent,
  DataExtractionEvent,
  ErrorEvent,
  EventBase,
  Expiration,
  Handler,
  MessageEvent,
  MessageRef,
  ProfileEvent,
  ProfileInfo,
  ReactionEvent,
  ReceiptEvent,
  RequestAcceptedEvent,
  RequestEvent,
  SessionEvent,
  SessionEventMap,
  SessionEventType,
  TypingEvent,
  UnsendEvent,
} from "./events.ts";
// The key, wire and error types the client API refers to (events carry pointers, options take
// an Identity, the codec returns Contents), so `deno doc` of this module and of
// src/client/mod.ts can resolve every signature.
export type {
  Ed25519Signer,
  Identity,
  PaddingScheme,
  PublicIdentity,
  X25519KeyPair,
} from "../../crypto/mod.ts";
export type * from "../../proto/mod.ts";
export { SessionBotError } from "../../core/errors.ts";
export type { AttachmentInput, FetchedAttachment } from "../attachments/mod.ts";
// The network, file server and community types that `SessionClientOptions` and
// `SessionClient.communities` refer to.
export type * from "../network/option_types.ts";
export type { FileServerTarget } from "../files/mod.ts";
export type {
  Communities,
  Community,
  CommunityDeletionEvent,
  CommunityDmEvent,
  CommunityEventBase,
  CommunityEventMap,
  CommunityMessageEvent,
  CommunityReactionEvent,
  CommunityTransport,
  JoinOptions,
  PinnedMessage,
  PostInput,
  PostResult,
  RoomInfo,
  RoomRef,
  ServerOptions,
} from "../community/mod.ts";
