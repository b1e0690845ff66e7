/**
 * `commands()`: the `/help` list and a reply to unknown commands.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { commands } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(commands({ unknown: "Sorry, I don't know /{command}. Try /help." }));
 * bot.command("start", "Say hello", (ctx) => ctx.reply("Hello!"));
 * ```
 *
 * @module
 */
export { commands, type CommandsOptions } from "./commands.ts";
