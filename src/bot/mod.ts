/**
 * The bot framework: {@link Bot} and {@link Composer} (middleware, filter queries, commands),
 * {@link Context} (reply, react, typing, read receipts; in community rooms too), plugins ({@link definePlugin}) and
 * their config files ({@link loadPlugins}), {@link BotError}.
 *
 * @example
 * ```ts
 * import { Bot } from "./mod.ts";
 *
 * const bot = await Bot.create({ kv: "./bot.kv", identityName: "default" });
 * bot.command("start", "Say hello", (ctx) => ctx.reply("Hello!"));
 * bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.text}`));
 * bot.on("message:attachments", (ctx) => ctx.reply(`${ctx.message.attachments.length} file(s)`));
 * await bot.start();
 * ```
 *
 * @module
 */
export {
  Bot,
  type BotCreateOptions,
  type BotOptions,
  type ContextConstructor,
  type ErrorHandler,
} from "./bot.ts";
export {
  type BoundaryHandler,
  type CommandContext,
  Composer,
  type HearsContext,
  type MaybePromise,
  type Middleware,
  type MiddlewareFn,
  type MiddlewareObj,
  type NextFunction,
  type TextQuery,
} from "./composer.ts";
export {
  type CommunityQuote,
  Context,
  type FileOptions,
  type FileSource,
  type ReplyOptions,
  type ReplyResult,
} from "./context.ts";
export {
  type EventProps,
  type Filter,
  FILTER_QUERIES,
  type FilterQuery,
  type FilterQueryMap,
  matchFilter,
} from "./filters.ts";
export {
  type CommandInfo,
  type CommandSpec,
  type HelpOptions,
  helpText,
  parseCommand,
  type ParsedCommand,
} from "./commands.ts";
export { BotError } from "./errors.ts";
export { Api, type ApiCall, type ApiMethod, type ApiTransformer, CLIENT_METHODS } from "./api.ts";
export {
  type CommunityEvent,
  communityLink,
  type CommunityTextEvent,
  createSelfCheck,
  findCommunity,
  isCommunityEvent,
  textOf,
} from "./community.ts";
export {
  type CommunityApiCall,
  dmConversation,
  type ModerationAction,
  roomConversation,
} from "./community_api.ts";
export type {
  BotCommunities,
  Community,
  CommunityAttachmentInput,
  CommunityPostInput,
  CommunityTransport,
  JoinOptions,
  PinnedMessage,
  PostInput,
  PostResult,
  RoomInfo,
} from "./community_handle.ts";
export type { CommunityReplyResult } from "./community_reply.ts";
export type {
  AttachmentInput,
  AttachmentSource,
  BotClient,
  FetchedAttachment,
  FileServerTarget,
  Network,
  NetworkOptions,
  QuoteInput,
  RetryPolicy,
  SendInput,
  SendResult,
  SessionClientOptions,
} from "./client.ts";
// The network client's types that `SessionClientOptions` (`network`, `networkOptions`) refers to.
export type * from "../client/network/option_types.ts";
export {
  BOT_EVENT_TYPES,
  type BotEvent,
  type BotEventMap,
  type BotEventType,
  type ClientEventMap,
} from "./events.ts";
export type {
  AttachmentInfo,
  AttachmentPointer,
  CallEvent,
  CallMessage,
  CallMessageType,
  CommunityDeletionEvent,
  CommunityDmEvent,
  CommunityEventBase,
  CommunityEventMap,
  CommunityMessageEvent,
  CommunityReactionEvent,
  CommunityRoomRef,
  DataExtractionEvent,
  ErrorEvent,
  EventBase,
  Expiration,
  InboxTransaction,
  MessageEvent,
  MessageRef,
  ProfileEvent,
  ProfileInfo,
  ReactionEvent,
  ReceiptEvent,
  RequestAcceptedEvent,
  RequestEvent,
  SessionEventMap,
  TypingEvent,
  UnsendEvent,
} from "./events.ts";
export { SessionBotError } from "../core/errors.ts";
export type { Ed25519Signer, Identity, PublicIdentity, X25519KeyPair } from "../crypto/mod.ts";
export {
  definePlugin,
  isPlugin,
  type Plugin,
  type PluginApi,
  type PluginDefinition,
  type PluginFactory,
  type PluginKv,
} from "./plugin.ts";
export type {
  ConfigField,
  ConfigFieldBase,
  ConfigSchema,
  ConfigSpec,
  FieldValue,
  SpecInput,
  SpecOutput,
  StandardIssue,
  StandardResult,
  StandardSchemaV1,
} from "./config_schema.ts";
export { type KvNamespace, kvNamespace, type NamespacedAtomic } from "./kv_namespace.ts";
export {
  type BotLogger,
  defaultSink,
  LOG_LEVELS,
  type LogLevel,
  type LogRecord,
  type LogSink,
  type LogTarget,
} from "./logger.ts";
export { isSecretName, redact, REDACTED, redactText } from "./redact.ts";
export {
  loadPlugins,
  type LoadPluginsOptions,
  type PluginEntry,
  type PluginMaker,
  type PluginsFile,
} from "./config_loader.ts";
