/**
 * `runBot`: one bot as a service. Starts it, watches its polling, and on SIGINT/SIGTERM drains
 * running handlers (bounded), lets the client write its commits, and exits 0.
 *
 * @module
 */
import type { Bot, Context } from "../bot/mod.ts";
import { positiveMs, within } from "./_time.ts";
import { logEvents, type RunnerEventHandler, type StopResult } from "./events.ts";
import { onShutdown } from "./signals.ts";
import { type Health, startWatchdog, type WatchdogOptions } from "./watchdog.ts";

/** Options of {@link runBot}. */
export interface RunOptions {
  /** How long a stop waits for running handlers, ms (default 10 000). */
  readonly drainMs?: number;
  /** Poll watchdog options; `false` turns it off. */
  readonly watchdog?: WatchdogOptions | false;
  /** Signals that stop the bot and end the process (default SIGINT, SIGTERM); `false`: none. */
  readonly signals?: readonly Deno.Signal[] | false;
  /** Ends the process after a signal (default `Deno.exit`). */
  readonly exit?: (code: number) => void;
  /** Receives runner events (default: the bot's log). */
  readonly onEvent?: RunnerEventHandler;
}

/** A running bot. */
export interface BotRun<C extends Context = Context> extends AsyncDisposable {
  /** The bot. */
  readonly bot: Bot<C>;
  /** The watchdog's view (always healthy when it is off). */
  health(): Health;
  /** Stops: handlers get `drainMs` to finish; resolves with how it went. */
  stop(): Promise<StopResult>;
  /** Resolves once stopped (by `stop()` or a signal). */
  readonly stopped: Promise<StopResult>;
}

/**
 * Starts `bot` and runs it until a signal (or `stop()`). On SIGINT/SIGTERM running handlers
 * get `drainMs` to finish; whatever did not finish stays in the KV inbox for the next start.
 * The process then exits 0.
 *
 * @example
 * ```ts
 * import { Bot } from "../bot/mod.ts";
 * import { runBot } from "./mod.ts";
 *
 * const bot = await Bot.create({ kv: "./echo.kv", identityName: "echo" });
 * bot.on("message:text", (ctx) => ctx.reply(ctx.text));
 * const run = await runBot(bot, { drainMs: 5000, watchdog: { staleMs: 3 * 60_000 } });
 * console.log(run.health()); // { healthy: true, lastPollAt: … }
 * ```
 */
export async function runBot<C extends Context>(
  bot: Bot<C>,
  options: RunOptions = {},
): Promise<BotRun<C>> {
  const drainMs = positiveMs(options.drainMs, 10_000, "drainMs");
  const emit = options.onEvent ?? logEvents(() => bot.log);
  await bot.start();
  emit({ type: "started", sessionId: bot.me });
  const watchdog = options.watchdog === false ? undefined : startWatchdog(bot.client, {
    ...options.watchdog,
    onChange(health) {
      emit({ type: "health", health });
      options.watchdog && options.watchdog.onChange?.(health);
    },
  });
  const done = Promise.withResolvers<StopResult>();
  let stopping: Promise<StopResult> | undefined;
  let dispose = () => {};

  function stop(signal?: Deno.Signal): Promise<StopResult> {
    return stopping ??= (async () => {
      const began = performance.now();
      if (!signal) dispose(); // after a signal, a second one must still end the process
      watchdog?.stop();
      emit({ type: "stopping", signal });
      const drained = await within(bot.stop(), drainMs);
      const result = { drained, ms: performance.now() - began };
      emit({ type: "stopped", ...result });
      done.resolve(result);
      return result;
    })();
  }

  if (options.signals !== false) {
    dispose = onShutdown(async (signal) => void await stop(signal), {
      signals: options.signals,
      exit: options.exit,
    });
  }
  return {
    bot,
    health: () => watchdog?.health() ?? { healthy: true, lastPollAt: Date.now() },
    stop: () => stop(),
    stopped: done.promise,
    [Symbol.asyncDispose]: async () => void await stop(),
  };
}
