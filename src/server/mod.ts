/**
 * The HTTP API of a sessionbot service (Hono): send messages, read received events (paged or
 * as server-sent events), fetch attachments, health, Prometheus metrics, webhook management
 * and its OpenAPI document. Bearer auth on by default; binds 127.0.0.1 by default.
 *
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
 * const { url, close } = await api.listen();
 * ```
 *
 * @module
 */
export { type ApiApp, createWebhookServer, type WebhookServer } from "./server.ts";
export {
  type ApiClient,
  type ApiCommunities,
  DEFAULT_MAX_BODY_BYTES,
  type WebhookServerOptions,
} from "./options.ts";
export type { Listener, ListenOptions } from "./listen.ts";
export type { ServerEnv } from "./deps.ts";
export { type AttachmentFetcherOptions, createAttachmentFetcher } from "./fetch_attachment.ts";
export type { PinnedLease, PinnedPool } from "../webhook/pinned.ts";
export { ApiError, type ErrorBody, type Issue } from "./errors.ts";
export { type Json, openApiDocument } from "./openapi_doc.ts";
// Types the signatures above refer to.
export type * from "../client/session/mod.ts";
export type * from "../bridge/mod.ts";
export type * from "../webhook/types.ts";
