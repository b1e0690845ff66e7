/**
 * Timing helpers of the runner: abortable sleeps and bounded waits that never leave a timer
 * behind (test sanitizers stay quiet).
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";

/** Resolves after `ms` (true), or at once (false) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
      resolve(slept);
    };
    const abort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener("abort", abort);
  });
}

/** Waits for `promise` at most `ms`: true when it settled in time (a rejection counts too). */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const aborter = new AbortController();
  const settled = promise.then(() => true, () => true);
  const result = await Promise.race([settled, sleep(ms, aborter.signal).then(() => false)]);
  aborter.abort();
  return result;
}

/** A positive whole number of milliseconds, or a friendly error naming the option. */
export function positiveMs(value: number | undefined, fallback: number, name: string): number {
  const ms = value ?? fallback;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new ValidationError(
      `${name} must be a positive number of milliseconds, got ${value}`,
      "bad_option",
      name,
    );
  }
  return ms;
}
