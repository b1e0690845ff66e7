/**
 * `autoAccept()`: accept message requests from everyone, an allow list, or nobody.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { autoAccept } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(autoAccept({ greeting: "Hello! I am a bot." }));
 * ```
 *
 * @module
 */
export { autoAccept, type AutoAcceptOptions, type RequestPolicy } from "./auto_accept.ts";
