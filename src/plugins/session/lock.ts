/**
 * A keyed async lock: work on one key runs one at a time, in arrival order.
 *
 * @module
 */

/** Runs functions one at a time per key. */
export interface KeyedLock {
  /** Runs `fn` once every earlier `run` of `key` has settled. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running. */
  readonly size: number;
}

/** Creates an empty lock table. */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(fn, fn);
      const tail = result.then(() => {}, () => {});
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get size() {
      return tails.size;
    },
  };
}
