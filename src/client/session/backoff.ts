/**
 * Retry schedules and a sleep that `stop()` can cut short.
 *
 * @module
 */

/** How often to try and how long to wait between tries. */
export interface RetryPolicy {
  /** Tries in all, the first included (default 5 for handlers, 8 for sends). */
  readonly attempts?: number;
  /** Waits after each failed try, ms; the last one repeats (default 250, 1000, 4000, 15000). */
  readonly backoffMs?: readonly number[];
}

/** A policy with its defaults filled in. */
export interface Retry {
  readonly attempts: number;
  readonly backoffMs: readonly number[];
}

/** Fills in `policy` over `defaults`. */
export function retryPolicy(policy: RetryPolicy | undefined, defaults: Retry): Retry {
  const attempts = policy?.attempts ?? defaults.attempts;
  const backoffMs = policy?.backoffMs ?? defaults.backoffMs;
  if (!Number.isInteger(attempts) || attempts < 1 || backoffMs.length === 0) {
    throw new RangeError("retry.attempts must be ≥ 1 and retry.backoffMs must not be empty");
  }
  return { attempts, backoffMs };
}

/** The wait after failed try number `attempt` (1-based), with ±20 % jitter. */
export function backoffDelay(retry: Retry, attempt: number): number {
  const base = retry.backoffMs[Math.min(attempt, retry.backoffMs.length) - 1];
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Resolves after `ms`, or at once (false) when `signal` aborts. Never leaves a timer behind. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", abort);
      resolve(slept);
    };
    const abort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", abort);
  });
}
