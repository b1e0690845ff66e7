/**
 * Feeding the event log: `recordEvents(client, log)` subscribes to a client directly, and
 * `eventLogPlugin(log)` does the same from inside a bot. Either way the event is logged by a
 * client handler, so it is in KV before the client drops it from its inbox; a failed append
 * makes the client retry the event, and the log's idempotent append keeps one copy.
 *
 * @module
 */
import { BOT_EVENT_TYPES, definePlugin, type Plugin } from "../bot/mod.ts";
import type { MessageEvent, SessionEvent } from "../client/session/mod.ts";
import type { EventLog } from "./event_log_types.ts";

/**
 * Anything with `on(type, handler)` returning an unsubscribe, for every event type: a
 * `SessionClient`, a bot's client.
 */
export interface EventSource {
  /** Subscribes `handler` to events of `type`; returns the unsubscribe. */
  on(type: "message", handler: (event: MessageEvent) => Promise<void>): () => void;
}

/**
 * Logs every event (incoming and our own devices' sync copies, not `error`) that `client`
 * hands to its handlers; returns the unsubscribe.
 *
 * @example
 * ```ts
 * import { createEventLog, recordEvents } from "./mod.ts";
 * import type { SessionClient } from "../client/session/mod.ts";
 *
 * declare const client: SessionClient;
 * const kv = await Deno.openKv(":memory:");
 * const stop = recordEvents(client, createEventLog(kv));
 * // … later
 * stop();
 * ```
 */
export function recordEvents(client: EventSource, log: EventLog): () => void {
  const on = client.on.bind(client) as unknown as (
    type: string,
    handler: (event: SessionEvent) => Promise<void>,
  ) => () => void;
  const handler = async (event: SessionEvent) => void await log.append(event);
  const offs = BOT_EVENT_TYPES.map((type) => on(type, handler));
  return () => offs.forEach((off) => off());
}

/**
 * A bot plugin that logs every event of the bot's client (see {@link recordEvents}, which it
 * subscribes when the bot starts). It is also middleware: installed first, it has logged an
 * event before the handlers after it run (the second append of the same event is a no-op).
 *
 * @example
 * ```ts
 * import { Bot } from "../bot/mod.ts";
 * import { createEventLog, eventLogPlugin } from "./mod.ts";
 *
 * const kv = await Deno.openKv("./bot.kv");
 * const bot = await Bot.create({ kv, identityName: "default" });
 * bot.use(eventLogPlugin(createEventLog(kv)));
 * await bot.start();
 * ```
 */
export function eventLogPlugin(log: EventLog): Plugin {
  let stop: (() => void) | undefined;
  return definePlugin({
    name: "event-log",
    version: "1.0.0",
    description: "Logs every event in KV for the HTTP API (GET /v1/messages, /v1/events)",
    install(api) {
      api.use(async (ctx, next) => {
        await log.append(ctx.event as SessionEvent);
        await next();
      });
    },
    start(api) {
      stop = recordEvents(api.bot.client, log);
    },
    stop() {
      stop?.();
      stop = undefined;
    },
  })();
}
