/**
 * `createWebhookServer`: the HTTP API of a sessionbot service, a Hono app with one route
 * module per feature, bearer auth, body limits, JSON errors and request metrics.
 *
 * @module
 */
import { Hono } from "hono";
import { createMetrics, observeClient, observeWebhooks, standardMetrics } from "../bridge/mod.ts";
import { bearerAuth, tokenChecker } from "./auth.ts";
import type { RouteDeps, ServerEnv } from "./deps.ts";
import { limitBody } from "./body_limit.ts";
import { errorResponse } from "./errors.ts";
import { createAttachmentFetcher } from "./fetch_attachment.ts";
import { createPinnedPool } from "../webhook/pinned.ts";
import { httpMetrics } from "./http_metrics.ts";
import { type Listener, type ListenOptions, serveOn } from "./listen.ts";
import { checkServerOptions, type WebhookServerOptions } from "./options.ts";
import { attachmentRoutes } from "./routes/attachments.ts";
import { communityRoutes } from "./routes/communities.ts";
import { eventRoutes } from "./routes/events.ts";
import { healthRoutes } from "./routes/health.ts";
import { messageRoutes } from "./routes/messages.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

/**
 * The Hono app behind the API, as callers use it: its `fetch` (mount it in another server,
 * e.g. `outer.mount("/", api.app.fetch)`) and its route table. At run time it is the Hono app
 * itself.
 */
export interface ApiApp {
  /** Answers one request. */
  fetch(
    request: Request,
    env?: { readonly closing?: AbortSignal },
  ): Response | Promise<Response>;
  /** Every registered route: method (`ALL` for middleware) and path pattern. */
  readonly routes: readonly { readonly method: string; readonly path: string }[];
}

/** The HTTP API: its app, `fetch`, and `listen`. */
export interface WebhookServer extends AsyncDisposable {
  /** The app (a Hono app). */
  readonly app: ApiApp;
  /** Answers one request (no listener needed: tests, other servers). */
  fetch(request: Request): Promise<Response>;
  /** Listens (127.0.0.1:8787 by default); `close()` ends open streams, then stops. */
  listen(options?: ListenOptions): Promise<Listener>;
  /** Ends every open event stream, closes every listener, detaches the metric collectors. */
  close(): Promise<void>;
}

/**
 * Creates the HTTP API over a client, its event log and (optionally) its webhooks. Refuses to
 * be created with auth on (the default) and no token.
 *
 * @throws {ValidationError} `token_missing`, or naming the option that is wrong.
 * @example
 * ```ts
 * import { createWebhookServer } from "./mod.ts";
 * import { createEventLog, recordEvents } from "../bridge/mod.ts";
 * import { SessionClient } from "../client/session/mod.ts";
 *
 * const kv = await Deno.openKv("./bot.kv");
 * const client = await SessionClient.open({ kv, identityName: "default" });
 * const events = createEventLog(kv);
 * recordEvents(client, events);
 * await client.start();
 * const api = createWebhookServer({ client, kv, events, token: Deno.env.get("SESSIONBOT_API_TOKEN") });
 * const { url } = await api.listen({ port: 8787 });
 * console.log(`API on ${url}`);
 * ```
 */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const config = checkServerOptions(options);
  const metrics = config.metrics ?? createMetrics();
  const instruments = standardMetrics(metrics);
  const detach = [observeClient(metrics, config.client)];
  if (config.webhooks) detach.push(observeWebhooks(metrics, config.webhooks));
  const closing = new AbortController();
  const pins = createPinnedPool();
  const deps: RouteDeps = {
    config,
    metrics,
    instruments,
    fetchAttachment: config.fetchAttachment ??
      createAttachmentFetcher({ allowPrivate: config.allowPrivateAttachmentUrls, pins }),
    closing: closing.signal,
    startedAt: Date.now(),
  };
  const authorized = config.authRequired ? tokenChecker(config.tokens) : () => true;

  const app = new Hono<ServerEnv>();
  app.use("*", httpMetrics(instruments));
  if (config.authRequired) app.use("*", bearerAuth(config.tokens));
  app.use("*", limitBody(config.maxBodyBytes));
  app.route("/", messageRoutes(deps));
  app.route("/", eventRoutes(deps));
  app.route("/", attachmentRoutes(deps));
  app.route("/", communityRoutes(deps));
  app.route("/", healthRoutes(deps, authorized));
  app.route("/", metricsRoutes(deps));
  app.route("/", webhookRoutes(deps));
  app.route("/", openApiRoutes());
  app.notFound((c) =>
    c.json({
      error: "not_found",
      message: `no route ${c.req.method} ${c.req.path}: see /v1/openapi.json`,
    }, 404)
  );
  app.onError((error, c) => errorResponse(c, error));

  const listeners = new Set<Listener>();
  async function listen(listenOptions: ListenOptions = {}): Promise<Listener> {
    const listener = await serveOn(
      (request, listenerClosing) => app.fetch(request, { closing: listenerClosing }),
      listenOptions,
    );
    listeners.add(listener);
    return {
      url: listener.url,
      close: async () => {
        listeners.delete(listener);
        await listener.close();
      },
    };
  }

  let closed: Promise<void> | undefined;
  const close = () =>
    closed ??= (async () => {
      closing.abort();
      detach.forEach((off) => off());
      await Promise.all([...listeners].map((l) => l.close()));
      await pins.close();
    })();

  return {
    app,
    fetch: async (request) => await app.fetch(request, {}),
    listen,
    close,
    [Symbol.asyncDispose]: close,
  };
}
