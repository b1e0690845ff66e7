/**
 * `rateLimit()`: an incoming flood limit per user, with one polite reply per window.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { rateLimit } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(rateLimit({ limit: 3, windowMs: 5_000 }));
 * ```
 *
 * @module
 */
export { rateLimit, type RateLimitOptions } from "./rate_limit.ts";
