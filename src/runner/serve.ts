/**
 * `serve`: a bot as a highly available service. Every process sharing the KV store joins an
 * election per identity; the leader creates, sets up and runs the bot, the others stand by and
 * take over when the leader's lease lapses.
 *
 * @module
 */
import { Bot, type BotCreateOptions, type Context } from "../bot/mod.ts";
import type { Identity } from "../crypto/mod.ts";
import { startElection } from "./elect.ts";
import { logEvents, type RunnerEventHandler, type StopResult } from "./events.ts";
import { leaderRole } from "./leader.ts";
import { createLease, type LeaseOptions } from "./lease.ts";
import type { RunOptions } from "./run.ts";
import { onShutdown } from "./signals.ts";
import { identityFrom, type IdentitySource, openStore } from "./store.ts";
import type { Health } from "./watchdog.ts";

/** Lease and election timing. */
export interface ElectionTiming extends LeaseOptions {
  /** Renewal period, ms (default a third of `ttlMs`). */
  readonly renewMs?: number;
  /** How often a standby tries to take over, ms (default 1 000). */
  readonly retryMs?: number;
}

/** Options of {@link serve}: the bot's (as `Bot.create`), the runner's and the election's. */
export type ServeOptions<C extends Context = Context> =
  & Omit<BotCreateOptions<C>, "kv" | "identity" | "identityName" | "passphrase">
  & IdentitySource
  & RunOptions
  & {
    /** The store shared by every process: a file path, a Deno KV URL, or an open `Deno.Kv`. */
    readonly kv: string | Deno.Kv;
    /** Adds middleware and plugins to each new bot (once per leadership). */
    readonly setup: (bot: Bot<C>) => unknown;
    /** Election timing; `false` runs at once without a lease (one process only!). */
    readonly lease?: ElectionTiming | false;
  };

/** A service's health: the role, and the watchdog's view while leading. */
export interface ServiceHealth extends Partial<Health> {
  /** False when the leader's polls have failed for the watchdog's `staleMs`. */
  readonly healthy: boolean;
  /** Whether this process polls, stands by, or has stopped. */
  readonly role: "standby" | "leader" | "stopped";
}

/** A running service. */
export interface BotService<C extends Context = Context> extends AsyncDisposable {
  /** The identity served. */
  readonly sessionId: string;
  /** The bot while this process leads. */
  readonly bot: Bot<C> | undefined;
  /** Standby, leader or stopped, and the poll watchdog's view. */
  health(): ServiceHealth;
  /** Steps down (draining handlers), gives up the lease, closes what it opened. */
  stop(): Promise<StopResult>;
  /** Resolves once stopped (by `stop()` or a signal). */
  readonly stopped: Promise<StopResult>;
}

/**
 * Serves a bot: opens the store and identity, joins the election for it and, while leading,
 * runs a bot built by `setup`, fenced so a deposed leader's commits fail. Start the same script
 * on several machines (a remote Deno KV URL) or processes (one KV file): one polls, the others
 * take over within the lease TTL plus `retryMs` (≈ 11 s by default) when it dies.
 *
 * Resolves once this process leads (its bot started) or stands by; rejects when the first start
 * fails. SIGINT/SIGTERM step down (handlers get `drainMs`), release the lease and exit 0.
 *
 * @example
 * ```ts
 * import { serve } from "./mod.ts";
 *
 * await serve({
 *   kv: Deno.env.get("BOT_KV") ?? "./bot.kv",
 *   identityName: "echo",
 *   createIdentity: true,
 *   setup(bot) {
 *     bot.on("message:text", (ctx) => ctx.reply(ctx.text));
 *   },
 * });
 * ```
 */
export async function serve<C extends Context = Context>(
  options: ServeOptions<C>,
): Promise<BotService<C>> {
  const { setup, lease: timing, drainMs, watchdog, signals, exit, onEvent, ...rest } = options;
  const { createIdentity: _c, identityName: _n, passphrase: _p, identity: _i, ...botOptions } =
    rest;
  const kv = typeof options.kv === "string" ? await openStore(options.kv) : options.kv;
  const release = () => typeof options.kv === "string" && kv.close();
  let identity: Identity;
  try {
    identity = await identityFrom(kv, options);
  } catch (error) {
    release();
    throw error;
  }
  const lease = timing === false ? undefined : createLease(kv, identity.sessionId, timing);
  const emit: RunnerEventHandler = onEvent ?? logEvents(() => role.current?.bot.log);
  const role = leaderRole<C>({
    create: () => Bot.create<C>({ ...botOptions, kv, identity }),
    setup,
    lease,
    run: { drainMs, watchdog },
    emit,
  });
  let last: StopResult = { drained: true, ms: 0 };
  const stepDown = async () => void (last = await role.stepDown() ?? last);

  // Until the first election outcome: leading (bot started), standing by, or a failed start,
  // which rejects serve() (a bug in setup, a bad option); later failures retry.
  const settled = Promise.withResolvers<void>();
  let first = true;
  settled.promise.then(() => first = false, () => first = false);
  const election = lease && startElection({
    lease,
    renewMs: timing ? timing.renewMs : undefined,
    retryMs: timing ? timing.retryMs : undefined,
    onStandby() {
      emit({ type: "standby" });
      settled.resolve();
    },
    onElected: () =>
      role.lead().then(settled.resolve, (e) => first ? settled.reject(e) : Promise.reject(e)),
    onDeposed: async (reason) => {
      emit({ type: "deposed", reason });
      await stepDown();
    },
    onError: (error) => emit({ type: "error", error }),
  });
  try {
    await (election ? settled.promise : role.lead());
  } catch (error) {
    await election?.stop();
    release();
    throw error;
  }

  const done = Promise.withResolvers<StopResult>();
  let stopping: Promise<StopResult> | undefined;
  let dispose = () => {};
  const stop = (signal?: Deno.Signal) =>
    stopping ??= (async () => {
      if (!signal) dispose();
      emit({ type: "stopping", signal });
      await (election ? election.stop() : stepDown());
      release();
      done.resolve(last);
      return last;
    })();
  if (signals !== false) {
    dispose = onShutdown((signal) => stop(signal).then(() => 0), { signals, exit });
  }

  return {
    sessionId: identity.sessionId,
    get bot() {
      return role.current?.bot;
    },
    health() {
      if (stopping) return { healthy: true, role: "stopped" };
      const run = role.current;
      return run ? { ...run.health(), role: "leader" } : { healthy: true, role: "standby" };
    },
    stop: () => stop(),
    stopped: done.promise,
    [Symbol.asyncDispose]: async () => void await stop(),
  };
}
