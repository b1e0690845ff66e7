/**
 * Outgoing webhooks: every event matching an endpoint's filter is POSTed as JSON (the
 * `sessionbot.event/v1` payload), signed with Standard Webhooks headers and
 * `X-Hub-Signature-256`, from a durable queue in Deno KV with exponential backoff (about
 * 32 h), a delivery log, manual redelivery, per-conversation order, per-endpoint concurrency,
 * timeouts, 410-disables and an SSRF guard.
 *
 * @example
 * ```ts
 * import { createWebhooks } from "./mod.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * await using webhooks = createWebhooks({ kv });
 * await webhooks.endpoints.add({ url: "http://127.0.0.1:9000/hook", allowPrivate: true });
 * webhooks.start();
 * ```
 *
 * @module
 */
export { createWebhooks, webhooksKv } from "./webhooks.ts";
export type {
  DeliveryQuery,
  DeliveryRecord,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpoints,
  Webhooks,
  WebhooksOptions,
  WebhookStats,
} from "./types.ts";
export {
  hubSignature,
  type SignatureHeaders,
  signatureHeaders,
  type SignInput,
  standardSignature,
} from "./sign.ts";
export { generateSecret, secretKey } from "./secret.ts";
export { assertPublicTarget, parseTargetUrl, type ResolveHost, resolveHostDns } from "./ssrf.ts";
export {
  createPinnedPool,
  type PinnedFetch,
  pinnedFetch,
  type PinnedFetchOptions,
  type PinnedLease,
  type PinnedPool,
  type PinnedPoolOptions,
} from "./pinned.ts";
export { blockedReason, isIpLiteral } from "./ip.ts";
export { DEFAULT_SCHEDULE } from "./schedule.ts";
export { USER_AGENT } from "./attempt.ts";
// Types the signatures above refer to (full API: `sessionbot/bridge`).
export type { AttachmentMeta, EVENT_SCHEMA, EventPayload } from "../bridge/mod.ts";
export type { InboxTransaction } from "../client/session/mod.ts";
