/**
 * The bot's structured log: records with a level, a message and fields, written to a sink
 * after secrets are taken out ({@link redact}). The `logger()` plugin picks the sink and level.
 *
 * @module
 */
import { redact } from "./redact.ts";

/** Severity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Order of the levels. */
export const LOG_LEVELS: readonly LogLevel[] = Object.freeze(["debug", "info", "warn", "error"]);

/** One log record: level, message, time and redacted fields. */
export interface LogRecord {
  /** ISO time. */
  readonly time: string;
  /** Severity. */
  readonly level: LogLevel;
  /** What happened. */
  readonly msg: string;
  /** Context fields, secrets already replaced. */
  readonly [field: string]: unknown;
}

/** Where records go. */
export type LogSink = (record: LogRecord) => void;

/**
 * Writes structured records. Fields are redacted before they reach the sink.
 *
 * @example
 * ```ts
 * import { Bot } from "./mod.ts";
 *
 * declare const bot: Bot;
 * bot.log.info("order placed", { chat: "05…", items: 3 });
 * bot.log.child({ plugin: "shop" }).warn("stock low", { item: "tea" });
 * ```
 */
export interface BotLogger {
  /** Detailed tracing. */
  debug(msg: string, fields?: Record<string, unknown>): void;
  /** Normal operation. */
  info(msg: string, fields?: Record<string, unknown>): void;
  /** Something to look at. */
  warn(msg: string, fields?: Record<string, unknown>): void;
  /** A failure. */
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger adding `fields` to every record. */
  child(fields: Record<string, unknown>): BotLogger;
}

/**
 * The sink used until the `logger()` plugin sets one: one line per record on stderr (the bot
 * sends it warnings and errors only).
 *
 * @example
 * ```ts
 * import { defaultSink } from "./mod.ts";
 *
 * // Prints `[sessionbot] warn: poll failed {"attempt":2}` to stderr.
 * defaultSink({ time: new Date().toISOString(), level: "warn", msg: "poll failed", attempt: 2 });
 * ```
 */
export const defaultSink: LogSink = (record) => {
  const { time: _t, level, msg, ...fields } = record;
  const extra = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  console.error(`[sessionbot] ${level}: ${msg}${extra}`);
};

/** Where a logger writes, and from which level on. */
export interface LogTarget {
  /** The sink. */
  readonly sink: LogSink;
  /** Records below this level are dropped before anything is redacted. */
  readonly level: LogLevel;
}

/**
 * A logger writing to whatever `target()` returns at the time of each record (so the sink can
 * be swapped later), with `base` fields on every record.
 */
export function createLogger(
  target: () => LogTarget,
  base: Record<string, unknown> = {},
): BotLogger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    const { sink, level: min } = target();
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(min)) return;
    const redacted = redact({ ...base, ...fields }) as Record<string, unknown>;
    delete redacted.time;
    delete redacted.level;
    delete redacted.msg;
    const record: LogRecord = {
      time: new Date().toISOString(),
      level,
      msg: redact(String(msg)) as string,
      ...redacted,
    };
    try {
      sink(record);
    } catch {
      // A broken sink must never break a handler.
    }
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger(target, { ...base, ...fields }),
  };
}
