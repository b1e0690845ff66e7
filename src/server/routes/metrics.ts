/**
 * `GET /metrics`: the Prometheus text exposition (token required, like every route but health
 * and the OpenAPI document; Prometheus sends it with `authorization: { credentials: … }`).
 *
 * @module
 */
import { Hono } from "hono";
import { PROMETHEUS_CONTENT_TYPE } from "../../bridge/mod.ts";
import type { RouteDeps, ServerEnv } from "../deps.ts";

/**
 * The metrics route.
 *
 * @example
 * ```ts
 * declare const deps: RouteDeps;
 * const app = new Hono().route("/", metricsRoutes(deps));
 * ```
 */
export function metricsRoutes(deps: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get("/metrics", async (c) => {
    await deps.metrics.collect();
    return c.body(deps.metrics.render(), 200, { "content-type": PROMETHEUS_CONTENT_TYPE });
  });
  return app;
}
