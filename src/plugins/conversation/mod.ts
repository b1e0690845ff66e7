/**
 * `conversation()`: multi-step dialogues with `ask`/`wait`, timeouts and `/cancel`. With a KV
 * store they survive restarts: a journal of each step is replayed (keep builders
 * deterministic; use `conversation.now()`, `random()`, `external()`).
 *
 * @example
 * ```ts
 * import { Bot, type BotClient, type Context } from "../../bot/mod.ts";
 * import { conversation, type ConversationFlavor, defineConversation } from "./mod.ts";
 *
 * type MyContext = Context & ConversationFlavor;
 * const signup = defineConversation<MyContext>(async (conversation) => {
 *   const name = await conversation.ask("Your name?");
 *   const email = await conversation.ask("Your e-mail?", { timeoutMs: 120_000 });
 *   await email.reply(`Thanks ${name.text}, we will write to ${email.text}.`);
 * });
 * declare const client: BotClient;
 * const bot = new Bot<MyContext>(client);
 * bot.use(conversation({ conversations: { signup } }));
 * bot.command("signup", (ctx) => ctx.conversation.enter("signup"));
 * ```
 *
 * @module
 */
export {
  conversation,
  type ConversationControl,
  type ConversationFlavor,
  type ConversationOptions,
  defineConversation,
} from "./conversation.ts";
export { type Conversation, type ConversationBuilder, type WaitOptions } from "./runner.ts";
export { type ConversationEnd, ConversationError } from "./errors.ts";
