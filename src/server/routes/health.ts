/**
 * `GET /v1/health`: liveness, without a token (for probes and load balancers). Anyone gets
 * `status` and uptime; a caller with a valid token also gets the identity and client counters.
 *
 * @module
 */
import { Hono } from "hono";
import type { RouteDeps, ServerEnv } from "../deps.ts";

/** Polls older than this make the status `degraded`. */
const STALE_POLL_MS = 5 * 60_000;

/**
 * The health route; `authorized` tells whether a request carries a valid token.
 *
 * @example
 * ```ts
 * declare const deps: RouteDeps;
 * const app = new Hono().route("/", healthRoutes(deps, () => false));
 * ```
 */
export function healthRoutes(
  deps: RouteDeps,
  authorized: (header: string | undefined) => boolean,
): Hono<ServerEnv> {
  const { client } = deps.config;
  const app = new Hono<ServerEnv>();
  app.get("/v1/health", async (c) => {
    const uptimeSeconds = Math.floor((Date.now() - deps.startedAt) / 1000);
    let stats: Awaited<ReturnType<NonNullable<typeof client.stats>>> | undefined;
    let status: "ok" | "degraded" = "ok";
    try {
      stats = typeof client.stats === "function" ? await client.stats() : undefined;
    } catch {
      status = "degraded";
    }
    if (stats && stats.pollFailures > 0 && stats.lastPollAt !== undefined) {
      if (Date.now() - stats.lastPollAt > STALE_POLL_MS) status = "degraded";
    }
    const base = { status, uptimeSeconds };
    if (!authorized(c.req.header("authorization"))) return c.json(base);
    return c.json({ ...base, identity: client.sessionId, ...(stats ? { client: stats } : {}) });
  });
  return app;
}
