/**
 * `startService`: one long-lived process from a {@link ServiceConfig}: the identity's client
 * and bot with its plugins, the community rooms it joins, the event log, outgoing webhooks and the HTTP API, stopped
 * gracefully on SIGINT/SIGTERM (API closed, handlers drained, webhook worker stopped, store
 * closed, exit 0).
 *
 * @module
 */
import { startHeartbeat } from "./heartbeat.ts";
import { Bot } from "../bot/mod.ts";
import type { LogRecord } from "../bot/logger.ts";
import { assertNoRestoreInProgress } from "../backup/mod.ts";
import {
  createEventLog,
  createMetrics,
  eventLogPlugin,
  observeClient,
  observeWebhooks,
} from "../bridge/mod.ts";
import type { SessionClient } from "../client/session/mod.ts";
import { SessionBotError, ValidationError } from "../core/errors.ts";
import { webhooks as webhooksPlugin } from "../plugins/webhooks/mod.ts";
import { devnetFileServer } from "../runner/config.ts";
import { identityFrom, onShutdown, openStore, runBot, type StopResult } from "../runner/mod.ts";
import { createWebhookServer } from "../server/mod.ts";
import { createWebhooks, type Webhooks } from "../webhook/mod.ts";
import type { ServiceConfig } from "./config_types.ts";
import { joinCommunities } from "./communities.ts";
import { ensureEndpoints } from "./endpoints.ts";
import { logSink } from "./log_sink.ts";
import { configPlugins } from "./plugins.ts";

/** Options of {@link startService}. */
export interface ServiceOptions {
  /** Signals that stop the service and end the process (default SIGINT, SIGTERM); `false`: none. */
  readonly signals?: readonly Deno.Signal[] | false;
  /** Ends the process after a signal (default `Deno.exit`). */
  readonly exit?: (code: number) => void;
  /** Where log records go (default: stderr in the config's format). */
  readonly logSink?: (record: LogRecord) => void;
  /** Called before each long start step (opening the network…), for progress output. */
  readonly onStep?: (step: string) => void;
}

/** A running service. */
export interface RunningService extends AsyncDisposable {
  /** The identity's Session ID. */
  readonly sessionId: string;
  /** The HTTP API's URL, when it is on (with the bound port when the config said 0). */
  readonly apiUrl?: string;
  /** The bot. */
  readonly bot: Bot;
  /** Stops everything (as a signal does, without ending the process). */
  stop(): Promise<StopResult>;
  /** Resolves once stopped. */
  readonly stopped: Promise<StopResult>;
}

/**
 * Starts the service described by `config`; resolves once the bot polls and the API listens.
 *
 * @example
 * ```ts
 * import { loadServiceConfig, startService } from "./mod.ts";
 * const config = await loadServiceConfig("./sessionbot.toml");
 * const service = await startService(config);
 * console.log(service.sessionId, service.apiUrl);
 * await service.stopped;
 * ```
 */
export async function startService(
  config: ServiceConfig,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const cleanups: (() => unknown)[] = [];
  const cleanup = async () => {
    for (const undo of cleanups.splice(0).reverse()) await undo();
  };
  try {
    const plugins = await configPlugins(config); // config errors first, before anything opens
    options.onStep?.("opening the store");
    const kv = await openStore(config.identity.kv);
    cleanups.push(() => kv.close());
    await assertNoRestoreInProgress(kv);
    const identity = await identityFrom(kv, {
      identityName: config.identity.name,
      passphrase: config.identity.passphrase,
      createIdentity: config.identity.create,
    }).catch((error) => {
      if (error instanceof SessionBotError && error.code === "identity_not_found") {
        throw new ValidationError(
          `identity.name: ${error.message}; set identity.create = true to create it on the ` +
            "first start, or restore it first (sessionbot restore / restore-backup)",
          error.code,
          "identity.name",
          { cause: error },
        );
      }
      throw error;
    });
    const seed = config.network.seed;
    const fileServer = config.network.fileServer ??
      (seed ? await devnetFileServer(seed) : undefined);
    const bot = await Bot.create({
      kv,
      identity,
      ...(seed ? { network: seed } : {}),
      ...(fileServer ? { fileServer } : {}),
      history: config.bot.history,
      ...(config.bot.pollInterval ? { pollInterval: config.bot.pollInterval } : {}),
      ...(config.bot.help !== undefined ? { help: config.bot.help } : {}),
      logSink: options.logSink ?? logSink(config.logging.format),
      logLevel: config.logging.level,
    });
    let stopBot = () => bot.stop(); // until the runner owns the bot
    cleanups.push(() => stopBot());
    const client = bot.client as SessionClient;
    const events = createEventLog(kv);
    bot.use(eventLogPlugin(events));
    let webhooks: Webhooks | undefined;
    if (config.webhooks.enabled) {
      const hooks = webhooks = createWebhooks({
        kv,
        onError: (error) => bot.log.error("webhook worker error", { error }),
      });
      cleanups.push(() => hooks.stop());
      await ensureEndpoints(hooks, config.webhooks.endpoints);
      bot.use(webhooksPlugin({ webhooks: hooks }));
    }
    if (plugins.length > 0) bot.use(...plugins);
    const metrics = createMetrics();
    cleanups.push(observeClient(metrics, client));
    if (webhooks) cleanups.push(observeWebhooks(metrics, webhooks));
    // Built before the bot starts, so a bad API option (no token) fails before any polling.
    const server = config.api.enabled
      ? createWebhookServer({
        client,
        kv,
        token: config.api.tokens,
        auth: config.api.auth,
        events,
        webhooks,
        metrics,
        ...(config.api.maxBodyBytes ? { maxBodyBytes: config.api.maxBodyBytes } : {}),
        ...(config.api.allowPrivateAttachmentUrls !== undefined
          ? { allowPrivateAttachmentUrls: config.api.allowPrivateAttachmentUrls }
          : {}),
      })
      : undefined;

    options.onStep?.("opening the network and polling");
    const run = await runBot(bot, { drainMs: config.bot.drainMs, signals: false });
    stopBot = async () => void await run.stop();
    if (config.communities.length > 0) options.onStep?.("joining community rooms");
    await joinCommunities(
      client.communities,
      config.communities,
      (message, fields) => bot.log.warn(message, fields),
      kv,
    );
    webhooks?.start();
    const heartbeat = await startHeartbeat(kv);
    cleanups.push(() => heartbeat.stop());
    const listener = server
      ? await server.listen({ hostname: config.api.hostname, port: config.api.port })
        .catch((error) => {
          // Not "network unreachable" (exit 3): the fix is in the config or on this host.
          throw new SessionBotError(
            `api: cannot listen on ${config.api.hostname}:${config.api.port}: ` +
              `${(error as Error).message}; free the port or change api.port`,
            (error as SessionBotError).code ?? "listen_failed",
            { cause: error },
          );
        })
      : undefined;
    if (listener) cleanups.push(() => listener.close());
    bot.log.info("service started", {
      sessionId: bot.me,
      ...(listener ? { api: listener.url } : {}),
      webhooks: config.webhooks.enabled,
      communities: config.communities.length,
    });

    const done = Promise.withResolvers<StopResult>();
    let stopping: Promise<StopResult> | undefined;
    let dispose = () => {};
    const stop = (signal?: Deno.Signal) =>
      stopping ??= (async () => {
        if (!signal) dispose();
        const began = performance.now();
        // Order: no new API requests, then handlers drain (their sends and webhook enqueues
        // finish), then the webhook worker, then the store.
        await listener?.close();
        const drained = await run.stop();
        await webhooks?.stop();
        await heartbeat.stop();
        cleanups.length = 0;
        kv.close();
        const result = { drained: drained.drained, ms: performance.now() - began };
        done.resolve(result);
        return result;
      })();
    if (options.signals !== false) {
      dispose = onShutdown(async (signal) => void await stop(signal), {
        ...(options.signals ? { signals: options.signals } : {}),
        ...(options.exit ? { exit: options.exit } : {}),
      });
    }
    return {
      sessionId: bot.me,
      ...(listener ? { apiUrl: listener.url } : {}),
      bot,
      stop: () => stop(),
      stopped: done.promise,
      [Symbol.asyncDispose]: async () => void await stop(),
    };
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }
}
