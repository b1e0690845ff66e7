/**
 * `commands()`: a configurable `/help` built from the registered commands (descriptions can be
 * added here), and a reply to commands nobody handles.
 *
 * @module
 */
import { z } from "zod";
import { definePlugin, helpText, parseCommand, type Plugin } from "../../bot/mod.ts";
import { VERSION } from "../_version.ts";

/** Options of {@link commands}. */
export interface CommandsOptions {
  /** The help command's name (default `"help"`; `false`: no help command). */
  readonly help?: string | false;
  /** The help command's own line in the list (default "Show this list"). */
  readonly helpDescription?: string;
  /** First line of the help text (default "Commands:"). */
  readonly header?: string;
  /** Last line of the help text. */
  readonly footer?: string;
  /** Descriptions by command name, for commands registered without one. */
  readonly descriptions?: Readonly<Record<string, string>>;
  /**
   * Reply to a command no handler took; `{command}` is replaced by its name (default
   * "Unknown command /{command}. Send /help for the list."; `false`: stay silent).
   */
  readonly unknown?: string | false;
}

const command = z.string().regex(/^\/?\w{1,32}$/, "must be a command name (letters, digits, _)");

const schema = z.strictObject({
  help: z.union([command, z.literal(false)]).default("help"),
  helpDescription: z.string().min(1).default("Show this list"),
  header: z.string().min(1).default("Commands:"),
  footer: z.string().min(1).optional(),
  descriptions: z.record(command, z.string().min(1)).default({}),
  unknown: z.union([z.string().min(1), z.literal(false)]).default(
    "Unknown command /{command}. Send /help for the list.",
  ),
});

const definition = definePlugin({
  name: "commands",
  version: VERSION,
  description: "A /help list of the commands and a reply to unknown commands",
  config: schema,
  install(api) {
    const { header, footer, unknown, helpDescription } = api.config;
    const help = api.config.help === false
      ? undefined
      : api.config.help.replace(/^\//, "").toLowerCase();
    const descriptions = new Map(
      Object.entries(api.config.descriptions).map((
        [name, text],
      ) => [name.replace(/^\//, "").toLowerCase(), text]),
    );

    api.use(async function unknownCommand(ctx, next) {
      const parsed = ctx.event.type === "message" ? parseCommand(ctx.event.body) : undefined;
      await next();
      if (!parsed || ctx.command !== undefined || unknown === false) return;
      await ctx.reply(unknown.replaceAll("{command}", parsed.name));
    });

    if (help !== undefined) {
      api.composer.command(help, helpDescription, async function helpCommand(ctx) {
        const list = api.bot.listCommands().map((c) =>
          descriptions.has(c.name) ? { ...c, description: descriptions.get(c.name) } : c
        );
        await ctx.reply(helpText(list, { header, ...(footer ? { footer } : {}) }));
      });
    }
  },
});

/**
 * The commands plugin: `/help` (or another name) lists every registered command with its
 * usage and description, and a command no handler took gets a friendly reply.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient } from "../../bot/mod.ts";
 * import { commands } from "./mod.ts";
 *
 * declare const client: BotClient;
 * const bot = new Bot(client);
 * bot.use(commands({ header: "I understand:", descriptions: { ping: "Check that I am alive" } }));
 * bot.command("ping", (ctx) => ctx.reply("pong"));
 * bot.command("weather", "Weather for a city", (ctx) => ctx.reply("sunny"));
 * ```
 */
export function commands(options: CommandsOptions = {}): Plugin {
  return definition(options as never);
}
