/**
 * `BotError`: a middleware failure with the context it happened in.
 *
 * @module
 */
import { SessionBotError } from "../core/errors.ts";
import type { Context } from "./context.ts";

/**
 * A handler threw (or rejected) while handling an event. `ctx` is the context it ran with,
 * `error` what it threw. The bot reports it to its error handler ({@link Bot.catch}) and hands
 * it back to the client, which retries the event with backoff and, after the last try, moves
 * it to the dead letters with this message as the reason: a failing handler never stops the
 * bot and never loses the message.
 *
 * @example
 * ```ts
 * import { Bot, BotError } from "./mod.ts";
 *
 * declare const bot: Bot;
 * bot.catch((err: BotError) => {
 *   console.error(`${err.ctx.type} from ${err.ctx.from} failed:`, err.error);
 * });
 * ```
 */
export class BotError<C extends Context = Context> extends SessionBotError {
  /** What the handler threw. */
  readonly error: unknown;
  /** The context the handler ran with. */
  readonly ctx: C;

  /**
   * Wraps `error`, thrown while handling `ctx`.
   *
   * @param error What the handler threw.
   * @param ctx The context it ran with.
   */
  constructor(error: unknown, ctx: C) {
    super(
      `a handler failed on the ${ctx.type} event ${shorten(ctx.id)} from ${shorten(ctx.from)}: ` +
        describe(error),
      "handler_failed",
      { cause: error },
    );
    this.error = error;
    this.ctx = ctx;
  }
}

/** `05abcdef12…` for long IDs and hashes, so messages stay readable. */
function shorten(id: string): string {
  return id.length > 14 ? `${id.slice(0, 10)}…` : id;
}

/** A thrown value as text: `Error` messages (with their class), anything else stringified. */
export function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
  }
  try {
    return typeof error === "string" ? error : JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
