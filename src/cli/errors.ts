/**
 * Turns any thrown value into one friendly stderr line and an exit code:
 * 2 for bad input or usage (`ValidationError`), 1 for everything else.
 *
 * @module
 */
import { SessionBotError, ValidationError } from "../core/errors.ts";
import { UsageError } from "./args.ts";
import type { CliIo } from "./io.ts";

/** Exit code for bad input or usage. */
export const EXIT_USAGE = 2;
/** Exit code for every other failure. */
export const EXIT_FAILURE = 1;

/** Reports `error` on stderr and returns the exit code. Stacks only with `SESSIONBOT_DEBUG=1`. */
export function reportError(error: unknown, io: CliIo): number {
  const message = error instanceof SessionBotError
    ? error.message
    : `unexpected error: ${error instanceof Error ? error.message : String(error)}` +
      (io.env.SESSIONBOT_DEBUG === "1" ? "" : " (set SESSIONBOT_DEBUG=1 for details)");
  io.stderr(`sessionbot: ${message}\n`);
  if (error instanceof UsageError) {
    const help = error.command ? `sessionbot ${error.command} --help` : "sessionbot --help";
    io.stderr(`Run "${help}" for usage.\n`);
  }
  if (io.env.SESSIONBOT_DEBUG === "1" && error instanceof Error && error.stack) {
    io.stderr(error.stack + "\n");
  }
  return error instanceof ValidationError ? EXIT_USAGE : EXIT_FAILURE;
}
