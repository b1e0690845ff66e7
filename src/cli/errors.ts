/**
 * Turns any thrown value into one friendly stderr line and an exit code:
 *
 * | code | meaning |
 * |---|---|
 * | 0 | success |
 * | 1 | failure: delivery failed (refused by the swarm, dead-lettered, API 5xx), anything else |
 * | 2 | bad input or usage (`ValidationError`): flags, IDs, files, config, API 4xx |
 * | 3 | network unreachable (`NetworkError`, `OnionError`): no seed, no onion path, API down |
 *
 * @module
 */
import { NetworkError, OnionError, SessionBotError, ValidationError } from "../core/errors.ts";
import { UsageError } from "./args.ts";
import type { CliIo } from "./io.ts";

/** Exit code for a failed delivery and every other failure. */
export const EXIT_FAILURE = 1;
/** Exit code for bad input or usage. */
export const EXIT_USAGE = 2;
/** Exit code for an unreachable network (seed, onion path, service API). */
export const EXIT_NETWORK = 3;

/**
 * The exit code for `error`: 2 bad input, 3 network unreachable, 1 anything else.
 *
 * @example
 * ```ts
 * import { exitCodeOf } from "./errors.ts";
 * import { NetworkError } from "../core/errors.ts";
 * console.log(exitCodeOf(new NetworkError("connection refused"))); // 3
 * ```
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof ValidationError) return EXIT_USAGE;
  if (error instanceof NetworkError || error instanceof OnionError) return EXIT_NETWORK;
  return EXIT_FAILURE;
}

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
  return exitCodeOf(error);
}
