/**
 * Plugins: `definePlugin({ name, version, config, install, start?, stop? })` makes a factory;
 * calling it validates the options (a clear error naming the plugin and field) and returns a
 * plugin for `bot.use(...)`. Each plugin gets its own KV namespace.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type { Bot } from "./bot.ts";
import type { Composer, Middleware } from "./composer.ts";
import {
  compileSpec,
  type ConfigSchema,
  type ConfigSpec,
  isStandardSchema,
  type SpecInput,
  type SpecOutput,
  type StandardSchemaV1,
  validateConfig,
} from "./config_schema.ts";
import type { Context } from "./context.ts";
import { type KvNamespace, kvNamespace } from "./kv_namespace.ts";
import type { BotLogger } from "./logger.ts";

/** A plugin's KV namespaces: global ones, and one per conversation. */
export interface PluginKv extends KvNamespace {
  /**
   * The namespace of one conversation, `["chat", botId, conversationId, pluginName, …]`.
   *
   * @example
   * ```ts
   * import { definePlugin } from "./mod.ts";
   *
   * definePlugin({
   *   name: "last-message",
   *   version: "1.0.0",
   *   install(api) {
   *     api.use(async (ctx, next) => {
   *       if (ctx.text) await api.kv.chat(ctx.chat).set(["last"], ctx.text);
   *       await next();
   *     });
   *   },
   * });
   * ```
   */
  chat(conversationId: string): KvNamespace;
}

/** What a plugin's `install`, `start` and `stop` get. */
export interface PluginApi<Config = Record<string, never>> {
  /** The plugin's name. */
  readonly name: string;
  /** The plugin's version. */
  readonly version: string;
  /** The validated options, defaults filled in. */
  readonly config: Config;
  /** The bot it is installed on. */
  readonly bot: Bot;
  /** The middleware slot at the plugin's place in the chain. */
  readonly composer: Composer<Context>;
  /** Adds middleware at the plugin's place in the chain (same as `composer.use`). */
  use(...middleware: Middleware<Context>[]): Composer<Context>;
  /**
   * The plugin's KV namespace, `["plugin", botId, pluginName, …]`; `kv.chat(id)` for
   * per-conversation state. Throws when the bot has no KV store.
   */
  readonly kv: PluginKv;
  /** A logger whose records carry `plugin: name`. */
  readonly log: BotLogger;
  /** Aborted when the bot stops: stop timers and waits with it. */
  readonly signal: AbortSignal;
}

/** What `definePlugin` takes. */
export interface PluginDefinition<Config> {
  /** kebab-case name, unique per bot, e.g. `"rate-limit"`. */
  readonly name: string;
  /** Semantic version, e.g. `"1.0.0"`. */
  readonly version: string;
  /** One line about what it does. */
  readonly description?: string;
  /** Plugins that must be installed before this one. */
  readonly requires?: readonly string[];
  /** Adds middleware and API transformers; runs once, at `bot.use(plugin)` (may be async). */
  install(api: PluginApi<Config>): void | Promise<void>;
  /** Runs when the bot starts. */
  start?(api: PluginApi<Config>): void | Promise<void>;
  /** Runs when the bot stops (in reverse install order). */
  stop?(api: PluginApi<Config>): void | Promise<void>;
}

/** An installable plugin: what a factory returns; pass it to `bot.use`. */
export interface Plugin {
  /** The plugin's name. */
  readonly name: string;
  /** The plugin's version. */
  readonly version: string;
  /** One line about what it does. */
  readonly description?: string;
  /** Plugins it needs installed before it. */
  readonly requires: readonly string[];
}

/** Makes plugins from options; see {@link definePlugin}. */
export interface PluginFactory<Options = Record<string, never>> {
  /** Validates `options` and returns the plugin. */
  (options?: Options): Plugin;
  /** The plugin's name. */
  readonly pluginName: string;
  /** The plugin's version. */
  readonly version: string;
  /** One line about what it does. */
  readonly description?: string;
}

interface Internals {
  readonly definition: PluginDefinition<unknown>;
  readonly config: unknown;
}

const internals = new WeakMap<Plugin, Internals>();
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * Defines a plugin. `config` is a declarative spec (`{ limit: { type: "number", min: 1,
 * default: 5 } }`) or any Standard Schema such as a zod schema; the factory validates options
 * against it and throws a `ValidationError` naming the plugin and the field.
 *
 * @example
 * ```ts
 * import { definePlugin } from "./mod.ts";
 *
 * export const greeter = definePlugin({
 *   name: "greeter",
 *   version: "1.0.0",
 *   config: {
 *     greeting: { type: "string", default: "Hello" },
 *     shout: { type: "boolean", default: false },
 *   },
 *   install(api) {
 *     api.composer.command("greet", "Greets you", (ctx) => {
 *       const text = `${api.config.greeting}, ${ctx.match || "friend"}!`;
 *       return ctx.reply(api.config.shout ? text.toUpperCase() : text);
 *     });
 *   },
 * });
 * // bot.use(greeter({ greeting: "Hi" }));
 * ```
 */
export function definePlugin<const S extends ConfigSpec>(
  definition: PluginDefinition<SpecOutput<S>> & { readonly config: S },
): PluginFactory<SpecInput<S>>;
/**
 * Defines a plugin whose options are checked by a Standard Schema, e.g. a zod object.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { definePlugin } from "./mod.ts";
 *
 * export const webhook = definePlugin({
 *   name: "webhook",
 *   version: "1.0.0",
 *   config: z.object({ url: z.url(), secret: z.string().min(16) }),
 *   install(api) {
 *     api.use(async (ctx, next) => {
 *       await fetch(api.config.url, { method: "POST", body: JSON.stringify({ type: ctx.type }) });
 *       await next();
 *     });
 *   },
 * });
 * ```
 */
export function definePlugin<I, O>(
  definition: PluginDefinition<O> & { readonly config: StandardSchemaV1<I, O> },
): PluginFactory<I>;
/**
 * Defines a plugin without options.
 *
 * @example
 * ```ts
 * import { definePlugin } from "./mod.ts";
 *
 * export const markRead = definePlugin({
 *   name: "mark-read",
 *   version: "1.0.0",
 *   install(api) {
 *     api.use(async (ctx, next) => {
 *       if (ctx.message) await ctx.markRead();
 *       await next();
 *     });
 *   },
 * });
 * ```
 */
export function definePlugin(
  definition: PluginDefinition<Record<string, never>> & { readonly config?: undefined },
): PluginFactory<Record<string, never>>;
export function definePlugin(
  definition: PluginDefinition<unknown> & { readonly config?: ConfigSchema },
): PluginFactory<unknown> {
  checkDefinition(definition);
  const { name, version, description } = definition;
  const requires = Object.freeze([...(definition.requires ?? [])]);
  // A spec is compiled once, here: a broken one fails at definition time.
  const schema: ConfigSchema | undefined =
    definition.config === undefined || isStandardSchema(definition.config)
      ? definition.config
      : compileSpec(definition.config);
  const factory = (options?: unknown): Plugin => {
    const config = validateConfig(name, schema, options);
    const plugin: Plugin = Object.freeze({
      name,
      version,
      ...(description !== undefined ? { description } : {}),
      requires,
    });
    internals.set(plugin, { definition, config });
    return plugin;
  };
  Object.defineProperties(factory, {
    pluginName: { value: name, enumerable: true },
    version: { value: version, enumerable: true },
    ...(description !== undefined ? { description: { value: description, enumerable: true } } : {}),
  });
  return factory as PluginFactory<unknown>;
}

function checkDefinition(definition: PluginDefinition<unknown> & { config?: unknown }): void {
  if (typeof definition !== "object" || definition === null) {
    throw new TypeError("definePlugin() takes { name, version, config?, install, start?, stop? }");
  }
  const { name, version } = definition;
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new ValidationError(
      `plugin name ${JSON.stringify(name)} is not kebab-case: use lowercase words joined by '-', ` +
        `e.g. "rate-limit"`,
      "invalid_plugin",
      "name",
    );
  }
  if (typeof version !== "string" || !SEMVER.test(version)) {
    throw new ValidationError(
      `plugin '${name}' version ${
        JSON.stringify(version)
      } is not a semantic version such as "1.0.0"`,
      "invalid_plugin",
      "version",
    );
  }
  for (const hook of ["install", "start", "stop"] as const) {
    const fn = definition[hook];
    if ((hook === "install" || fn !== undefined) && typeof fn !== "function") {
      throw new ValidationError(
        `plugin '${name}' needs ${hook === "install" ? "an" : "a"} ${hook}(api) function`,
        "invalid_plugin",
        hook,
      );
    }
  }
  if (definition.requires !== undefined && !Array.isArray(definition.requires)) {
    throw new ValidationError(
      `plugin '${name}': requires is a list of plugin names`,
      "invalid_plugin",
      "requires",
    );
  }
  if (definition.config !== undefined && typeof definition.config !== "object") {
    throw new ValidationError(
      `plugin '${name}': config is a field spec or a Standard Schema (e.g. a zod object)`,
      "invalid_plugin",
      "config",
    );
  }
}

/**
 * Whether `value` is a plugin made by a {@link definePlugin} factory.
 *
 * @example
 * ```ts
 * import { definePlugin, isPlugin } from "./mod.ts";
 *
 * const hello = definePlugin({ name: "hello", version: "1.0.0", install() {} });
 * console.log(isPlugin(hello()), isPlugin({ name: "hello" })); // true false
 * ```
 */
export function isPlugin(value: unknown): value is Plugin {
  return typeof value === "object" && value !== null && internals.has(value as Plugin);
}

/** Whether `value` is a plugin factory (a plugin not yet called with its options). */
export function isPluginFactory(value: unknown): value is PluginFactory<unknown> {
  return typeof value === "function" &&
    typeof (value as { pluginName?: unknown }).pluginName === "string";
}

/** What the bot needs to run a plugin. */
export interface PluginHandle {
  readonly plugin: Plugin;
  readonly api: PluginApi<unknown>;
  readonly definition: PluginDefinition<unknown>;
}

/** The pieces of the bot a plugin API is made of. */
export interface PluginHost {
  readonly bot: Bot;
  readonly slot: Composer<Context>;
  readonly kv: () => Deno.Kv | undefined;
  readonly log: BotLogger;
  readonly signal: AbortSignal;
}

/** Builds the API of `plugin` on `host`. */
export function pluginHandle(plugin: Plugin, host: PluginHost): PluginHandle {
  const inside = internals.get(plugin);
  if (!inside) {
    throw new TypeError(`'${String(plugin?.name)}' is not a plugin made by definePlugin()`);
  }
  let kv: PluginKv | undefined;
  const api: PluginApi<unknown> = Object.freeze({
    name: plugin.name,
    version: plugin.version,
    config: inside.config,
    bot: host.bot,
    composer: host.slot,
    use: (...middleware: Middleware<Context>[]) => host.slot.use(...middleware),
    get kv(): PluginKv {
      if (kv) return kv;
      const store = host.kv();
      if (!store) {
        throw new ValidationError(
          `plugin '${plugin.name}' needs a Deno KV store: pass one with new Bot(client, { kv })`,
          "kv_missing",
          "kv",
        );
      }
      const botId = host.bot.me;
      const base = kvNamespace(store, ["plugin", botId, plugin.name]);
      return kv = Object.freeze({
        ...base,
        chat: (conversationId: string) => {
          if (typeof conversationId !== "string" || conversationId === "") {
            throw new TypeError("kv.chat(conversationId) needs the conversation's ID (ctx.chat)");
          }
          return kvNamespace(store, ["chat", botId, conversationId, plugin.name]);
        },
      });
    },
    log: host.log.child({ plugin: plugin.name }),
    signal: host.signal,
  });
  return { plugin, api, definition: inside.definition };
}
