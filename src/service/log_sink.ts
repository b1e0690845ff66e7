/**
 * The service's log sink: one line per record on stderr, readable text or JSON lines (for
 * journald or a log shipper).
 *
 * @module
 */
import { defaultSink, type LogSink } from "../bot/logger.ts";

/**
 * The sink for `format`.
 *
 * @example
 * ```ts
 * import { logSink } from "./log_sink.ts";
 * logSink("json")({ time: new Date().toISOString(), level: "info", msg: "started" });
 * ```
 */
export function logSink(
  format: "text" | "json",
  write: (line: string) => void = (line) => console.error(line),
): LogSink {
  if (format === "text") return defaultSink;
  return (record) => write(JSON.stringify(record));
}
