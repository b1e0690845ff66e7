/**
 * Commands: parsing `/name args`, checking command names, and the generated help text.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";

/** A parsed `/name args` message. */
export interface ParsedCommand {
  /** The command name, lowercase, without the slash. */
  readonly name: string;
  /** Everything after the name, trimmed (`""` when nothing follows). */
  readonly args: string;
  /** `args` split on whitespace, with `"double"` or `'single'` quotes grouping words. */
  readonly argv: readonly string[];
}

/** A registered command, as `/help` lists it. */
export interface CommandInfo {
  /** Name without the slash, lowercase. */
  readonly name: string;
  /** One line shown by `/help`. */
  readonly description?: string;
  /** What follows the name, e.g. `"<city>"`, shown by `/help`. */
  readonly usage?: string;
  /** Left out of `/help` (still handled). */
  readonly hidden?: boolean;
}

/** How to register a command with a description: `bot.command({ name, description }, …)`. */
export interface CommandSpec {
  /** The name (or names: aliases share the handler), without the slash. */
  readonly name: string | readonly string[];
  /** One line shown by `/help`. */
  readonly description?: string;
  /** What follows the name, e.g. `"<city>"`. */
  readonly usage?: string;
  /** Left out of `/help`. */
  readonly hidden?: boolean;
}

/** Command names: 1–32 letters, digits or underscores. */
const NAME = /^[a-z0-9_]{1,32}$/i;
const COMMAND = /^\/([a-z0-9_]{1,32})(?:@\S*)?(?:\s+([\s\S]*))?$/i;

/**
 * Parses a `/name args` text; `undefined` when the text is not a command.
 *
 * @example
 * ```ts
 * import { parseCommand } from "./mod.ts";
 *
 * parseCommand('/Weather "New York" today');
 * // { name: "weather", args: '"New York" today', argv: ["New York", "today"] }
 * parseCommand("hello"); // undefined
 * ```
 */
export function parseCommand(text: string | undefined): ParsedCommand | undefined {
  if (typeof text !== "string") return undefined;
  const match = COMMAND.exec(text.trim());
  if (!match) return undefined;
  const args = (match[2] ?? "").trim();
  return { name: match[1].toLowerCase(), args, argv: splitArgs(args) };
}

/** Splits on whitespace; quotes group words and are removed. */
export function splitArgs(args: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(args); m !== null; m = re.exec(args)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

/** Checks command names (a leading slash is tolerated) and returns them lowercase. */
export function commandNames(name: unknown): string[] {
  const names = Array.isArray(name) ? name : [name];
  if (names.length === 0) {
    throw new ValidationError("command() needs at least one name", "invalid_command", "name");
  }
  return names.map((n: unknown) => {
    if (typeof n !== "string" || !NAME.test(n.replace(/^\//, ""))) {
      throw new ValidationError(
        `invalid command name ${JSON.stringify(n)}: use 1–32 letters, digits or underscores, ` +
          `e.g. bot.command("start", …)`,
        "invalid_command",
        "name",
      );
    }
    return n.replace(/^\//, "").toLowerCase();
  });
}

/** Options of {@link helpText}. */
export interface HelpOptions {
  /** First line (default `"Commands:"`). */
  readonly header?: string;
  /** Last line, e.g. a link or a hint. */
  readonly footer?: string;
}

/**
 * The `/help` text for `commands`: one line per visible command, with usage and description.
 *
 * @example
 * ```ts
 * import { helpText } from "./mod.ts";
 *
 * helpText([
 *   { name: "start", description: "Say hello" },
 *   { name: "weather", usage: "<city>", description: "Weather for a city" },
 * ]);
 * // "Commands:\n/start — Say hello\n/weather <city> — Weather for a city"
 * ```
 */
export function helpText(commands: readonly CommandInfo[], options: HelpOptions = {}): string {
  const lines = [options.header ?? "Commands:"];
  const visible = commands.filter((c) => !c.hidden);
  for (const c of visible) {
    const head = c.usage ? `/${c.name} ${c.usage}` : `/${c.name}`;
    lines.push(c.description ? `${head} — ${c.description}` : head);
  }
  if (visible.length === 0) lines.push("(no commands yet)");
  if (options.footer) lines.push(options.footer);
  return lines.join("\n");
}
