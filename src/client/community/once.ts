/**
 * Sending a post or a DM at most once. A community server keeps every copy it is sent, and an
 * onion request that timed out may still have arrived, so a failure whose outcome is unknown is
 * not simply retried: first the room (or our outbox) is read for the message we sent — matched
 * by its signature or ciphertext, which no other message shares — and only when it is not there
 * is it sent again.
 *
 * @module
 */
import { NetworkError, OnionError } from "../../core/errors.ts";
import { CommunityError } from "./errors.ts";

/** What {@link sendOnce} needs. */
export interface SendOnceOptions<T> {
  /** What is being sent, for error messages ("post to lobby"). */
  readonly what: string;
  /** One attempt (not retried when its outcome is unknown). */
  send(): Promise<T>;
  /** Looks for the message on the server: its result when it arrived, else undefined. */
  find(): Promise<T | undefined>;
  /** Attempts in all (default 3). */
  readonly attempts?: number;
  /** Pause before looking, so a slow server can finish storing (default 500 ms). */
  readonly pauseMs?: number;
}

/**
 * Whether `error` leaves it open if the server stored the message: an onion or network failure
 * (other than the client closing), or a gateway timeout. A server's own refusal is definite.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof CommunityError) return error.status === 504;
  if (error instanceof NetworkError) return error.code !== "closed";
  return error instanceof OnionError;
}

/**
 * Sends at most once: on an unknown outcome, looks before sending again.
 *
 * @example
 * ```ts
 * declare const send: () => Promise<{ id: number }>;
 * declare const find: () => Promise<{ id: number } | undefined>;
 * const { id } = await sendOnce({ what: "post to lobby", send, find });
 * ```
 */
export async function sendOnce<T>(options: SendOnceOptions<T>): Promise<T> {
  const attempts = options.attempts ?? 3;
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await options.send();
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 500));
    let found: T | undefined;
    try {
      found = await options.find();
    } catch (cause) {
      throw new NetworkError(
        `${options.what} failed (${(last as Error).message}) and reading back whether it ` +
          `arrived failed too (${(cause as Error).message}): it may or may not have been ` +
          "stored; check before sending it again",
        "outcome_unknown",
        { cause: last },
      );
    }
    if (found !== undefined) return found;
  }
  throw last;
}
