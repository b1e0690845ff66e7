/**
 * The config's bot plugins, made (and their configs validated) before anything opens, with
 * errors naming the config field (`bot.plugins[1].config.limit`).
 *
 * @module
 */
import { loadPlugins, type Plugin } from "../bot/mod.ts";
import { ValidationError } from "../core/errors.ts";
import { builtinPlugins } from "../plugins/mod.ts";
import type { ServiceConfig } from "./config_types.ts";

/**
 * Makes the plugins of `config.bot`.
 *
 * @example
 * ```ts
 * import { configPlugins } from "./plugins.ts";
 * import type { ServiceConfig } from "./config_types.ts";
 * declare const config: ServiceConfig;
 * const plugins = await configPlugins(config);
 * console.log(plugins.map((p) => p.name));
 * ```
 */
export async function configPlugins(config: ServiceConfig): Promise<Plugin[]> {
  try {
    return await loadPlugins(
      { plugins: config.bot.plugins },
      { builtins: builtinPlugins, base: config.bot.pluginBase },
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const field = `bot.${error.field ?? "plugins"}`;
    const message = error.message.replace(/^plugins config, plugins\[\d+\]: /, "")
      .replace(/^plugins config: /, "");
    throw new ValidationError(
      `${config.source ?? "config"}: ${field}: ${message}`,
      error.code,
      field,
      { cause: error },
    );
  }
}
