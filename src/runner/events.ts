/**
 * What a runner reports: role changes, health, shutdown. By default the events go to the bot's
 * log (or, before a bot exists, to stderr from `warn` up).
 *
 * @module
 */
import { type BotLogger, defaultSink, type LogLevel } from "../bot/mod.ts";
import type { DeposedReason } from "./elect.ts";
import type { Health } from "./watchdog.ts";

/** How a stop went. */
export interface StopResult {
  /** True when every running handler finished within the drain bound. */
  readonly drained: boolean;
  /** How long stopping took, ms. */
  readonly ms: number;
}

/** Something the runner did or saw. */
export type RunnerEvent =
  | { readonly type: "standby"; readonly holder?: string }
  | { readonly type: "elected"; readonly epoch: number }
  | { readonly type: "started"; readonly sessionId: string; readonly epoch?: number }
  | { readonly type: "deposed"; readonly reason: DeposedReason }
  | { readonly type: "health"; readonly health: Health }
  | { readonly type: "stopping"; readonly signal?: Deno.Signal }
  | ({ readonly type: "stopped" } & StopResult)
  | { readonly type: "error"; readonly error: unknown };

/** Receives runner events. */
export type RunnerEventHandler = (event: RunnerEvent) => void;

/** A readable line and a level for `event`. */
export function describeEvent(event: RunnerEvent): { level: LogLevel; msg: string } {
  switch (event.type) {
    case "standby":
      return { level: "info", msg: "standing by: another process polls for this identity" };
    case "elected":
      return { level: "info", msg: `elected (epoch ${event.epoch}): this process polls now` };
    case "started":
      return { level: "info", msg: `bot ${event.sessionId.slice(0, 10)}… started` };
    case "deposed":
      return event.reason === "stopping"
        ? { level: "info", msg: "stepping down" }
        : event.reason === "lost"
        ? { level: "warn", msg: "lease lost to another process: stopping this bot" }
        : { level: "warn", msg: "the bot failed to start: stepping down, will try again" };
    case "health":
      return event.health.healthy
        ? { level: "warn", msg: "healthy again: polls succeed" }
        : { level: "error", msg: `unhealthy: ${event.health.reason}` };
    case "stopping":
      return {
        level: "info",
        msg: `stopping${event.signal ? ` on ${event.signal}` : ""}: draining handlers`,
      };
    case "stopped":
      return event.drained ? { level: "info", msg: `stopped in ${Math.round(event.ms)} ms` } : {
        level: "warn",
        msg: `stopped after ${Math.round(event.ms)} ms with handlers still running: ` +
          "their messages stay in the inbox and are handled on the next start",
      };
    case "error":
      return {
        level: "error",
        msg: `runner error: ${(event.error as Error)?.message ?? event.error}`,
      };
  }
}

/** The default handler: each event as one log record on `log()` (or stderr, warn and up). */
export function logEvents(log: () => BotLogger | undefined): RunnerEventHandler {
  return (event) => {
    const { level, msg } = describeEvent(event);
    const logger = log();
    if (logger) return logger[level](msg, { runner: event.type });
    if (level === "warn" || level === "error") {
      defaultSink({ time: new Date().toISOString(), level, msg });
    }
  };
}
