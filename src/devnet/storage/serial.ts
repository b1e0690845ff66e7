/**
 * A one-at-a-time queue for async work: the KV store's read-modify-write operations must not
 * interleave at their `await`s.
 *
 * @module
 */

/** Runs tasks strictly one after another, in call order. */
export type Serial = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Creates a serial queue. A failing task rejects its own promise only; the queue goes on.
 *
 * @example
 * ```ts
 * const serial = createSerial();
 * await serial(async () => "one at a time");
 * ```
 */
export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
