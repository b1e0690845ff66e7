/**
 * `Bot`: a composer bound to a client. It turns client events into contexts, runs the
 * middleware, installs plugins, and reports failures without ever dropping a message.
 *
 * @module
 */
import { openKv } from "../client/mod.ts";
import { SessionClient, type SessionClientOptions } from "../client/session/mod.ts";
import { SessionBotError, ValidationError } from "../core/errors.ts";
import { Api, CLIENT_METHODS } from "./api.ts";
import type { BotClient } from "./client.ts";
import { helpText, parseCommand } from "./commands.ts";
import { createSelfCheck, isCommunityEvent, textOf } from "./community.ts";
import { Composer, type Middleware } from "./composer.ts";
import { Context } from "./context.ts";
import { BotError, describe } from "./errors.ts";
import { BOT_EVENT_TYPES, type BotEvent, type ErrorEvent } from "./events.ts";
import {
  type BotLogger,
  createLogger,
  defaultSink,
  type LogLevel,
  type LogSink,
  type LogTarget,
} from "./logger.ts";
import { isPlugin, type Plugin, type PluginHandle, pluginHandle } from "./plugin.ts";

/** Builds contexts: `Context` or a subclass of it. */
export type ContextConstructor<C extends Context> = new (
  event: BotEvent,
  api: Api,
  me: string,
) => C;

/** Handles a {@link BotError}; see {@link Bot.catch}. */
export type ErrorHandler<C extends Context = Context> = (error: BotError<C>) => unknown;

/** Options of {@link Bot}. */
export interface BotOptions<C extends Context = Context> {
  /** The Deno KV store plugins keep state in (sessions, conversations…). */
  readonly kv?: Deno.Kv;
  /** Your `Context` subclass, to add members to every `ctx`. */
  readonly ContextConstructor?: ContextConstructor<C>;
  /**
   * Answer `/help` with the generated command list when no handler took it (default true;
   * the `commands()` plugin replaces this with a configurable one).
   */
  readonly help?: boolean;
  /** Where log records go until a `logger()` plugin says otherwise (default: stderr). */
  readonly logSink?: LogSink;
  /** The lowest level logged (default `"warn"`). */
  readonly logLevel?: LogLevel;
}

/**
 * Options of {@link Bot.create}: the `SessionClient`'s (`kv`, `identity` or `identityName`,
 * `network`, `fileServer`, poll interval, retry policies…) and the bot's.
 */
export type BotCreateOptions<C extends Context = Context> =
  & SessionClientOptions
  & Omit<BotOptions<C>, "kv">;

type State = "idle" | "starting" | "running" | "stopping" | "stopped";

/**
 * A Session bot: middleware over a client's events, plugins, and durable delivery. Handlers
 * run once per event; one that throws is reported to {@link Bot.catch} and the event goes back
 * to the client, which retries it and finally dead-letters it with the reason.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "./mod.ts";
 *
 * declare const client: BotClient; // e.g. a SessionClient
 * const bot = new Bot(client);
 * bot.command("start", "Say hello", (ctx) => ctx.reply("Hello! Send /help for more."));
 * bot.on("message:text", (ctx) => ctx.reply(`You said: ${ctx.text}`));
 * bot.on("reaction:added", (ctx) => console.log(ctx.from, "reacted", ctx.reaction.emoji));
 * bot.catch((err) => console.error(err.message));
 * await bot.start();
 * ```
 */
export class Bot<C extends Context = Context> extends Composer<C> {
  /** The client the bot runs on. */
  readonly client: BotClient;
  /** Outgoing calls: every send goes through here to the client's outbox. */
  readonly api: Api;
  /** The bot's structured log (secrets are redacted before the sink sees a record). */
  readonly log: BotLogger;

  readonly #kv: Deno.Kv | undefined;
  readonly #Ctx: ContextConstructor<C>;
  readonly #help: boolean;
  readonly #handles: PluginHandle[] = [];
  readonly #installing: Promise<void>[] = [];
  readonly #unsubscribe: (() => void)[] = [];
  readonly #aborter = new AbortController();
  #installError: unknown;
  #errorHandler: ErrorHandler<C>;
  #state: State = "idle";
  #target: LogTarget;
  #owned: (() => Promise<void>) | undefined;
  #isOwnPost: ReturnType<typeof createSelfCheck> | undefined;

  /**
   * Creates a bot on `client` (a `SessionClient`, or anything implementing {@link BotClient}).
   *
   * @example
   * ```ts
   * import { Bot, type BotClient } from "./mod.ts";
   *
   * declare const client: BotClient;
   * const kv = await Deno.openKv(":memory:");
   * const bot = new Bot(client, { kv, help: true });
   * ```
   */
  constructor(client: BotClient, options: BotOptions<C> = {}) {
    super();
    checkClient(client);
    this.client = client;
    this.api = new Api(client);
    this.#kv = options.kv ?? (client as { kv?: Deno.Kv }).kv;
    this.#Ctx = options.ContextConstructor ?? (Context as unknown as ContextConstructor<C>);
    this.#help = options.help ?? true;
    this.#target = { sink: options.logSink ?? defaultSink, level: options.logLevel ?? "warn" };
    this.log = createLogger(() => this.#target, {});
    this.#errorHandler = (err) => {
      this.log.error("a handler failed; the event will be retried", {
        type: err.ctx.type,
        id: err.ctx.id,
        chat: err.ctx.chat,
        error: err.error,
      });
    };
  }

  /**
   * Opens a `SessionClient` (KV store, identity, network) and a bot on it; `stop()` closes
   * both.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * const bot = await Bot.create({
   *   kv: "./bot.kv",
   *   identityName: "default",
   *   network: "https://127.0.0.1:22000/json_rpc", // a devnet seed; omit for mainnet
   * });
   * bot.on("message:text", (ctx) => ctx.reply(ctx.text));
   * await bot.start();
   * ```
   */
  static async create<C extends Context = Context>(options: BotCreateOptions<C>): Promise<Bot<C>> {
    const { ContextConstructor, help, logSink, logLevel, ...clientOptions } = options;
    const ownsKv = typeof clientOptions.kv === "string";
    const kv = typeof clientOptions.kv === "string"
      ? await openKv(clientOptions.kv)
      : clientOptions.kv;
    let client: SessionClient;
    try {
      client = await SessionClient.open({ ...clientOptions, kv });
    } catch (error) {
      if (ownsKv) kv.close();
      throw error;
    }
    const bot = new Bot<C>(client, { kv, ContextConstructor, help, logSink, logLevel });
    bot.#owned = async () => {
      await client.stop();
      if (ownsKv) kv.close();
    };
    return bot;
  }

  /** The bot's Session ID. */
  get me(): string {
    return this.client.sessionId;
  }

  /** The KV store plugins use, when one was given (or the client exposes one). */
  get kv(): Deno.Kv | undefined {
    return this.#kv;
  }

  /** Aborted when the bot stops. */
  get signal(): AbortSignal {
    return this.#aborter.signal;
  }

  /** Whether the bot is receiving events. */
  get running(): boolean {
    return this.#state === "running";
  }

  /** The installed plugins, in order. */
  get plugins(): readonly Plugin[] {
    return this.#handles.map((h) => h.plugin);
  }

  /**
   * Adds middleware, or installs plugins at this place in the chain.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   * import { rateLimit, session } from "../plugins/mod.ts";
   *
   * declare const bot: Bot;
   * bot.use(rateLimit({ limit: 5, windowMs: 10_000 }), session({ initial: () => ({ n: 0 }) }));
   * bot.use(async (ctx, next) => {
   *   console.log(ctx.type);
   *   await next();
   * });
   * ```
   */
  override use(...middleware: (Middleware<C> | Plugin)[]): Composer<C> {
    if (!middleware.some(isPlugin)) return super.use(...(middleware as Middleware<C>[]));
    let last: Composer<C> | undefined;
    for (const item of middleware) {
      last = isPlugin(item) ? this.#install(item) : super.use(item);
    }
    return last!;
  }

  /**
   * Sets the error handler: it gets every {@link BotError} (the failing context and what was
   * thrown). The event still goes back to the client for a retry; to treat an error as
   * handled, wrap the middleware in {@link Composer.errorBoundary}.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.catch(async (err) => {
   *   console.error("failed:", err.error);
   *   await err.ctx.reply("Something went wrong, I will try again.").catch(() => {});
   * });
   * ```
   */
  catch(handler: ErrorHandler<C>): this {
    if (typeof handler !== "function") {
      throw new TypeError("bot.catch() needs a function (err) => …");
    }
    this.#errorHandler = handler;
    return this;
  }

  /**
   * Sends log records to `sink` from `level` on (used by the `logger()` plugin). Records are
   * redacted before the sink sees them.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.setLogTarget((record) => console.log(JSON.stringify(record)), "info");
   * ```
   */
  setLogTarget(sink: LogSink, level: LogLevel = this.#target.level): void {
    if (typeof sink !== "function") throw new TypeError("setLogTarget() needs a sink function");
    this.#target = { sink, level };
  }

  /**
   * Finishes plugin installation (async `install` hooks). `start` and `handleEvent` call it.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * await bot.init();
   * ```
   */
  async init(): Promise<void> {
    while (this.#installing.length > 0) {
      await Promise.all(this.#installing.splice(0));
    }
    if (this.#installError !== undefined) throw this.#installError;
  }

  /**
   * Starts: finishes installing plugins, runs their `start` hooks, subscribes to the client's
   * events and starts the client.
   *
   * @example
   * ```ts
   * import { Bot, type BotClient } from "./mod.ts";
   *
   * declare const client: BotClient;
   * const bot = new Bot(client);
   * bot.on("message:text", (ctx) => ctx.reply(ctx.text));
   * await bot.start();
   * // … later
   * await bot.stop();
   * ```
   */
  async start(): Promise<void> {
    if (this.#state === "running" || this.#state === "starting") return;
    if (this.#state !== "idle") {
      throw new SessionBotError(
        "this bot was stopped: create a new Bot (and client) to run again",
        "stopped",
      );
    }
    this.#state = "starting";
    const started: PluginHandle[] = [];
    try {
      await this.init();
      for (const handle of this.#handles) {
        await handle.definition.start?.(handle.api);
        started.push(handle);
      }
      for (const type of BOT_EVENT_TYPES) {
        this.#unsubscribe.push(this.client.on(type, (event: BotEvent) => this.handleEvent(event)));
      }
      this.#unsubscribe.push(this.client.on("error", (event) => this.#clientError(event)));
      await this.client.start?.();
      this.#state = "running";
      this.log.info("bot started", {
        sessionId: this.me,
        plugins: this.plugins.map((p) => p.name),
      });
    } catch (error) {
      this.#unsubscribe.splice(0).forEach((off) => off());
      await this.#stopPlugins(started);
      this.#state = "idle";
      throw error;
    }
  }

  /**
   * Stops: aborts {@link Bot.signal} (plugin timers and waits end), stops the client (running
   * handlers finish; waiting events stay in the inbox for the next run), then runs the
   * plugins' `stop` hooks in reverse order.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * Deno.addSignalListener("SIGINT", () => bot.stop());
   * ```
   */
  async stop(): Promise<void> {
    if (this.#state === "stopped" || this.#state === "stopping") return;
    const wasRunning = this.#state === "running";
    this.#state = "stopping";
    this.#aborter.abort(new SessionBotError("the bot is stopping", "stopped"));
    try {
      if (wasRunning) await this.client.stop?.();
    } finally {
      this.#unsubscribe.splice(0).forEach((off) => off());
      if (wasRunning) await this.#stopPlugins(this.#handles);
      await this.#owned?.();
      this.#state = "stopped";
      if (wasRunning) this.log.info("bot stopped", { sessionId: this.me });
    }
  }

  /** Same as {@link Bot.stop}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /**
   * Runs the middleware for one event. The client calls it through the subscription `start`
   * makes; call it yourself to feed events from elsewhere (tests, a bridge). Own messages
   * (`outgoing` sync copies, or `from` the bot; in communities any of the bot's blinded IDs,
   * by the abs rule) are ignored. Rejects with a {@link BotError}
   * when a handler fails.
   *
   * @example
   * ```ts
   * import { Bot, type BotEvent } from "./mod.ts";
   *
   * declare const bot: Bot;
   * declare const event: BotEvent;
   * await bot.handleEvent(event);
   * ```
   */
  async handleEvent(event: BotEvent): Promise<void> {
    if (this.#installing.length > 0 || this.#installError !== undefined) await this.init();
    if (typeof event !== "object" || event === null || typeof event.type !== "string") {
      throw new ValidationError(
        "handleEvent() needs an event object with a type",
        "invalid_event",
        "event",
      );
    }
    if (event.outgoing || event.from === this.me) return;
    if (isCommunityEvent(event) && (this.#isOwnPost ??= createSelfCheck(this.me))(event)) return;
    const ctx = new this.#Ctx(event, this.api, this.me);
    try {
      let ended = false;
      await this.middleware()(ctx, () => {
        if (ended) {
          throw new Error("next() was called twice by the same middleware: call it at most once");
        }
        ended = true;
        return this.#unhandled(ctx);
      });
    } catch (error) {
      const err = error instanceof BotError && error.ctx === ctx
        ? error as BotError<C>
        : new BotError(error, ctx);
      try {
        await this.#errorHandler(err);
      } catch (inner) {
        this.log.error("the error handler set with bot.catch() failed too", { error: inner });
      }
      throw err;
    }
  }

  /** The end of the chain: the built-in `/help`. */
  async #unhandled(ctx: C): Promise<void> {
    if (!this.#help) return;
    const parsed = parseCommand(textOf(ctx.event));
    if (parsed?.name === "help") {
      ctx.command = parsed; // handled: the commands() plugin's unknown-command reply stays quiet
      await ctx.reply(helpText(this.listCommands()));
    }
  }

  #install(plugin: Plugin): Composer<C> {
    if (this.#state !== "idle") {
      throw new ValidationError(
        `plugin '${plugin.name}' cannot be installed on a running bot: call bot.use() before bot.start()`,
        "invalid_plugin",
        plugin.name,
      );
    }
    const installed = new Set(this.#handles.map((h) => h.plugin.name));
    if (installed.has(plugin.name)) {
      throw new ValidationError(
        `plugin '${plugin.name}' is installed twice: bot.use() it once`,
        "duplicate_plugin",
        plugin.name,
      );
    }
    for (const needed of plugin.requires) {
      if (!installed.has(needed)) {
        throw new ValidationError(
          `plugin '${plugin.name}' needs the '${needed}' plugin installed before it: bot.use(${needed}(…)) first`,
          "plugin_missing",
          plugin.name,
        );
      }
    }
    const slot = super.use();
    const handle = pluginHandle(plugin, {
      bot: this as unknown as Bot,
      slot: slot as unknown as Composer<Context>,
      kv: () => this.#kv,
      log: this.log,
      signal: this.#aborter.signal,
    });
    this.#handles.push(handle);
    const fail = (error: unknown) => {
      const wrapped = error instanceof SessionBotError ? error : new SessionBotError(
        `plugin '${plugin.name}' failed to install: ${describe(error)}`,
        "plugin_failed",
        {
          cause: error,
        },
      );
      this.#installError ??= wrapped;
      return wrapped;
    };
    let result: unknown;
    try {
      result = handle.definition.install(handle.api);
    } catch (error) {
      throw fail(error);
    }
    if (result instanceof Promise) {
      this.#installing.push(result.then(() => {}, (e) => void fail(e)));
    }
    return slot;
  }

  async #stopPlugins(handles: readonly PluginHandle[]): Promise<void> {
    for (const handle of [...handles].reverse()) {
      try {
        await handle.definition.stop?.(handle.api);
      } catch (error) {
        this.log.error("a plugin failed to stop", { plugin: handle.plugin.name, error });
      }
    }
  }

  #clientError(event: ErrorEvent): void {
    const fields = {
      code: event.code,
      reason: event.message,
      ...(event.id ? { id: event.id } : {}),
      ...(event.from ? { from: event.from } : {}),
      deadLettered: event.deadLettered,
    };
    if (event.deadLettered) this.log.error("a message was moved to the dead letters", fields);
    else this.log.warn("the client reported a problem", fields);
  }
}

function checkClient(client: unknown): asserts client is BotClient {
  const needed = ["on", ...CLIENT_METHODS];
  if (typeof client !== "object" || client === null) {
    throw new TypeError("new Bot(client) needs a client: a SessionClient or a BotClient");
  }
  const missing = needed.filter((m) =>
    typeof (client as Record<string, unknown>)[m] !== "function"
  );
  if (typeof (client as { sessionId?: unknown }).sessionId !== "string") {
    missing.unshift("sessionId");
  }
  if (missing.length > 0) {
    throw new TypeError(
      `new Bot(client): the client lacks ${
        missing.join(", ")
      }; pass a SessionClient or implement BotClient`,
    );
  }
}
