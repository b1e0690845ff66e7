/**
 * `session()`: per-conversation state in Deno KV with versionstamp-checked updates, a TTL and
 * migrations.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient, type Context } from "../../bot/mod.ts";
 * import { session, type SessionFlavor } from "./mod.ts";
 *
 * type MyContext = Context & SessionFlavor<{ name?: string }>;
 * declare const client: BotClient;
 * const bot = new Bot<MyContext>(client, { kv: await Deno.openKv(":memory:") });
 * bot.use(session({ initial: () => ({}) }));
 * bot.command("name", (ctx) => {
 *   ctx.session.name = ctx.match;
 *   return ctx.reply(`Hello, ${ctx.match}!`);
 * });
 * ```
 *
 * @module
 */
export { session, type SessionFlavor, type SessionOptions } from "./session.ts";
