/**
 * `webhooks()`: every event the bot handles goes to the outgoing webhooks queue
 * (`src/webhook`), atomically with the inbox.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { createWebhooks } from "../../webhook/mod.ts";
 * import { webhooks } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const kv = await Deno.openKv(":memory:");
 * const bot = new Bot(client, { kv });
 * bot.use(webhooks({ webhooks: createWebhooks({ kv }) }));
 * ```
 *
 * @module
 */
export { webhooks, type WebhooksPluginOptions } from "./webhooks.ts";
