/**
 * Running bots as services: {@link runBot} (start, poll watchdog, SIGINT/SIGTERM with a
 * bounded drain, exit 0) and {@link serve} (the same, highly available: processes sharing one
 * KV store elect one poller per identity with a {@link createLease lease}).
 *
 * @example
 * ```ts
 * import { serve } from "./mod.ts";
 *
 * // Start this script twice with the same BOT_KV: one polls, the other takes over on failure.
 * await serve({
 *   kv: Deno.env.get("BOT_KV") ?? "./bot.kv",
 *   identityName: "echo",
 *   createIdentity: true,
 *   drainMs: 10_000,
 *   watchdog: { staleMs: 5 * 60_000 },
 *   setup(bot) {
 *     bot.on("message:text", (ctx) => ctx.reply(ctx.text));
 *   },
 * });
 * ```
 *
 * @module
 */
export { type BotRun, runBot, type RunOptions } from "./run.ts";
export {
  type BotService,
  type ElectionTiming,
  serve,
  type ServeOptions,
  type ServiceHealth,
} from "./serve.ts";
export { createLease, type Lease, type LeaseOptions, type LeaseRecord } from "./lease.ts";
export { type DeposedReason, type Election, type ElectionOptions, startElection } from "./elect.ts";
export {
  type Health,
  type Probed,
  startWatchdog,
  type Watchdog,
  type WatchdogOptions,
} from "./watchdog.ts";
export { onShutdown, type ShutdownOptions } from "./signals.ts";
export { healthHandler } from "./health.ts";
export { identityFrom, type IdentitySource, openStore } from "./store.ts";
export {
  describeEvent,
  type RunnerEvent,
  type RunnerEventHandler,
  type StopResult,
} from "./events.ts";
export { type ServiceConfig, serviceConfig } from "./config.ts";
