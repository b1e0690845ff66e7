/**
 * A step's own `tx` effects: what the builder records on the driving event's `tx` while the
 * step runs is also kept in memory, so that a redelivery of that event (its commit was lost)
 * can put the same effects on the new `tx` without running the step again.
 *
 * @module
 */
import type { BotEvent, InboxTransaction } from "../../bot/mod.ts";

/** One recorded `tx` operation, to put on another transaction. */
export type TxEffect = (tx: InboxTransaction) => void;

/**
 * Wraps `event.tx` so that operations made while `active()` also land in `sink`; every
 * operation still goes to the original. Returns false when the event cannot be wrapped.
 *
 * @example
 * ```ts
 * import type { BotEvent } from "../../bot/mod.ts";
 * import { captureEffects, type TxEffect } from "./effects.ts";
 *
 * declare const event: BotEvent;
 * const sink: TxEffect[] = [];
 * captureEffects(event, sink, () => true);
 * ```
 */
export function captureEffects(event: BotEvent, sink: TxEffect[], active: () => boolean): boolean {
  const original = event.tx;
  const keep = (effect: TxEffect) => void (active() && sink.push(effect));
  const wrapped: InboxTransaction = {
    check(entry) {
      keep((tx) => tx.check(entry));
      original.check(entry);
      return wrapped;
    },
    set(key, value, options) {
      keep((tx) => tx.set(key, value, options));
      original.set(key, value, options);
      return wrapped;
    },
    delete(key) {
      keep((tx) => tx.delete(key));
      original.delete(key);
      return wrapped;
    },
    sum(key, n) {
      keep((tx) => tx.sum(key, n));
      original.sum(key, n);
      return wrapped;
    },
  };
  try {
    (event as { tx: InboxTransaction }).tx = wrapped;
    return event.tx === wrapped;
  } catch {
    return false; // a frozen event: its effects are not kept (a redelivery then loses them)
  }
}
