/**
 * The receiving side of a client, started by `start()`: the dispatcher that drains the inbox
 * (leftovers of an earlier run first) and the poller that fills it, plus how failures outside
 * the handlers become `error` events.
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";
import { type Dispatcher, startDispatcher } from "./dispatcher.ts";
import { createPoller, type Poller } from "./poller.ts";
import type { Runtime } from "./runtime.ts";
import { sweep } from "./sweeper.ts";

/** What `start()` runs. */
export interface Receiving {
  readonly poller: Poller;
  readonly dispatcher: Dispatcher;
}

/** Starts the dispatcher and creates the poller (not yet started). */
export function receiving(rt: Runtime): Receiving {
  const dispatcher = startDispatcher({
    ...rt,
    retry: rt.config.retry,
    maxInFlight: rt.config.maxInFlight,
    maxMessageBytes: rt.config.maxMessageBytes,
    onError: (error) => report(rt, error),
  });
  const poller = createPoller({
    kv: rt.kv,
    identity: rt.identity,
    network: rt.network,
    interval: rt.config.interval,
    history: rt.config.history,
    pageSize: rt.config.pageSize,
    onTaken: () => dispatcher.wake(),
    onError: (error) => {
      rt.counters.pollFailures++;
      report(rt, error);
    },
    afterRound: async () => {
      rt.counters.polls++;
      rt.counters.lastPollAt = Date.now();
      await sweep(rt.kv, rt.identity, rt.network);
    },
  });
  return { poller, dispatcher };
}

/** Emits `error` as an `error` event (a failing error handler is ignored). */
export function report(
  rt: Runtime,
  error: unknown,
  extra: { readonly timestamp?: number; readonly deadLettered?: boolean } = {},
): void {
  const failure = error instanceof SessionBotError
    ? error
    : new SessionBotError(String(error), "internal", { cause: error });
  void rt.emitter.emit({
    type: "error",
    identity: rt.sid,
    code: failure.code,
    message: failure.message,
    error: failure,
    deadLettered: false,
    ...extra,
  }).catch(() => {});
}
