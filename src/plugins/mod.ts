/**
 * The built-in plugins: {@link session}, {@link conversation}, {@link commands},
 * {@link autoAccept}, {@link rateLimit}, {@link throttle}, {@link logger} and
 * {@link moderation} (community rooms), and
 * {@link builtinPlugins} (by name, for config files).
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../bot/mod.ts";
 * import { autoAccept, commands, logger, rateLimit, session, throttle } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client, { kv: await Deno.openKv(":memory:") });
 * bot.use(
 *   logger(),
 *   rateLimit({ limit: 10, windowMs: 10_000 }),
 *   throttle(),
 *   autoAccept({ policy: "everyone" }),
 *   session({ initial: () => ({}) }),
 *   commands(),
 * );
 * ```
 *
 * @module
 */
import type { Plugin } from "../bot/mod.ts";
import { autoAccept } from "./auto-accept/mod.ts";
import { commands } from "./commands/mod.ts";
import { conversation } from "./conversation/mod.ts";
import { logger } from "./logger/mod.ts";
import { moderation } from "./moderation/mod.ts";
import { rateLimit } from "./rate-limit/mod.ts";
import { session } from "./session/mod.ts";
import { throttle } from "./throttle/mod.ts";

export { session, type SessionFlavor, type SessionOptions } from "./session/mod.ts";
export {
  type Conversation,
  conversation,
  type ConversationBuilder,
  type ConversationControl,
  type ConversationEnd,
  ConversationError,
  type ConversationFlavor,
  type ConversationOptions,
  defineConversation,
  type WaitOptions,
} from "./conversation/mod.ts";
export { commands, type CommandsOptions } from "./commands/mod.ts";
export { autoAccept, type AutoAcceptOptions, type RequestPolicy } from "./auto-accept/mod.ts";
export { rateLimit, type RateLimitOptions } from "./rate-limit/mod.ts";
export { throttle, type ThrottleOptions } from "./throttle/mod.ts";
export { logger, type LoggerOptions } from "./logger/mod.ts";
export { webhooks, type WebhooksPluginOptions } from "./webhooks/mod.ts";
export { type BannedWord, moderation, type ModerationOptions } from "./moderation/mod.ts";

/**
 * The built-in plugin factories by plugin name, for `loadPlugins(file, { builtins })`.
 *
 * @example
 * ```ts
 * import { loadPlugins } from "../bot/mod.ts";
 * import { builtinPlugins } from "./mod.ts";
 *
 * const plugins = await loadPlugins("./plugins.json", { builtins: builtinPlugins });
 * ```
 */
export const builtinPlugins: Readonly<Record<string, (options: never) => Plugin>> = Object.freeze<
  Record<string, (options: never) => Plugin>
>({
  "session": session,
  "conversation": conversation,
  "commands": commands,
  "auto-accept": autoAccept,
  "rate-limit": rateLimit,
  "throttle": throttle,
  "logger": logger,
  "moderation": moderation,
});
// Types the signatures above refer to (full APIs: `sessionbot/bot`, `sessionbot/webhook`,
// `sessionbot/bridge`), so this entry point documents completely on its own.
export type * from "../bot/types.ts";
export type * from "../webhook/types.ts";
export type { AttachmentMeta, EVENT_SCHEMA, EventPayload } from "../bridge/mod.ts";
export type { RoomRef } from "../client/session/mod.ts";
