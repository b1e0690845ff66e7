/**
 * The shape of a CLI command and what it gets to work with.
 *
 * @module
 */
import type { Keyring } from "../client/keyring/mod.ts";
import type { FlagSpec, FlagValue } from "./args.ts";
import type { CliIo } from "./io.ts";

/** Everything a command's `run` needs; built fresh for each invocation. */
export interface CommandContext {
  /** Flag values by long name (global flags included; lists for `multiple` flags). */
  readonly values: Readonly<Record<string, FlagValue>>;
  /** Positional arguments after the command name. */
  readonly positionals: readonly string[];
  /** `--json` was given. */
  readonly json: boolean;
  /** `--identity` (default `"default"`). */
  readonly identity: string;
  /** The key store path (`--kv`, `SESSIONBOT_KV` or the default). */
  readonly kvPath: string;
  /** The seed URL (`--network` or `SESSIONBOT_NETWORK`); undefined: mainnet. */
  readonly network?: string;
  /** The process surface. */
  readonly io: CliIo;
  /** Opens the key store on first use; the runner closes it. */
  keyring(): Promise<Keyring>;
  /** The key store's Deno KV (opened on first use, shared with `keyring`; the runner closes it). */
  kv(): Promise<Deno.Kv>;
  /** The next line of standard input (after printing `prompt` when stdin is a terminal). */
  readLine(prompt: string): Promise<string | undefined>;
  /** Prints `human` text, or `data` as JSON under `--json`. */
  print(human: string, data: unknown): void;
  /** A line on standard error, prefixed `sessionbot: `. */
  note(text: string): void;
}

/** A subcommand: help text, flags and the work. */
export interface Command {
  /** What the user types. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Arguments after the name in the usage line, e.g. `<name> [--yes]`. */
  readonly usage: string;
  /** Paragraphs shown by `--help` after the usage line. */
  readonly details?: string;
  /** Command-specific flags. */
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** Most positional arguments accepted (default 0). */
  readonly maxPositionals?: number;
  /** Does the work; throws to fail (the runner maps errors to exit codes). */
  run(ctx: CommandContext): Promise<void>;
}
