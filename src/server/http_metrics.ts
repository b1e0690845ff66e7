/**
 * Counts every request by method, matched route pattern (not the raw path: ids would make
 * one series per request) and status.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { StandardMetrics } from "../bridge/mod.ts";

/**
 * The counting middleware.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { createMetrics, standardMetrics } from "../bridge/mod.ts";
 * const app = new Hono();
 * app.use("*", httpMetrics(standardMetrics(createMetrics())));
 * ```
 */
export function httpMetrics(instruments: StandardMetrics): MiddlewareHandler {
  return async function countRequest(c, next) {
    await next();
    let route = routePath(c, -1);
    if (!route || route === "/*" || route === "*") route = "unmatched";
    instruments.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
  };
}
