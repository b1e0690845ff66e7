/**
 * The KV layout of outgoing webhooks, all under `["hook"]`:
 *
 * | key | value |
 * |---|---|
 * | `endpoint, id` | WebhookEndpoint |
 * | `delivery, id` | the delivery record (ids sort by creation) |
 * | `body, id, i` | the exact JSON body, in chunks |
 * | `log, endpointId, id` | index of an endpoint's deliveries |
 * | `lane, endpointId, lane, seq` | delivery id, in order per (endpoint, conversation) |
 * | `head, endpointId, lane` | the lane's delivery being worked on |
 * | `kick, endpointId, lane` | "this lane got something new" (for the worker) |
 * | `due, at, id` | a lane head to attempt at `at` (or a lease while in flight) |
 * | `seen, endpointId, eventId` | dedup marker |
 * | `stat, name` | counters |
 * | `wake` | bumped by every enqueue; the worker watches it |
 *
 * @module
 */

const ROOT = "hook";

/** The key builders. */
export const keys = {
  endpoint: (id: string): Deno.KvKey => [ROOT, "endpoint", id],
  endpoints: (): Deno.KvKey => [ROOT, "endpoint"],
  delivery: (id: string): Deno.KvKey => [ROOT, "delivery", id],
  deliveries: (): Deno.KvKey => [ROOT, "delivery"],
  body: (id: string, chunk: number): Deno.KvKey => [ROOT, "body", id, chunk],
  log: (endpointId: string, id: string): Deno.KvKey => [ROOT, "log", endpointId, id],
  logOf: (endpointId: string): Deno.KvKey => [ROOT, "log", endpointId],
  lane: (endpointId: string, lane: string, seq: number): Deno.KvKey => [
    ROOT,
    "lane",
    endpointId,
    lane,
    seq,
  ],
  laneOf: (endpointId: string, lane: string): Deno.KvKey => [ROOT, "lane", endpointId, lane],
  head: (endpointId: string, lane: string): Deno.KvKey => [ROOT, "head", endpointId, lane],
  kick: (endpointId: string, lane: string): Deno.KvKey => [ROOT, "kick", endpointId, lane],
  kicks: (): Deno.KvKey => [ROOT, "kick"],
  due: (at: number, id: string): Deno.KvKey => [ROOT, "due", at, id],
  dues: (): Deno.KvKey => [ROOT, "due"],
  seen: (endpointId: string, eventId: string): Deno.KvKey => [ROOT, "seen", endpointId, eventId],
  stat: (name: "created" | "delivered" | "failed" | "dead"): Deno.KvKey => [ROOT, "stat", name],
  wake: (): Deno.KvKey => [ROOT, "wake"],
} as const;

/**
 * The lane of a conversation (events without one share a lane).
 *
 * @example
 * ```ts
 * laneOf(null); // ""
 * ```
 */
export function laneOf(conversation: string | null): string {
  return conversation ?? "";
}
