/**
 * `Composer`: the middleware tree. Each method adds middleware and returns a child composer
 * for chaining; filter queries, commands and predicates narrow the context type.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import {
  type CommandInfo,
  commandNames,
  type CommandSpec,
  parseCommand,
  type ParsedCommand,
} from "./commands.ts";
import { textOf } from "./community.ts";
import type { Context } from "./context.ts";
import { BotError } from "./errors.ts";
import { type Filter, type FilterQuery, matchFilter } from "./filters.ts";

/** Calls the next middleware; resolves when everything after it is done. */
export type NextFunction = () => Promise<void>;

/** A middleware function: do something with `ctx`, and call `next()` to pass the event on. */
export type MiddlewareFn<C extends Context = Context> = (ctx: C, next: NextFunction) => unknown;

/** Anything with a `middleware()` method, such as a {@link Composer}. */
export interface MiddlewareObj<C extends Context = Context> {
  /** The middleware function this object stands for. */
  middleware(): MiddlewareFn<C>;
}

/** A middleware function or object. */
export type Middleware<C extends Context = Context> = MiddlewareFn<C> | MiddlewareObj<C>;

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** The events commands and `hears` look at: 1:1 messages, room posts, community DMs. */
export type TextQuery = "message:text" | "community:message:text" | "community:dm:text";

/**
 * The context of a `command` handler: a text message, room post or community DM, `match` =
 * the arguments.
 */
export type CommandContext<C extends Context> = Filter<C, TextQuery> & {
  match: string;
  command: ParsedCommand;
};

/** The context of a `hears` handler: a text message, room post or DM, `match` = the regex match. */
export type HearsContext<C extends Context> = Filter<C, TextQuery> & {
  match: RegExpMatchArray;
};

/** Handles an error inside an {@link Composer.errorBoundary}; may call `next()` to go on. */
export type BoundaryHandler<C extends Context> = (
  error: BotError<C>,
  next: NextFunction,
) => unknown;

/** Middleware that passes every event on. */
const pass: MiddlewareFn<Context> = (_ctx, next) => next();

/** A plugin or an uncalled plugin factory passed where middleware belongs. */
function misuse(mw: unknown, where: string): string | undefined {
  if (mw === undefined || mw === null) {
    return `${where} got ${mw}: pass a middleware function (ctx, next) => …, a Composer or ` +
      `(on the bot) a plugin`;
  }
  if (typeof mw === "function") {
    if ("pluginName" in mw) {
      const name = String((mw as { pluginName: unknown }).pluginName);
      return `${where} got the plugin factory '${name}' itself: call it, e.g. ` +
        `bot.use(${camel(name)}({ … }))`;
    }
    return undefined;
  }
  if (typeof mw !== "object" || typeof (mw as MiddlewareObj).middleware !== "function") {
    if (typeof mw === "object" && "name" in mw && "version" in mw) {
      return `${where} got the plugin '${String(mw.name)}': plugins are installed on the bot ` +
        `itself, e.g. bot.use(plugin), not on a composer`;
    }
    return `${where} got ${typeof mw}: pass a middleware function (ctx, next) => … or a Composer`;
  }
  return undefined;
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function flatten<C extends Context>(mw: Middleware<C>, where = "use()"): MiddlewareFn<C> {
  const problem = misuse(mw, where);
  if (problem) throw new TypeError(problem);
  return typeof mw === "function" ? mw : (ctx, next) => mw.middleware()(ctx, next);
}

function concat<C extends Context>(
  first: MiddlewareFn<C>,
  andThen: MiddlewareFn<C>,
): MiddlewareFn<C> {
  return async (ctx, next) => {
    let called = false;
    await first(ctx, async () => {
      if (called) {
        throw new Error("next() was called twice by the same middleware: call it at most once");
      }
      called = true;
      await andThen(ctx, next);
    });
  };
}

function chain<C extends Context>(
  middleware: readonly Middleware<C>[],
  where: string,
): MiddlewareFn<C> {
  if (middleware.length === 0) return pass;
  return middleware.map((m) => flatten(m, where)).reduce(concat);
}

/**
 * A tree of middleware. {@link Bot} is a composer; build reusable parts as composers and
 * `use` them.
 *
 * @example
 * ```ts
 * import { Composer } from "./mod.ts";
 *
 * const admin = new Composer();
 * admin.command("stats", (ctx) => ctx.reply("all good"));
 * admin.on("message:attachments", (ctx) => ctx.reply(`${ctx.message.attachments.length} files`));
 * // later: bot.use(admin);
 * ```
 */
export class Composer<C extends Context = Context> implements MiddlewareObj<C> {
  #handler: MiddlewareFn<C>;
  /** Commands and child composers, in registration order (for `/help`). */
  readonly #registry: (CommandInfo | Composer<Context>)[] = [];

  /**
   * Creates a composer running `middleware` in order.
   *
   * @example
   * ```ts
   * import { Composer } from "./mod.ts";
   *
   * const logged = new Composer(async (ctx, next) => {
   *   console.log("event", ctx.type, "from", ctx.from);
   *   await next();
   * });
   * ```
   */
  constructor(...middleware: Middleware<C>[]) {
    this.#handler = chain(middleware, "new Composer()");
    for (const m of middleware) this.#adopt(m);
  }

  /**
   * The composed middleware function.
   *
   * @example
   * ```ts
   * import { Composer } from "./mod.ts";
   *
   * const fn = new Composer().middleware();
   * ```
   */
  middleware(): MiddlewareFn<C> {
    return this.#handler;
  }

  /**
   * Runs `middleware` for every event (that reaches this point); returns the child composer.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.use(async (ctx, next) => {
   *   const started = performance.now();
   *   await next();
   *   console.log(ctx.type, `${performance.now() - started} ms`);
   * });
   * ```
   */
  use(...middleware: Middleware<C>[]): Composer<C> {
    const composer = new Composer<C>(...middleware);
    this.#append(flatten(composer));
    this.#adopt(composer);
    return composer;
  }

  /**
   * Runs `middleware` for events that match the filter query (or any of a list); the context
   * type is narrowed accordingly. Unknown queries throw at once, naming the closest valid one.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("message:text", (ctx) => ctx.reply(`you said ${ctx.text.length} characters`));
   * bot.on(["reaction:added", "reaction:removed"], (ctx) => console.log(ctx.reaction.emoji));
   * ```
   */
  on<Q extends FilterQuery>(
    filter: Q | readonly Q[],
    ...middleware: Middleware<Filter<C, Q>>[]
  ): Composer<Filter<C, Q>> {
    const matches = matchFilter(filter);
    return this.filter((ctx): ctx is Filter<C, Q> => matches(ctx.event), ...middleware);
  }

  /**
   * Runs `middleware` for text messages `/name args`, in 1:1 chats, community rooms and
   * community DMs (names are case-insensitive; several names make aliases). `ctx.match` is the arguments, `ctx.command` the parsed command. Give
   * a description (second argument, or `{ name, description, usage }`) to list it in `/help`.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.command("start", "Say hello", (ctx) => ctx.reply("Hello!"));
   * bot.command({ name: ["weather", "w"], usage: "<city>", description: "Weather" }, (ctx) =>
   *   ctx.reply(`Sunny in ${ctx.match || "your city"}`));
   * ```
   */
  command(
    name: string | readonly string[] | CommandSpec,
    ...middleware: Middleware<CommandContext<C>>[]
  ): Composer<CommandContext<C>>;
  /**
   * Runs `middleware` for `/name args`, listing the command in `/help` with `description`.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.command("ping", "Check that I am alive", (ctx) => ctx.reply("pong"));
   * ```
   */
  command(
    name: string | readonly string[],
    description: string,
    ...middleware: Middleware<CommandContext<C>>[]
  ): Composer<CommandContext<C>>;
  command(
    name: string | readonly string[] | CommandSpec,
    ...rest: (string | Middleware<CommandContext<C>>)[]
  ): Composer<CommandContext<C>> {
    const spec: CommandSpec = typeof name === "object" && !Array.isArray(name)
      ? name as CommandSpec
      : { name: name as string | readonly string[] };
    let description = spec.description;
    if (typeof rest[0] === "string") description = rest.shift() as string;
    const middleware = rest as Middleware<CommandContext<C>>[];
    const names = commandNames(spec.name);
    for (const n of names) {
      this.#registry.push(Object.freeze({
        name: n,
        ...(description !== undefined ? { description } : {}),
        ...(spec.usage !== undefined ? { usage: spec.usage } : {}),
        ...(spec.hidden ? { hidden: true } : {}),
      }));
    }
    const wanted = new Set(names);
    return this.filter((ctx): ctx is CommandContext<C> => {
      const parsed = parseCommand(textOf(ctx.event));
      if (!parsed || !wanted.has(parsed.name)) return false;
      ctx.command = parsed;
      ctx.match = parsed.args;
      return true;
    }, ...middleware);
  }

  /**
   * Runs `middleware` for text messages matching `trigger`: a string (the whole text, ignoring
   * case and surrounding spaces), a regular expression, or a list of them. `ctx.match` is the
   * match.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.hears("hi", (ctx) => ctx.reply("hello!"));
   * bot.hears(/^order (\d+)$/i, (ctx) => ctx.reply(`order #${ctx.match[1]}`));
   * ```
   */
  hears(
    trigger: string | RegExp | readonly (string | RegExp)[],
    ...middleware: Middleware<HearsContext<C>>[]
  ): Composer<HearsContext<C>> {
    const triggers = (Array.isArray(trigger) ? trigger : [trigger]) as unknown[];
    if (triggers.length === 0) {
      throw new ValidationError("hears() needs at least one trigger", "invalid_trigger", "trigger");
    }
    const regexes = triggers.map((t) => {
      if (t instanceof RegExp) return t;
      if (typeof t === "string") {
        const escaped = t.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return new RegExp(`^\\s*${escaped}\\s*$`, "i");
      }
      throw new ValidationError(
        `hears() takes strings or regular expressions, got ${typeof t}`,
        "invalid_trigger",
        "trigger",
      );
    });
    return this.filter((ctx): ctx is HearsContext<C> => {
      const text = textOf(ctx.event);
      if (!text) return false;
      for (const re of regexes) {
        re.lastIndex = 0;
        const match = re.exec(text);
        if (match) {
          ctx.match = match;
          return true;
        }
      }
      return false;
    }, ...middleware);
  }

  /**
   * Runs `middleware` when `predicate` holds; a type guard narrows the context.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * const admins = new Set(["05" + "ab".repeat(32)]);
   * bot.filter((ctx) => admins.has(ctx.from)).command("shutdown", (ctx) => ctx.reply("bye"));
   * ```
   */
  filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Middleware<D>[]): Composer<D>;
  /**
   * Runs `middleware` when `predicate` (sync or async) holds.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * declare function isSubscriber(id: string): Promise<boolean>;
   * bot.filter((ctx) => isSubscriber(ctx.from), (ctx) => ctx.reply("Thanks for subscribing!"));
   * ```
   */
  filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Middleware<C>[]): Composer<C>;
  filter(
    predicate: (ctx: C) => MaybePromise<boolean>,
    ...middleware: Middleware<C>[]
  ): Composer<C> {
    if (typeof predicate !== "function") {
      throw new TypeError("filter() needs a predicate function (ctx) => boolean");
    }
    const composer = new Composer<C>(...middleware);
    const inner = composer.middleware.bind(composer);
    this.#append(async (ctx, next) => {
      if (await predicate(ctx)) await inner()(ctx, next);
      else await next();
    });
    this.#adopt(composer);
    return composer;
  }

  /**
   * Runs `middleware` when `predicate` does NOT hold: the opposite of {@link Composer.filter}.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * const banned = new Set<string>();
   * bot.drop((ctx) => banned.has(ctx.from), (ctx) => ctx.reply("welcome"));
   * ```
   */
  drop(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Middleware<C>[]): Composer<C> {
    if (typeof predicate !== "function") {
      throw new TypeError("drop() needs a predicate function (ctx) => boolean");
    }
    return this.filter(async (ctx) => !(await predicate(ctx)), ...middleware);
  }

  /**
   * Runs `onTrue` when `predicate` holds, else `onFalse`.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("message").branch(
   *   (ctx) => ctx.message.attachments.length > 0,
   *   (ctx) => ctx.reply("nice file"),
   *   (ctx) => ctx.reply("nice text"),
   * );
   * ```
   */
  branch(
    predicate: (ctx: C) => MaybePromise<boolean>,
    onTrue: Middleware<C>,
    onFalse: Middleware<C>,
  ): Composer<C> {
    if (typeof predicate !== "function") {
      throw new TypeError("branch() needs a predicate function (ctx) => boolean");
    }
    const yes = flatten(onTrue, "branch()");
    const no = flatten(onFalse, "branch()");
    this.#adopt(onTrue);
    this.#adopt(onFalse);
    return this.lazy(async (ctx) => (await predicate(ctx)) ? yes : no);
  }

  /**
   * Picks a route by key: `router(ctx)` returns a key of `routes`; unknown keys (or
   * `undefined`) go to `fallback` (default: pass on).
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.route((ctx) => ctx.type, {
   *   message: (ctx) => ctx.reply("a message"),
   *   reaction: (ctx) => console.log("a reaction", ctx.reaction?.emoji),
   * });
   * ```
   */
  route<R extends Record<string, Middleware<C>>>(
    router: (ctx: C) => MaybePromise<keyof R | string | undefined>,
    routes: R,
    fallback: Middleware<C> = pass,
  ): Composer<C> {
    if (typeof router !== "function") {
      throw new TypeError("route() needs a router function (ctx) => key");
    }
    const table = new Map<string, MiddlewareFn<C>>();
    for (const [key, mw] of Object.entries(routes)) {
      table.set(key, flatten(mw, `route() '${key}'`));
      this.#adopt(mw);
    }
    const otherwise = flatten(fallback, "route() fallback");
    this.#adopt(fallback);
    return this.lazy(async (ctx) => {
      const key = await router(ctx);
      return (key !== undefined && table.get(String(key))) || otherwise;
    });
  }

  /**
   * Builds the middleware per event: `factory(ctx)` returns middleware (or a list) to run.
   *
   * @example
   * ```ts
   * import { Bot, Composer } from "./mod.ts";
   *
   * declare const bot: Bot;
   * const en = new Composer();
   * en.on("message", (ctx) => ctx.reply("Hello"));
   * const fr = new Composer();
   * fr.on("message", (ctx) => ctx.reply("Bonjour"));
   * bot.lazy((ctx) => ctx.text?.startsWith("fr:") ? fr : en);
   * ```
   */
  lazy(
    factory: (ctx: C) => MaybePromise<Middleware<C> | readonly Middleware<C>[]>,
  ): Composer<C> {
    if (typeof factory !== "function") {
      throw new TypeError("lazy() needs a factory function (ctx) => middleware");
    }
    return this.use(async (ctx, next) => {
      const made = await factory(ctx);
      const list = Array.isArray(made) ? made : [made as Middleware<C>];
      await chain(list, "lazy() result")(ctx, next);
    });
  }

  /**
   * Catches errors of `middleware` (not of what comes after it): `handler` gets a
   * {@link BotError} and may call `next()` to go on. Caught errors count as handled: the
   * event is not retried.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.errorBoundary(
   *   (err) => err.ctx.reply("Sorry, that went wrong."),
   *   (ctx) => {
   *     throw new Error("boom");
   *   },
   * );
   * ```
   */
  errorBoundary(handler: BoundaryHandler<C>, ...middleware: Middleware<C>[]): Composer<C> {
    if (typeof handler !== "function") {
      throw new TypeError("errorBoundary() needs a handler (error, next) => …");
    }
    const composer = new Composer<C>(...middleware);
    const inner = composer.middleware.bind(composer);
    this.#append(async (ctx, next) => {
      let passed = false;
      const mark = () => {
        passed = true;
        return Promise.resolve();
      };
      try {
        await inner()(ctx, mark);
      } catch (error) {
        passed = false;
        await handler(error instanceof BotError ? error : new BotError(error, ctx), mark);
      }
      if (passed) await next();
    });
    this.#adopt(composer);
    return composer;
  }

  /**
   * The commands registered here and in child composers, in order (first registration of a
   * name wins).
   *
   * @example
   * ```ts
   * import { Composer } from "./mod.ts";
   *
   * const c = new Composer();
   * c.command("start", "Say hello", (ctx) => ctx.reply("hi"));
   * c.listCommands(); // [{ name: "start", description: "Say hello" }]
   * ```
   */
  listCommands(): CommandInfo[] {
    const out = new Map<string, CommandInfo>();
    this.#collect(out, new Set());
    return [...out.values()];
  }

  #collect(out: Map<string, CommandInfo>, seen: Set<object>): void {
    if (seen.has(this)) return;
    seen.add(this);
    for (const entry of this.#registry) {
      if (entry instanceof Composer) entry.#collect(out, seen);
      else if (!out.has(entry.name)) out.set(entry.name, entry);
    }
  }

  #append(fn: MiddlewareFn<C>): void {
    this.#handler = this.#handler === pass ? fn : concat(this.#handler, fn);
  }

  #adopt(mw: unknown): void {
    if (mw instanceof Composer) this.#registry.push(mw as Composer<Context>);
  }
}
