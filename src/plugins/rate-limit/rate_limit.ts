/**
 * `rateLimit()`: an incoming flood limit per user. Over the limit, events are dropped (they
 * count as handled) and the sender gets one polite reply per window.
 *
 * @module
 */
import { z } from "zod";
import {
  BOT_EVENT_TYPES,
  type BotEventType,
  type Context,
  definePlugin,
  type Plugin,
} from "../../bot/mod.ts";
import { isSessionId } from "../../crypto/mod.ts";
import { VERSION } from "../_version.ts";
import { createWindows } from "./window.ts";

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Events allowed per window and user (default 10). */
  readonly limit?: number;
  /** The window, ms (default 10 000). */
  readonly windowMs?: number;
  /**
   * Sent once per window to a user over the limit; `{seconds}` becomes the wait (default: a
   * polite note; `false`: drop silently).
   */
  readonly reply?: string | false;
  /** Event types that count (default `["message"]`). */
  readonly events?: readonly BotEventType[];
  /** Who is limited: a key per event (default the sender, `ctx.from`). */
  readonly key?: (ctx: Context) => string;
  /** Session IDs never limited (admins, monitoring). */
  readonly exempt?: readonly string[];
}

const schema = z.strictObject({
  limit: z.number().int().min(1).default(10),
  windowMs: z.number().int().min(1).default(10_000),
  reply: z.union([z.string().min(1), z.literal(false)]).default(
    "You are sending messages faster than I can keep up. Please wait {seconds} s and try again.",
  ),
  events: z.array(z.enum(BOT_EVENT_TYPES as [BotEventType, ...BotEventType[]])).min(1).default([
    "message",
  ]),
  key: z.custom<(ctx: Context) => string>((v) => typeof v === "function", {
    message: "must be a function (ctx) => string",
  }).optional(),
  exempt: z.array(
    z.string().trim().toLowerCase().refine(isSessionId, { message: "must be a Session ID" }),
  )
    .default([]),
});

const definition = definePlugin({
  name: "rate-limit",
  version: VERSION,
  description: "Incoming flood limit per user, with one polite reply per window",
  config: schema,
  install(api) {
    const { limit, windowMs, reply } = api.config;
    const events = new Set<string>(api.config.events);
    const exempt = new Set(api.config.exempt);
    const keyOf = api.config.key ?? ((ctx: Context) => ctx.from);
    const windows = createWindows(limit, windowMs);

    api.use(async function rateLimit(ctx, next) {
      if (!events.has(ctx.type) || exempt.has(ctx.from)) return await next();
      const now = Date.now();
      const hit = windows.hit(keyOf(ctx), now);
      if (!hit.over) return await next();
      if (hit.firstOver) {
        api.log.warn("rate limit reached; dropping events until the window ends", {
          from: ctx.from,
          limit,
          windowMs,
        });
        if (reply) {
          const seconds = Math.max(1, Math.ceil((hit.resetAt - now) / 1000));
          await ctx.reply(reply.replaceAll("{seconds}", String(seconds)));
        }
      }
    });
  },
});

/**
 * The rate-limit plugin: at most `limit` events per `windowMs` per user reach the handlers;
 * the rest are dropped, and the user gets one polite reply per window. Install it early.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { rateLimit } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(rateLimit({ limit: 5, windowMs: 10_000, reply: "Easy! Wait {seconds} s." }));
 * ```
 */
export function rateLimit(options: RateLimitOptions = {}): Plugin {
  return definition(options as never);
}
