/**
 * The webhook worker as the HTTP API sees it (engineer D's `src/webhook`), in one place so the
 * routes do not reach into that folder's insides.
 *
 * @module
 */
export type {
  DeliveryQuery,
  DeliveryRecord,
  WebhookEndpoint,
  WebhookEndpointInput,
  Webhooks,
  WebhookStats,
} from "../webhook/mod.ts";
