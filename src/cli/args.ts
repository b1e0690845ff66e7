/**
 * Argument parsing on `node:util` `parseArgs`, with the global flags every command accepts and
 * usage errors that say which flag was wrong.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { ValidationError } from "../core/errors.ts";

/** One flag: the `parseArgs` shape plus what help prints. */
export interface FlagSpec {
  /** Flag kind. */
  readonly type: "string" | "boolean";
  /** One-letter alias. */
  readonly short?: string;
  /** Placeholder shown in help for string flags, e.g. `PATH`. */
  readonly value?: string;
  /** The flag may be given several times; its value is then a list. */
  readonly multiple?: boolean;
  /** One line for `--help`. */
  readonly description: string;
}

/** Flags every command takes. */
export const GLOBAL_FLAGS: Readonly<Record<string, FlagSpec>> = {
  kv: {
    type: "string",
    value: "PATH",
    description:
      "key store file (env SESSIONBOT_KV; default $XDG_DATA_HOME/sessionbot/sessionbot.kv)",
  },
  identity: { type: "string", value: "NAME", description: 'identity to use (default "default")' },
  network: {
    type: "string",
    value: "URL",
    description:
      "seed URL of the network, e.g. a devnet's (env SESSIONBOT_NETWORK; default mainnet)",
  },
  json: { type: "boolean", description: "print machine-readable JSON" },
  help: { type: "boolean", short: "h", description: "show help" },
};

/** Bad command-line usage: exits 2 with a pointer to `--help`. */
export class UsageError extends ValidationError {
  /** The command whose help to point at, if known. */
  readonly command?: string;

  /**
   * @param message What was wrong.
   * @param command The command whose help to point at, if known.
   */
  constructor(message: string, command?: string) {
    super(message, "usage", "args");
    this.command = command;
  }
}

/** Splits off the command name: the first argument that is neither a flag nor a flag's value. */
export function splitCommand(args: readonly string[]): { command?: string; rest: string[] } {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") break;
    if (!arg.startsWith("-")) {
      return { command: arg, rest: [...args.slice(0, i), ...args.slice(i + 1)] };
    }
    const flag = GLOBAL_FLAGS[arg.replace(/^--?/, "")];
    if (flag?.type === "string" && !arg.includes("=")) i++;
  }
  return { rest: [...args] };
}

/** A parsed flag value. */
export type FlagValue = string | boolean | string[] | undefined;

/** Parsed flags and positionals of one command. */
export interface Parsed {
  /** Flag values by long name (lists for `multiple` flags). */
  readonly values: Readonly<Record<string, FlagValue>>;
  /** Remaining positional arguments. */
  readonly positionals: readonly string[];
}

/** Parses `args` against the global flags plus `flags`; `UsageError` on anything unknown. */
export function parseFlags(
  args: readonly string[],
  flags: Readonly<Record<string, FlagSpec>>,
  command?: string,
): Parsed {
  const options = Object.fromEntries(
    Object.entries({ ...GLOBAL_FLAGS, ...flags }).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short ? { short: spec.short } : {}),
        ...(spec.multiple ? { multiple: true } : {}),
      },
    ]),
  );
  try {
    // Only string flags are `multiple`, so lists hold strings.
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true }) as Parsed;
  } catch (error) {
    throw new UsageError(describeParseError(error), command);
  }
}

// node's messages are long and mention `-- "--foo"` tricks; a user needs the flag and the fix.
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const flag = message.match(/'(-[^' ]*)/)?.[1] ?? "";
  const code = (error as { code?: string }).code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${flag}`;
  if (/does not take an argument/.test(message)) return `option ${flag} does not take a value`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `option ${flag} needs a value`;
  return message.split("\n")[0];
}
