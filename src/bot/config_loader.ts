/**
 * Plugins from a JSON config file: each entry names a built-in plugin (`use`) or a module
 * (`module`, resolved against the file) and gives its `config`.
 *
 * ```json
 * {
 *   "plugins": [
 *     { "use": "rate-limit", "config": { "limit": 5, "windowMs": 10000 } },
 *     { "module": "./plugins/weather.ts", "export": "weather", "config": { "units": "metric" } }
 *   ]
 * }
 * ```
 *
 * @module
 */
import { z } from "zod";
import { SessionBotError, ValidationError } from "../core/errors.ts";
import { isPlugin, isPluginFactory, type Plugin } from "./plugin.ts";
import { didYouMean } from "./suggest.ts";

/** One plugin in a config file. */
export interface PluginEntry {
  /** A built-in plugin's name, e.g. `"rate-limit"`… */
  readonly use?: string;
  /** …or a module specifier: relative to the file, or `npm:`, `jsr:`, `https:`, `file:`. */
  readonly module?: string;
  /** The module's export holding the plugin factory (default `"default"`). */
  readonly export?: string;
  /** The plugin's options. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Set to false to skip the entry (default true). */
  readonly enabled?: boolean;
}

/** A plugins config file's content. */
export interface PluginsFile {
  /** The plugins, in the order they are installed. */
  readonly plugins: readonly PluginEntry[];
}

/** A function making a plugin from options, as `definePlugin` factories and built-ins are. */
export type PluginMaker = (options: never) => Plugin;

/** Options of {@link loadPlugins}. */
export interface LoadPluginsOptions {
  /** Plugins `use` can name (pass `builtinPlugins` from the plugins module). */
  readonly builtins?: Readonly<Record<string, PluginMaker>>;
  /** Where relative `module` specifiers resolve from (default: the file's folder, or cwd). */
  readonly base?: string | URL;
}

/** One plugin entry (internal: shared with the service config's `bot.plugins`). */
export const pluginEntrySchema = z.strictObject({
  use: z.string().min(1).optional(),
  module: z.string().min(1).optional(),
  export: z.string().min(1).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional(),
}).refine((e) => (e.use === undefined) !== (e.module === undefined), {
  message: 'needs exactly one of "use" (a built-in plugin) or "module" (a module specifier)',
});

const fileSchema = z.strictObject({ plugins: z.array(pluginEntrySchema) });

/**
 * Reads plugins from a JSON file (or an already parsed object) and makes them, validating
 * each config; install them with `bot.use(...plugins)`. Every error names the file, the entry
 * (`plugins[2].config.limit`) and what to fix.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient, loadPlugins } from "./mod.ts";
 * import { builtinPlugins } from "../plugins/mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(...await loadPlugins("./plugins.json", { builtins: builtinPlugins }));
 * ```
 */
export async function loadPlugins(
  source: string | URL | PluginsFile,
  options: LoadPluginsOptions = {},
): Promise<Plugin[]> {
  const { content, where, base } = await read(source, options.base);
  const parsed = fileSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("")
      .replace(/^\./, "");
    throw new ValidationError(
      `${where}: ${at ? `'${at}' ` : ""}${issue.message.replace(/^Invalid input: /, "")}. ` +
        `Expected { "plugins": [{ "use": "rate-limit", "config": { … } }, ` +
        `{ "module": "./my_plugin.ts", "config": { … } }] }`,
      "invalid_plugins_file",
      at || "plugins",
    );
  }
  const plugins: Plugin[] = [];
  for (const [index, entry] of parsed.data.plugins.entries()) {
    if (entry.enabled === false) continue;
    const at = `plugins[${index}]`;
    const maker = entry.use !== undefined
      ? builtin(entry.use, options.builtins ?? {}, where, at)
      : await fromModule(entry.module!, entry.export ?? "default", base, where, at);
    try {
      if (isPlugin(maker)) {
        if (entry.config !== undefined) {
          throw new ValidationError(
            `the export is a plugin already made, so "config" cannot apply: export its factory`,
            "invalid_plugins_file",
            "config",
          );
        }
        plugins.push(maker);
      } else {
        plugins.push((maker as PluginMaker)((entry.config ?? {}) as never));
      }
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new ValidationError(`${where}, ${at}: ${error.message}`, error.code, `${at}.config`, {
          cause: error,
        });
      }
      throw error;
    }
  }
  return plugins;
}

async function read(
  source: string | URL | PluginsFile,
  baseOption: string | URL | undefined,
): Promise<{ content: unknown; where: string; base: URL }> {
  const cwd = new URL(`file://${Deno.cwd().replace(/\\/g, "/").replace(/\/?$/, "/")}`);
  const resolveBase = (b: string | URL) => new URL(b instanceof URL ? b.href : b, cwd);
  if (typeof source === "object" && !(source instanceof URL)) {
    return {
      content: source,
      where: "plugins config",
      base: baseOption ? resolveBase(baseOption) : cwd,
    };
  }
  const url = source instanceof URL ? source : new URL(source, cwd);
  let text: string;
  try {
    text = await Deno.readTextFile(url);
  } catch (error) {
    throw new ValidationError(
      `cannot read the plugins file ${url.pathname}: ${(error as Error).message}`,
      "invalid_plugins_file",
      "path",
      { cause: error },
    );
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(
      `the plugins file ${url.pathname} is not valid JSON: ${(error as Error).message}`,
      "invalid_plugins_file",
      "json",
      { cause: error },
    );
  }
  return {
    content,
    where: url.pathname,
    base: baseOption ? resolveBase(baseOption) : new URL(".", url),
  };
}

function builtin(
  name: string,
  builtins: Readonly<Record<string, PluginMaker>>,
  where: string,
  at: string,
): PluginMaker {
  const maker = Object.hasOwn(builtins, name) ? builtins[name] : undefined;
  if (maker) return maker;
  const names = Object.keys(builtins);
  throw new ValidationError(
    `${where}, ${at}: unknown built-in plugin '${name}'.${didYouMean(name, names)} ` +
      (names.length > 0
        ? `Built-in: ${names.join(", ")}.`
        : "No built-ins were given: pass { builtins: builtinPlugins } to loadPlugins."),
    "unknown_plugin",
    `${at}.use`,
  );
}

async function fromModule(
  specifier: string,
  exportName: string,
  base: URL,
  where: string,
  at: string,
): Promise<PluginMaker | Plugin> {
  const url = /^(\.{1,2}\/|\/)/.test(specifier) ? new URL(specifier, base).href : specifier;
  let module: Record<string, unknown>;
  try {
    module = await import(url);
  } catch (error) {
    throw new SessionBotError(
      `${where}, ${at}: cannot load module '${specifier}' (${url}): ${(error as Error).message}`,
      "plugin_load_failed",
      { cause: error },
    );
  }
  const value = module[exportName];
  if (isPluginFactory(value) || isPlugin(value)) return value as PluginMaker | Plugin;
  const exports = Object.keys(module).filter((k) =>
    isPluginFactory(module[k]) || isPlugin(module[k])
  );
  throw new ValidationError(
    `${where}, ${at}: '${specifier}' has no plugin factory named '${exportName}'` +
      (exports.length > 0 ? `; its plugin exports: ${exports.join(", ")} (set "export")` : "") +
      ". Export the factory definePlugin() returns.",
    "invalid_plugins_file",
    `${at}.export`,
  );
}
