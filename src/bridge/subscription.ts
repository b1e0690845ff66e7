/**
 * The live side of the event log: replay what came after a cursor, then wait for appends
 * (woken in-process, with a slow re-read for appends made by other processes) until aborted.
 *
 * @module
 */
import type { EventPage, LoggedEvent, SinceOptions } from "./event_log_types.ts";
import type { Notifier } from "./notifier.ts";

/** What a subscription reads from. */
export interface SubscriptionSource {
  readonly since: (cursor?: string, options?: SinceOptions) => Promise<EventPage>;
  readonly head: () => Promise<string>;
  readonly notifier: Notifier;
  readonly pollMs: number;
}

/**
 * Makes `subscribe(cursor, signal, options)` over `source`.
 *
 * @example
 * ```ts
 * declare const source: SubscriptionSource;
 * const subscribe = subscription(source);
 * const stop = new AbortController();
 * for await (const { cursor } of subscribe("0", stop.signal)) console.log(cursor);
 * ```
 */
export function subscription(source: SubscriptionSource) {
  return async function* subscribe(
    cursor: string | undefined,
    signal: AbortSignal,
    options: Pick<SinceOptions, "types"> = {},
  ): AsyncGenerator<LoggedEvent> {
    let position = cursor ?? await source.head();
    while (!signal.aborted) {
      // Take the wake-up before reading: an append during the read still wakes us.
      const woken = source.notifier.next();
      const page = await source.since(position, { limit: 500, types: options.types });
      if (page.next !== null) position = page.next;
      for (const event of page.events) {
        if (signal.aborted) return;
        yield event;
      }
      if (page.more) continue;
      await wake(woken, signal, source.pollMs);
    }
  };
}

/** Resolves on `woken`, on abort, or after `ms`, leaving no timer or listener behind. */
function wake(woken: Promise<void>, signal: AbortSignal, ms: number): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    woken.then(done);
  });
}
