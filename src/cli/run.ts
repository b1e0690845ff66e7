/**
 * The CLI core: arguments in, exit code out. No `Deno.exit`, no global state, so tests run it
 * in-process.
 *
 * @module
 */
import { parseFlags, splitCommand, UsageError } from "./args.ts";
import { COMMANDS, findCommand } from "./commands/mod.ts";
import { createContext } from "./context.ts";
import { EXIT_USAGE, reportError } from "./errors.ts";
import { commandHelp, generalHelp } from "./help.ts";
import type { CliIo } from "./io.ts";

/**
 * Runs `sessionbot` with `args` (without the program name) and returns the exit code:
 * 0 ok, 1 failure (e.g. delivery failed), 2 bad input or usage, 3 network unreachable
 * (see `exitCodeOf` in errors.ts).
 *
 * @example
 * ```ts
 * import { runCli } from "./run.ts";
 * const out: string[] = [];
 * const code = await runCli(
 *   ["id", "--json", "--seed", "00000000000000000000000000000000"],
 *   {
 *     stdin: ReadableStream.from([]),
 *     stdout: (t) => out.push(t),
 *     stderr: (t) => out.push(t),
 *     env: {},
 *   },
 * );
 * console.log(code, JSON.parse(out.join("")).sessionId);
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const { command: name, rest } = splitCommand(args);
  try {
    if (name === undefined || name === "help") {
      const topic = name === "help"
        ? findCommand(rest.find((a) => !a.startsWith("-")) ?? "")
        : undefined;
      const wantsHelp = name === "help" || rest.includes("--help") || rest.includes("-h");
      if (!wantsHelp) {
        io.stderr(generalHelp(COMMANDS));
        return EXIT_USAGE;
      }
      io.stdout(topic ? commandHelp(topic) : generalHelp(COMMANDS));
      return 0;
    }
    const command = findCommand(name);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const parsed = parseFlags(rest, command.flags, command.name);
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    if (parsed.positionals.length > (command.maxPositionals ?? 0)) {
      throw new UsageError(`unexpected argument "${parsed.positionals.at(-1)}"`, command.name);
    }
    const { ctx, close } = createContext(parsed, io);
    try {
      await command.run(ctx);
      return 0;
    } finally {
      close();
    }
  } catch (error) {
    return reportError(error, io);
  }
}
