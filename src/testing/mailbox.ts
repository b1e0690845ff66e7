/**
 * A queue of received events that tests wait on: `take` hands out the oldest unclaimed event
 * that matches, or waits for one up to a timeout with an error that says what did arrive.
 *
 * @module
 */

/** Events of one kind, claimed in arrival order. */
export interface Mailbox<E> {
  /** Every event received so far, claimed or not. */
  readonly all: readonly E[];
  /** Adds an event (wakes a waiter it matches). */
  push(event: E): void;
  /** The oldest unclaimed event matching `match`, waiting at most `timeoutMs`. */
  take(match: (event: E) => boolean, timeoutMs: number, what: string): Promise<E>;
  /** Rejects every waiter (the owner is closing). */
  close(reason: string): void;
}

interface Waiter<E> {
  readonly match: (event: E) => boolean;
  readonly resolve: (event: E) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Creates a mailbox; `summary` describes what arrived, for timeout errors.
 *
 * @example
 * ```ts
 * import { createMailbox } from "./mod.ts";
 *
 * const inbox = createMailbox<string>((all) => `got ${all.length}: ${all.join(", ")}`);
 * inbox.push("hello");
 * await inbox.take((text) => text.startsWith("hel"), 1000, "greeting"); // "hello"
 * inbox.close("test over");
 * ```
 */
export function createMailbox<E>(summary: (events: readonly E[]) => string): Mailbox<E> {
  const all: E[] = [];
  const unclaimed: E[] = [];
  const waiters = new Set<Waiter<E>>();

  function push(event: E): void {
    all.push(event);
    for (const waiter of waiters) {
      if (waiter.match(event)) return void waiter.resolve(event);
    }
    unclaimed.push(event);
  }

  function take(match: (event: E) => boolean, timeoutMs: number, what: string): Promise<E> {
    const index = unclaimed.findIndex(match);
    if (index >= 0) return Promise.resolve(unclaimed.splice(index, 1)[0]);
    return new Promise<E>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`${what}: nothing within ${timeoutMs} ms. ${summary(all)}`));
      }, timeoutMs);
      const settle = <T>(fn: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        waiters.delete(waiter);
        fn(value);
      };
      const waiter: Waiter<E> = { match, resolve: settle(resolve), reject: settle(reject) };
      waiters.add(waiter);
    });
  }

  function close(reason: string): void {
    for (const waiter of [...waiters]) waiter.reject(new Error(reason));
  }

  return { all, push, take, close };
}
