/**
 * `createWebhooks`: endpoints, the durable delivery queue and its worker on one Deno KV store.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import { createEndpointStore } from "./endpoints.ts";
import { createEnqueue } from "./enqueue.ts";
import { createDeliveryLog } from "./log.ts";
import { DEFAULT_SCHEDULE } from "./schedule.ts";
import { resolveHostDns } from "./ssrf.ts";
import { createSequence } from "./store.ts";
import type { Webhooks, WebhooksOptions } from "./types.ts";
import { createWorker } from "./worker.ts";

const DAY = 24 * 3600_000;
const stores = new WeakMap<Webhooks, Deno.Kv>();

/**
 * The KV store a `Webhooks` instance writes to (for the plugin: a handler's `tx` is only
 * atomic with the deliveries when both live in the same store).
 *
 * @example
 * ```ts
 * import { createWebhooks } from "./mod.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * const webhooks = createWebhooks({ kv });
 * console.log(webhooksKv(webhooks) === kv); // true
 * kv.close();
 * ```
 */
export function webhooksKv(webhooks: Webhooks): Deno.Kv | undefined {
  return stores.get(webhooks);
}

function checkOptions(options: WebhooksOptions): void {
  if (typeof options !== "object" || options === null || typeof options.kv?.atomic !== "function") {
    throw new ValidationError(
      "createWebhooks() needs { kv } (a Deno.Kv from Deno.openKv())",
      "invalid_options",
      "kv",
    );
  }
  for (const name of ["fetch", "now", "random", "resolveHost", "onError"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") {
      throw new ValidationError(`${name} must be a function`, "invalid_options", name);
    }
  }
  const schedule = options.schedule;
  if (
    schedule !== undefined &&
    (!Array.isArray(schedule) || schedule.some((d) => !Number.isFinite(d) || d < 0))
  ) {
    throw new ValidationError(
      "schedule must be a list of delays in ms (>= 0), e.g. [5000, 30000, 120000]",
      "invalid_options",
      "schedule",
    );
  }
  const retention = options.retentionMs;
  if (retention !== undefined && (!Number.isInteger(retention) || retention < 1)) {
    throw new ValidationError(
      "retentionMs must be a positive integer",
      "invalid_options",
      "retentionMs",
    );
  }
}

/**
 * Creates the outgoing webhooks of a KV store. Call `start()` to run the delivery worker (in
 * one process per store); `enqueue` works without it. Use the same KV as the bot so that
 * `enqueue(payload, { tx: ctx.tx })` commits with the event (see the `webhooks()` plugin).
 *
 * @example
 * ```ts
 * import { createWebhooks } from "./mod.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * await using webhooks = createWebhooks({ kv });
 * const endpoint = await webhooks.endpoints.add({
 *   url: "http://127.0.0.1:9000/hook",
 *   allowPrivate: true, // a local receiver
 *   events: ["message", "reaction"],
 * });
 * console.log(endpoint.secret); // whsec_… for the receiver
 * webhooks.start();
 * ```
 */
export function createWebhooks(options: WebhooksOptions): Webhooks {
  checkOptions(options);
  const { kv } = options;
  const now = options.now ?? Date.now;
  const resolveHost = options.resolveHost ?? resolveHostDns;
  const next = createSequence(now);
  const worker = createWorker({
    kv,
    now,
    random: options.random ?? Math.random,
    schedule: [...(options.schedule ?? DEFAULT_SCHEDULE)],
    retentionMs: options.retentionMs ?? 30 * DAY,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    resolveHost,
    onError: options.onError ?? ((error) => console.error("webhooks:", error)),
  });
  const endpoints = createEndpointStore({ kv, now, resolveHost });
  const enqueue = createEnqueue({ kv, now, next, endpoints: endpoints.list, wake: worker.wake });
  const log = createDeliveryLog({ kv, now, next, wake: worker.wake });
  const webhooks: Webhooks = Object.freeze({
    endpoints: Object.freeze(endpoints),
    enqueue,
    start: worker.start,
    stop: worker.stop,
    deliveries: log.deliveries,
    redeliver: log.redeliver,
    stats: log.stats,
    [Symbol.asyncDispose]: worker.stop,
  });
  stores.set(webhooks, kv);
  return webhooks;
}
