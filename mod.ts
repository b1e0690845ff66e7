/**
 * sessionbot: bots and automation on the Session messenger.
 *
 * The API comes in tiers:
 * 1. **Common**: {@link Bot}, {@link Composer}, {@link Context}, {@link SessionClient},
 *    {@link Identity}, the 1:1 codec ({@link encodeDirectMessage}, {@link decodeDirectMessage})
 *    and the error classes. Full bot API: `sessionbot/bot`.
 * 2. **Convenience**: the built-in plugins ({@link session}, {@link commands},
 *    {@link autoAccept}, {@link rateLimit}, …; all in `sessionbot/plugins`), the encrypted
 *    keyring ({@link createKeyring}, {@link openKv}).
 * 3. **Advanced**: crypto primitives, blinding, protobuf codecs, and {@link startDevnet}, a
 *    local Session network for tests (subpaths `sessionbot/devnet`, `sessionbot/onion`).
 *
 * @example
 * ```ts
 * import { decodeDirectMessage, encodeDirectMessage, Identity } from "./mod.ts";
 *
 * const alice = Identity.generate();
 * const bob = Identity.generate();
 * const wire = encodeDirectMessage(alice, bob.sessionId, { dataMessage: { body: "hello" } });
 * const message = decodeDirectMessage(bob, wire.data);
 * console.log(message.sender === alice.sessionId, message.content.dataMessage?.body);
 * ```
 *
 * @module
 */

// 1. Common
export { Identity, type PublicIdentity } from "./src/crypto/mod.ts";
export {
  type ClientStats,
  openClients,
  type SendInput,
  type SendResult,
  SessionClient,
  type SessionClientOptions,
  type SessionClients,
} from "./src/client/session/mod.ts";
export { Bot, BotError, Composer, Context, definePlugin } from "./src/bot/mod.ts";
export {
  decodeDirectMessage,
  type DecodedMessage,
  encodeDirectMessage,
  type EncodedMessage,
  type EncodeOptions,
} from "./src/client/mod.ts";
export {
  CryptoError,
  HttpStatusError,
  NetworkError,
  OnionError,
  SessionBotError,
  SwarmError,
  ValidationError,
} from "./src/core/mod.ts";

// 2. Convenience
export {
  autoAccept,
  builtinPlugins,
  commands,
  conversation,
  defineConversation,
  logger,
  moderation,
  type ModerationOptions,
  rateLimit,
  session,
  throttle,
  webhooks,
  type WebhooksPluginOptions,
} from "./src/plugins/mod.ts";
// Webhooks, the HTTP API and the event log they share (full APIs: `sessionbot/webhook`,
// `sessionbot/server`, `sessionbot/bridge`, `sessionbot/service`, `sessionbot/backup`).
export {
  createWebhooks,
  type DeliveryQuery,
  type DeliveryRecord,
  type WebhookEndpoint,
  type WebhookEndpointInput,
  type WebhookEndpoints,
  type Webhooks,
  type WebhooksOptions,
  type WebhookStats,
} from "./src/webhook/mod.ts";
export {
  type ApiApp,
  type ApiClient,
  type ApiCommunities,
  createWebhookServer,
  type Listener,
  type ListenOptions,
  type WebhookServer,
  type WebhookServerOptions,
} from "./src/server/mod.ts";
export {
  type AttachmentMeta,
  type Counter,
  createEventLog,
  createMetrics,
  EVENT_SCHEMA,
  type EventLog,
  type EventLogOptions,
  eventLogPlugin,
  type EventPage,
  type EventPayload,
  type EventSource,
  type Gauge,
  type Labels,
  type LoggedEvent,
  type Metrics,
  recordEvents,
  type SinceOptions,
  toEventPayload,
} from "./src/bridge/mod.ts";
export {
  createKeyring,
  defaultKvPath,
  type IdentityInfo,
  type Keyring,
  type KeyringOptions,
  type LoadOptions,
  openKv,
  type SaveOptions,
  type ScryptParams,
} from "./src/client/mod.ts";

// 3. Advanced
export * from "./src/client/mod.ts";
export * from "./src/bot/mod.ts";
export * from "./src/plugins/mod.ts";
export * from "./src/crypto/mod.ts";
export * from "./src/proto/mod.ts";
export {
  type CommunityAdmin,
  type CommunityDescription,
  type CommunityLimits,
  type CommunityServerInfo,
  type Devnet,
  type DevnetCommunity,
  type DevnetDescription,
  type DevnetNodeHandle,
  type DevnetNodeInfo,
  type DevnetOptions,
  type FaultController,
  type FileServerInfo,
  type NameRegistry,
  type NodeFaultHandle,
  type NodeFaults,
  type OnsRecord,
  type PermissionFlags,
  type RateLimitOptions as DevnetRateLimitOptions,
  startDevnet,
  type StoreRefusal,
} from "./src/devnet/mod.ts";
