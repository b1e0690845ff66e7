/**
 * Log record formats: one JSON object per line, or a compact human line.
 *
 * @module
 */
import type { LogRecord } from "../../bot/mod.ts";

/** One JSON object per line (bigints as strings). */
export function jsonLine(record: LogRecord): string {
  return JSON.stringify(
    record,
    (_key, value) => typeof value === "bigint" ? value.toString() : value,
  );
}

/** `12:00:00.000 INFO  msg key=value …` */
export function prettyLine(record: LogRecord): string {
  const { time, level, msg, ...fields } = record;
  const parts = Object.entries(fields).map(([k, v]) =>
    `${k}=${typeof v === "string" ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v)}`
  );
  return [time.slice(11, 23), level.toUpperCase().padEnd(5), msg, ...parts].join(" ");
}
