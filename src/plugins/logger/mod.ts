/**
 * `logger()`: structured logs of events and sends, secrets redacted.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { logger } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(logger({ sink: (record) => console.log(JSON.stringify(record)) }));
 * ```
 *
 * @module
 */
export { logger, type LoggerOptions } from "./logger.ts";
