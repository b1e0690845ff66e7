/**
 * `GET /v1/events`: the event log as server-sent events. Resume with the `Last-Event-ID`
 * header (what `EventSource` sends on reconnect; it wins over `?since=`) or `?since=<cursor>`;
 * with neither, only events from now on. `?types=` filters.
 *
 * @module
 */
import { Hono } from "hono";
import type { RouteDeps, ServerEnv } from "../deps.ts";
import { eventStream } from "../sse.ts";
import { readPageQuery } from "./query.ts";

/**
 * The SSE route.
 *
 * @example
 * ```ts
 * declare const deps: RouteDeps;
 * const app = new Hono().route("/", eventRoutes(deps));
 * ```
 */
export function eventRoutes(deps: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get("/v1/events", (c) => {
    const lastEventId = c.req.header("last-event-id")?.trim() || undefined;
    const { since, types } = readPageQuery(c, lastEventId, true);
    // The client going away cancels the body stream; request.signal is not used (Deno's
    // legacy semantics abort it when the handler returns).
    const signals = [deps.closing];
    if (c.env?.closing) signals.push(c.env.closing);
    const body = eventStream(deps.config.events, {
      cursor: since,
      types,
      signal: AbortSignal.any(signals),
      heartbeatMs: deps.config.heartbeatMs,
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  });
  return app;
}
