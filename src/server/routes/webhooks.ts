/**
 * Webhook endpoint management: `GET|POST /v1/webhooks`, `GET|PATCH|DELETE /v1/webhooks/:id`,
 * `GET /v1/webhooks/:id/deliveries`, `POST /v1/deliveries/:id/redeliver`. Secrets are shown
 * once, in the answer to the `POST` that created the endpoint.
 *
 * @module
 */
import { Hono } from "hono";
import type { RouteDeps, ServerEnv } from "../deps.ts";
import { ApiError, badRequest, notFound } from "../errors.ts";
import { createEndpointBody, updateEndpointBody } from "../schemas.ts";
import { readJson } from "../validate.ts";
import type { DeliveryRecord, WebhookEndpoint, Webhooks } from "../webhooks_port.ts";

const STATUSES = ["pending", "delivered", "failed", "dead"] as const;

/**
 * The webhook management routes (501 when the server has no webhooks).
 *
 * @example
 * ```ts
 * declare const deps: RouteDeps;
 * const app = new Hono().route("/", webhookRoutes(deps));
 * ```
 */
export function webhookRoutes(deps: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const hooks = (): Webhooks => {
    if (deps.config.webhooks) return deps.config.webhooks;
    throw new ApiError(501, {
      error: "not_configured",
      message: "webhooks are not enabled in this service: add a webhooks section to its config",
    });
  };
  const endpoint = async (id: string): Promise<WebhookEndpoint> => {
    const found = await hooks().endpoints.get(id);
    if (!found) throw notFound(`no webhook endpoint '${id.slice(0, 100)}'`);
    return found;
  };

  app.get("/v1/webhooks", async (c) => {
    const endpoints = await hooks().endpoints.list();
    return c.json({ endpoints: endpoints.map(redact) });
  });

  app.post("/v1/webhooks", async (c) => {
    const input = await readJson(c, createEndpointBody);
    const created = await hooks().endpoints.add(input);
    return c.json(created, 201, { location: `/v1/webhooks/${encodeURIComponent(created.id)}` });
  });

  app.get("/v1/webhooks/:id", async (c) => c.json(redact(await endpoint(c.req.param("id")))));

  app.patch("/v1/webhooks/:id", async (c) => {
    const id = c.req.param("id");
    await endpoint(id);
    const patch = await readJson(c, updateEndpointBody);
    return c.json(redact(await hooks().endpoints.update(id, patch)));
  });

  app.delete("/v1/webhooks/:id", async (c) => {
    const removed = await hooks().endpoints.remove(c.req.param("id"));
    if (!removed) throw notFound(`no webhook endpoint '${c.req.param("id").slice(0, 100)}'`);
    return c.body(null, 204);
  });

  app.get("/v1/webhooks/:id/deliveries", async (c) => {
    const id = c.req.param("id");
    await endpoint(id);
    const status = c.req.query("status");
    const limitText = c.req.query("limit");
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      const message = `status is one of ${STATUSES.join(", ")}`;
      throw badRequest(message, [{ path: "status", message }]);
    }
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
      const message = "limit must be a whole number from 1 to 1000";
      throw badRequest(message, [{ path: "limit", message }]);
    }
    const deliveries = await hooks().deliveries({
      endpointId: id,
      ...(status ? { status: status as DeliveryRecord["status"] } : {}),
      ...(limit ? { limit } : {}),
    });
    return c.json({ deliveries });
  });

  app.post("/v1/deliveries/:id/redeliver", async (c) => {
    const delivery = await hooks().redeliver(c.req.param("id"));
    return c.json(delivery, 202);
  });

  return app;
}

/** An endpoint without its signing secret. */
function redact(endpoint: WebhookEndpoint): Omit<WebhookEndpoint, "secret"> {
  const { secret: _secret, ...rest } = endpoint;
  return rest;
}
