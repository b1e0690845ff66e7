/**
 * The metrics sessionbot exposes, by name, and the collectors that fill them from the client's
 * and the webhook worker's own counters at scrape time.
 *
 * @module
 */
import type { ClientStats } from "../../client/session/mod.ts";
import type { Counter, Gauge, Metrics } from "./types.ts";

/** The instruments of a sessionbot service. */
export interface StandardMetrics {
  /** `sessionbot_polls_total`: poll rounds that succeeded. */
  readonly polls: Counter;
  /** `sessionbot_poll_failures_total`: poll rounds that failed. */
  readonly pollFailures: Counter;
  /** `sessionbot_messages_received_total`: events handed to handlers. */
  readonly messagesIn: Counter;
  /** `sessionbot_messages_sent_total`: messages stored to their swarm. */
  readonly messagesOut: Counter;
  /** `sessionbot_send_failures_total`: sends given up on. */
  readonly sendFailures: Counter;
  /** `sessionbot_webhook_deliveries_total`: deliveries answered with 2xx. */
  readonly webhookDeliveries: Counter;
  /** `sessionbot_webhook_delivery_failures_total`: failed delivery attempts. */
  readonly webhookFailures: Counter;
  /** `sessionbot_webhook_dead_total`: deliveries given up on (dead letters). */
  readonly webhookDead: Counter;
  /** `sessionbot_webhook_endpoints_disabled`: endpoints switched off (410, manual). */
  readonly webhookDisabled: Gauge;
  /** `sessionbot_queue_depth{queue="inbox"|"outbox"|"webhook_pending"}`. */
  readonly queueDepth: Gauge;
  /** `sessionbot_http_requests_total{method,route,status}`. */
  readonly httpRequests: Counter;
  /** `sessionbot_api_messages_accepted_total`: `POST /v1/messages` that were stored. */
  readonly apiMessages: Counter;
  /** `sessionbot_last_poll_timestamp_seconds`: when the last poll round succeeded. */
  readonly lastPoll: Gauge;
}

/**
 * Registers (or finds) the standard instruments in `metrics`.
 *
 * @example
 * ```ts
 * import { createMetrics, standardMetrics } from "../mod.ts";
 *
 * const m = standardMetrics(createMetrics());
 * m.httpRequests.inc({ method: "GET", route: "/v1/health", status: "200" });
 * ```
 */
export function standardMetrics(metrics: Metrics): StandardMetrics {
  const c = (name: string, help: string, labels?: string[]) =>
    metrics.counter(`sessionbot_${name}`, help, labels);
  const g = (name: string, help: string, labels?: string[]) =>
    metrics.gauge(`sessionbot_${name}`, help, labels);
  return {
    polls: c("polls_total", "Poll rounds that succeeded."),
    pollFailures: c("poll_failures_total", "Poll rounds that failed."),
    messagesIn: c("messages_received_total", "Events handed to handlers (messages in)."),
    messagesOut: c("messages_sent_total", "Messages stored to their swarm (messages out)."),
    sendFailures: c("send_failures_total", "Sends given up on (dead-lettered)."),
    webhookDeliveries: c("webhook_deliveries_total", "Webhook deliveries answered with 2xx."),
    webhookFailures: c("webhook_delivery_failures_total", "Failed webhook delivery attempts."),
    webhookDead: c("webhook_dead_total", "Webhook deliveries given up on (dead letters)."),
    webhookDisabled: g("webhook_endpoints_disabled", "Webhook endpoints switched off."),
    queueDepth: g("queue_depth", "Entries waiting per queue.", ["queue"]),
    httpRequests: c("http_requests_total", "HTTP API requests.", ["method", "route", "status"]),
    apiMessages: c("api_messages_accepted_total", "Messages accepted by POST /v1/messages."),
    lastPoll: g("last_poll_timestamp_seconds", "When the last poll round succeeded (Unix s)."),
  };
}

/** What {@link observeClient} reads: `SessionClient.stats()`. */
export interface ClientStatsSource {
  /** The client's counters (`SessionClient.stats`). */
  stats?(): Promise<ClientStats>;
}

/**
 * Fills the client metrics from `client.stats()` at every collect; returns the unsubscribe.
 * A client without `stats` is skipped.
 *
 * @example
 * ```ts
 * import { createMetrics, observeClient } from "../mod.ts";
 * import type { SessionClient } from "../../client/session/mod.ts";
 *
 * declare const client: SessionClient;
 * const metrics = createMetrics();
 * observeClient(metrics, client);
 * await metrics.collect();
 * ```
 */
export function observeClient(metrics: Metrics, client: ClientStatsSource): () => void {
  const m = standardMetrics(metrics);
  return metrics.onCollect(async () => {
    if (typeof client.stats !== "function") return;
    const s = await client.stats();
    m.polls.set(s.polls);
    m.pollFailures.set(s.pollFailures);
    m.messagesIn.set(s.received);
    m.messagesOut.set(s.sent);
    m.sendFailures.set(s.sendFailures);
    m.queueDepth.set(s.inbox, { queue: "inbox" });
    m.queueDepth.set(s.outbox, { queue: "outbox" });
    if (s.lastPollAt !== undefined) m.lastPoll.set(Math.floor(s.lastPollAt / 1000));
  });
}

/** What {@link observeWebhooks} reads: `Webhooks.stats()`. */
export interface WebhookStatsSource {
  /** The worker's counters (`Webhooks.stats`). */
  stats(): Promise<{
    readonly delivered: number;
    readonly failed: number;
    readonly dead: number;
    readonly pending: number;
    readonly disabled: number;
  }>;
}

/**
 * Fills the webhook metrics from `webhooks.stats()` at every collect; returns the unsubscribe.
 *
 * @example
 * ```ts
 * import { createMetrics, observeWebhooks } from "../mod.ts";
 *
 * const metrics = createMetrics();
 * observeWebhooks(metrics, {
 *   stats: () => Promise.resolve({ delivered: 3, failed: 1, dead: 0, pending: 2, disabled: 0 }),
 * });
 * await metrics.collect();
 * ```
 */
export function observeWebhooks(metrics: Metrics, webhooks: WebhookStatsSource): () => void {
  const m = standardMetrics(metrics);
  return metrics.onCollect(async () => {
    const s = await webhooks.stats();
    m.webhookDeliveries.set(s.delivered);
    m.webhookFailures.set(s.failed);
    m.webhookDead.set(s.dead);
    m.webhookDisabled.set(s.disabled);
    m.queueDepth.set(s.pending, { queue: "webhook_pending" });
  });
}
