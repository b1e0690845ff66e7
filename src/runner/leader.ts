/**
 * The leader's part of a service: while this process leads, a bot is created, fenced to the
 * lease, set up and run; stepping down stops it with the bounded drain.
 *
 * @module
 */
import type { Bot, Context } from "../bot/mod.ts";
import type { RunnerEvent, RunnerEventHandler, StopResult } from "./events.ts";
import type { Lease } from "./lease.ts";
import { type BotRun, runBot, type RunOptions } from "./run.ts";

/** What leading needs. */
export interface LeaderDeps<C extends Context> {
  /** Opens a new bot (client, KV, identity). */
  readonly create: () => Promise<Bot<C>>;
  /** Adds the user's middleware and plugins. */
  readonly setup: (bot: Bot<C>) => unknown;
  /** The lease the bot's inbox commits are fenced with, if any. */
  readonly lease?: Lease;
  /** Drain bound and watchdog of each run. */
  readonly run: Pick<RunOptions, "drainMs" | "watchdog">;
  /** Receives the run's events (its "stopping" is left to the service, which knows the signal). */
  readonly emit: RunnerEventHandler;
}

/** The leader role of one process. */
export interface LeaderRole<C extends Context> {
  /** The running bot, while leading. */
  readonly current: BotRun<C> | undefined;
  /** Creates, sets up and starts a bot; on failure nothing is left running. */
  lead(): Promise<void>;
  /** Stops the running bot, if any; resolves with how the stop went. */
  stepDown(): Promise<StopResult | undefined>;
}

/** Creates the leader role of a service. */
export function leaderRole<C extends Context>(deps: LeaderDeps<C>): LeaderRole<C> {
  let current: BotRun<C> | undefined;
  const forward = (event: RunnerEvent) => event.type !== "stopping" && deps.emit(event);
  return {
    get current() {
      return current;
    },
    async lead() {
      if (deps.lease) deps.emit({ type: "elected", epoch: deps.lease.epoch! });
      const bot = await deps.create();
      try {
        if (deps.lease) bot.use(fence(deps.lease));
        await deps.setup(bot);
        current = await runBot(bot, { ...deps.run, signals: false, onEvent: forward });
      } catch (error) {
        await bot.stop().catch(() => {});
        throw error;
      }
    },
    async stepDown() {
      const run = current;
      current = undefined;
      return await run?.stop();
    },
  };
}

/** Middleware tying each event's inbox commit to the lease: a deposed leader's commit fails. */
function fence(lease: Lease) {
  return function fence(ctx: Context, next: () => Promise<void>): Promise<void> {
    ctx.event.tx?.check(lease.fence());
    return next();
  };
}
