/**
 * `throttle()`: outgoing pacing per recipient, so a chatty bot never floods one person (or a
 * swarm): `burst` sends at once, then one per `intervalMs`, in order.
 *
 * @module
 */
import { z } from "zod";
import { type ApiMethod, CLIENT_METHODS, definePlugin, type Plugin } from "../../bot/mod.ts";
import { SessionBotError } from "../../core/errors.ts";
import { VERSION } from "../_version.ts";
import { createPacer } from "./pace.ts";

/** Options of {@link throttle}. */
export interface ThrottleOptions {
  /** Spacing between calls to one recipient once the burst is used, ms (default 1000). */
  readonly intervalMs?: number;
  /** Calls to one recipient allowed at once (default 3). */
  readonly burst?: number;
  /**
   * Which calls are paced (default every call that sends a message: send, react, markRead,
   * typing, acceptRequest).
   */
  readonly methods?: readonly ApiMethod[];
}

const schema = z.strictObject({
  intervalMs: z.number().int().min(1).default(1000),
  burst: z.number().int().min(1).default(3),
  methods: z.array(z.enum(CLIENT_METHODS)).min(1).default([
    "send",
    "react",
    "markRead",
    "typing",
    "acceptRequest",
  ]),
});

const definition = definePlugin({
  name: "throttle",
  version: VERSION,
  description: "Outgoing pacing per recipient",
  config: schema,
  install(api) {
    const { intervalMs, burst } = api.config;
    const methods = new Set<string>(api.config.methods);
    const pacer = createPacer(intervalMs, burst);
    api.bot.api.use(async function throttle(call, next) {
      if (!methods.has(call.method)) return await next(call);
      const wait = pacer.reserve(call.to, Date.now());
      if (wait > 0) {
        api.log.debug("throttling an outgoing call", {
          method: call.method,
          to: call.to,
          waitMs: wait,
        });
        await sleep(wait, api.signal);
      }
      return await next(call);
    });
  },
});

/** Waits `ms`; rejects when `signal` aborts (the bot is stopping), leaving no timer behind. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  const stopping = () =>
    new SessionBotError(
      "the bot is stopping: the paced call was not sent (the event is retried)",
      "stopped",
    );
  if (signal.aborted) return Promise.reject(stopping());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(stopping());
    };
    signal.addEventListener("abort", abort, { once: true });
  });
}

/**
 * The throttle plugin: paces outgoing calls per recipient through the bot's API, so replies,
 * reactions and receipts to one person go out at most `burst` at once and then one per
 * `intervalMs`, in the order they were made. Other recipients are not held up.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { throttle } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(throttle({ intervalMs: 500, burst: 5 }));
 * ```
 */
export function throttle(options: ThrottleOptions = {}): Plugin {
  return definition(options as never);
}
