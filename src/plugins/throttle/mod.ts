/**
 * `throttle()`: outgoing pacing per recipient.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { throttle } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(throttle({ intervalMs: 1000, burst: 3 }));
 * ```
 *
 * @module
 */
export { throttle, type ThrottleOptions } from "./throttle.ts";
