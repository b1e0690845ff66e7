/**
 * Help text: the command list and each command's usage, flags and notes.
 *
 * @module
 */
import { type FlagSpec, GLOBAL_FLAGS } from "./args.ts";
import type { Command } from "./command.ts";

/** The overview printed by `sessionbot --help`. */
export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "Usage: sessionbot <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Global options:",
    ...flagLines(GLOBAL_FLAGS),
    "",
    'Run "sessionbot <command> --help" for a command\'s options.',
    "",
  ].join("\n");
}

/** The help of one command. */
export function commandHelp(command: Command): string {
  return [
    `Usage: sessionbot ${command.name} ${command.usage}`.trimEnd(),
    "",
    command.summary,
    ...(command.details ? ["", command.details] : []),
    ...(Object.keys(command.flags).length ? ["", "Options:", ...flagLines(command.flags)] : []),
    "",
    "Global options:",
    ...flagLines(GLOBAL_FLAGS),
    "",
  ].join("\n");
}

function flagLines(flags: Readonly<Record<string, FlagSpec>>): string[] {
  const heads = Object.entries(flags).map(([name, spec]) =>
    (spec.short ? `-${spec.short}, ` : "") + `--${name}` + (spec.value ? ` ${spec.value}` : "")
  );
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return Object.values(flags).map((spec, i) => `  ${heads[i].padEnd(width)}${spec.description}`);
}
