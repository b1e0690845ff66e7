/**
 * Wakes subscribers when an event is appended. Waiting starts *before* the subscriber re-reads
 * the log, so an append between its read and its wait is never slept through.
 *
 * @module
 */

/** A wake-up signal shared by the appenders and subscribers of one KV store. */
export interface Notifier {
  /** A promise that settles at the next `notify()` (take it before reading the log). */
  next(): Promise<void>;
  /** Wakes every waiter. */
  notify(): void;
}

const shared = new WeakMap<Deno.Kv, Notifier>();

/**
 * The notifier of `kv`: every event log opened on the same `Deno.Kv` object shares one, so
 * an append through one log wakes subscribers of another.
 *
 * @example
 * ```ts
 * const kv = await Deno.openKv(":memory:");
 * const woken = notifierFor(kv).next();
 * notifierFor(kv).notify();
 * await woken;
 * kv.close();
 * ```
 */
export function notifierFor(kv: Deno.Kv): Notifier {
  let notifier = shared.get(kv);
  if (!notifier) shared.set(kv, notifier = createNotifier());
  return notifier;
}

function createNotifier(): Notifier {
  let wake: () => void = () => {};
  let pending: Promise<void> | undefined;
  function next(): Promise<void> {
    return pending ??= new Promise<void>((resolve) => wake = resolve);
  }
  function notify(): void {
    pending = undefined;
    wake();
    wake = () => {};
  }
  return { next, notify };
}
