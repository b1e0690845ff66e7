/**
 * `logger()`: structured logs of what the bot receives and sends, plus everything plugins and
 * the bot report, in JSON or a compact line, never with secrets (recovery phrases, seeds and
 * keys in hex, passphrases, tokens, secret-named fields are redacted before the sink).
 *
 * @module
 */
import { z } from "zod";
import {
  definePlugin,
  LOG_LEVELS,
  type LogLevel,
  type LogRecord,
  type Plugin,
} from "../../bot/mod.ts";
import { VERSION } from "../_version.ts";
import { jsonLine, prettyLine } from "./format.ts";

/** Options of {@link logger}. */
export interface LoggerOptions {
  /** Lowest level written (default `"info"`). */
  readonly level?: LogLevel;
  /** `json` (default): one object per line; `pretty`: a compact line. */
  readonly format?: "json" | "pretty";
  /** Where records go (default: a line on stdout). Records arrive already redacted. */
  readonly sink?: (record: LogRecord) => void;
  /** Log each incoming event with its outcome and duration (default true). */
  readonly events?: boolean;
  /** Log each outgoing call with its outcome and duration (default true). */
  readonly sends?: boolean;
  /** Include message text in event records, redacted (default false: only its length). */
  readonly bodies?: boolean;
}

const schema = z.strictObject({
  level: z.enum(LOG_LEVELS as [LogLevel, ...LogLevel[]]).default("info"),
  format: z.enum(["json", "pretty"]).default("json"),
  sink: z.custom<(record: LogRecord) => void>((v) => typeof v === "function", {
    message: "must be a function (record) => void",
  }).optional(),
  events: z.boolean().default(true),
  sends: z.boolean().default(true),
  bodies: z.boolean().default(false),
});

const definition = definePlugin({
  name: "logger",
  version: VERSION,
  description: "Structured logs of events and sends, secrets redacted",
  config: schema,
  install(api) {
    const { level, format, bodies } = api.config;
    const line = format === "json" ? jsonLine : prettyLine;
    const sink = api.config.sink ?? ((record: LogRecord) => console.log(line(record)));
    api.bot.setLogTarget(sink, level);
    const log = api.bot.log;

    if (api.config.events) {
      api.use(async function logEvents(ctx, next) {
        const started = performance.now();
        const text = ctx.event.type === "message" ? ctx.event.body : undefined;
        const fields = {
          type: ctx.type,
          id: ctx.id,
          from: ctx.from,
          chat: ctx.chat,
          ...(text !== undefined ? bodies ? { text } : { textLength: text.length } : {}),
          ...(ctx.event.type === "message" && ctx.event.attachments.length > 0
            ? { attachments: ctx.event.attachments.length }
            : {}),
        };
        try {
          await next();
          log.info("event handled", { ...fields, ms: elapsed(started) });
        } catch (error) {
          log.error("event failed", { ...fields, ms: elapsed(started), error });
          throw error;
        }
      });
    }

    if (api.config.sends) {
      api.bot.api.use(async function logSends(call, next) {
        const started = performance.now();
        const fields = {
          method: call.method,
          to: call.to,
          ...(call.method === "send" && bodies
            ? { text: typeof call.input === "string" ? call.input : call.input.body }
            : {}),
        };
        try {
          const result = await next(call);
          log.info("sent", { ...fields, ms: elapsed(started) });
          return result;
        } catch (error) {
          log.warn("send failed", { ...fields, ms: elapsed(started), error });
          throw error;
        }
      });
    }
  },
});

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/**
 * The logger plugin: one structured record per incoming event (type, sender, chat, outcome,
 * duration) and per outgoing call, and it becomes the sink of every other log record of the
 * bot. Secrets never reach the sink: recovery phrases, hex seeds and keys, passphrases,
 * tokens and secret-named fields are replaced with `[redacted]`; message text is left out
 * unless `bodies: true` (and then redacted too).
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { logger } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(logger({ level: "debug", format: "pretty" }));
 * ```
 */
export function logger(options: LoggerOptions = {}): Plugin {
  return definition(options as never);
}
