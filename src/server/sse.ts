/**
 * Server-sent events over the event log: one frame per event (`id:` = its cursor, `data:` = the
 * payload JSON), `: keep-alive` comments between them, and a clean end when the client goes
 * away or the server closes (no timer or pending read left behind).
 *
 * @module
 */
import type { EventLog, LoggedEvent } from "../bridge/mod.ts";

/** Options of {@link eventStream}. */
export interface EventStreamOptions {
  /** Replay after this cursor; `undefined`: only new events. */
  readonly cursor: string | undefined;
  /** Only these event types. */
  readonly types?: readonly string[];
  /** Ends the stream (client gone, server closing). */
  readonly signal: AbortSignal;
  /** Keep-alive comment interval, ms. */
  readonly heartbeatMs: number;
}

const encoder = new TextEncoder();

/** The SSE frame of one event. */
export function sseFrame(event: LoggedEvent): string {
  return `id: ${event.cursor}\ndata: ${JSON.stringify(event.payload)}\n\n`;
}

/**
 * A byte stream of SSE frames following `log` from `cursor` until `signal` aborts or the reader
 * cancels.
 *
 * @example
 * ```ts
 * declare const log: EventLog;
 * const body = eventStream(log, { cursor: "0", signal: AbortSignal.timeout(60_000), heartbeatMs: 15_000 });
 * const response = new Response(body, { headers: { "content-type": "text/event-stream" } });
 * ```
 */
export function eventStream(
  log: EventLog,
  options: EventStreamOptions,
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const signal = AbortSignal.any([stop.signal, options.signal]);
  const iterator = log.subscribe(options.cursor, signal, { types: options.types })[
    Symbol.asyncIterator
  ]();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const end = () => {
    clearInterval(heartbeat);
    stop.abort();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("retry: 2000\n: connected\n\n"));
      heartbeat = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(": keep-alive\n\n"));
        } catch {
          end();
        }
      }, options.heartbeatMs);
    },
    async pull(controller) {
      let next: IteratorResult<LoggedEvent>;
      try {
        next = await iterator.next();
      } catch (error) {
        end();
        controller.error(error);
        return;
      }
      try {
        if (next.done) {
          end();
          controller.close();
        } else controller.enqueue(encoder.encode(sseFrame(next.value)));
      } catch {
        end(); // the reader cancelled meanwhile
      }
    },
    cancel() {
      end();
    },
  }, { highWaterMark: 0 });
}
