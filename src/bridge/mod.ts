/**
 * The bridge between a Session client and the outside world: the versioned event payload, a
 * durable event log with resumable cursors (what `GET /v1/messages` and `/v1/events` serve),
 * the attachments of logged messages, and Prometheus metrics.
 *
 * @example
 * ```ts
 * import { createEventLog, createMetrics, recordEvents } from "./mod.ts";
 * import { SessionClient } from "../client/session/mod.ts";
 *
 * const kv = await Deno.openKv("./bot.kv");
 * const client = await SessionClient.open({ kv, identityName: "default" });
 * const log = createEventLog(kv);
 * recordEvents(client, log);
 * await client.start();
 * for await (const { cursor, payload } of log.subscribe("0", AbortSignal.timeout(60_000))) {
 *   console.log(cursor, payload.type, payload.body);
 * }
 * console.log(createMetrics().render());
 * ```
 *
 * @module
 */
export {
  type AttachmentMeta,
  EVENT_SCHEMA,
  eventId,
  type EventPayload,
  toEventPayload,
} from "./payload.ts";
export { CURSOR_DIGITS, formatCursor, parseCursor, START_CURSOR } from "./cursor.ts";
export { createEventLog } from "./event_log.ts";
export type {
  EventLog,
  EventLogOptions,
  EventPage,
  LoggedEvent,
  SinceOptions,
} from "./event_log_types.ts";
export { eventLogPlugin, type EventSource, recordEvents } from "./record.ts";
export { createMetrics } from "./metrics/registry.ts";
// Types the signatures above refer to.
export type * from "../client/session/mod.ts";
export type { Plugin } from "../bot/mod.ts";
export {
  type Counter,
  type Gauge,
  type Labels,
  type Metrics,
  PROMETHEUS_CONTENT_TYPE,
} from "./metrics/types.ts";
export {
  type ClientStatsSource,
  observeClient,
  observeWebhooks,
  type StandardMetrics,
  standardMetrics,
  type WebhookStatsSource,
} from "./metrics/standard.ts";
