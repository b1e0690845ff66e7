/**
 * The public shapes of outgoing webhooks: endpoints, delivery records, stats and the
 * `Webhooks` handle. See `webhooks.ts` for the worker that delivers them.
 *
 * @module
 */
import type { EventPayload } from "../bridge/payload.ts";
import type { InboxTransaction } from "../client/session/tx.ts";

/** What `endpoints.add` takes. */
export interface WebhookEndpointInput {
  /** Where to POST: `https://…` (or `http://…`); no credentials in the URL. */
  readonly url: string;
  /** `"whsec_"` + base64 of 24–64 random bytes; generated when absent. */
  readonly secret?: string;
  /** Event types to send (default `["message"]`); `"*"` sends every type. */
  readonly events?: readonly string[];
  /** Only events of these conversations (default: all). */
  readonly conversations?: readonly string[];
  /** Turns the SSRF guard off for this endpoint (loopback or private targets). Default false. */
  readonly allowPrivate?: boolean;
  /** Requests in flight to this endpoint at once, one per conversation (default 4). */
  readonly maxConcurrency?: number;
  /** Per-request timeout, ms (default 10 000). */
  readonly timeoutMs?: number;
  /** A note for humans. */
  readonly description?: string;
  /** Whether deliveries are made (default true). */
  readonly enabled?: boolean;
}

/** A stored endpoint. */
export interface WebhookEndpoint {
  /** `ep_…`, made when added. */
  readonly id: string;
  /** Where deliveries are POSTed (normalised). */
  readonly url: string;
  /** The signing secret, `whsec_…`. Never logged. */
  readonly secret: string;
  /** Event types sent; `"*"` = all. */
  readonly events: string[];
  /** Only these conversations, when set. */
  readonly conversations?: string[];
  /** The SSRF guard is off for this endpoint. */
  readonly allowPrivate: boolean;
  /** Requests in flight at once (one per conversation). */
  readonly maxConcurrency: number;
  /** Per-request timeout, ms. */
  readonly timeoutMs: number;
  /** A note for humans. */
  readonly description?: string;
  /** Whether deliveries are made. */
  readonly enabled: boolean;
  /** Why it was disabled (e.g. the receiver answered 410 Gone). */
  readonly disabledReason?: string;
  /** ms since the epoch. */
  readonly createdAt: number;
}

/**
 * One event on its way to one endpoint. `pending`: not tried yet (or waiting behind an earlier
 * event of its conversation); `failed`: the last attempt failed and another is scheduled at
 * `nextAttemptAt`; `delivered`: a 2xx arrived; `dead`: given up (schedule exhausted, 410 Gone,
 * endpoint disabled or removed).
 */
export interface DeliveryRecord {
  /** `dlv_…`; ids sort by creation. */
  readonly id: string;
  /** The endpoint it goes to. */
  readonly endpointId: string;
  /** The event payload's `id`; also the `webhook-id` header (stable across retries). */
  readonly eventId: string;
  /** The event type. */
  readonly type: string;
  /** The event's conversation (deliveries of one go out in order). */
  readonly conversation: string | null;
  /** Where it stands (see above). */
  readonly status: "pending" | "delivered" | "failed" | "dead";
  /** HTTP attempts made. */
  readonly attempts: number;
  /** The status code of the last answer. */
  readonly lastStatus?: number;
  /** Why the last attempt failed (no secrets, no URL query). */
  readonly lastError?: string;
  /** When the next attempt is due, ms (status `failed`). */
  readonly nextAttemptAt?: number;
  /** ms since the epoch. */
  readonly createdAt: number;
  /** When a 2xx arrived, ms. */
  readonly deliveredAt?: number;
  /** The delivery this one re-sends (manual `redeliver`). */
  readonly redeliveryOf?: string;
}

/** Counters over all endpoints. */
export interface WebhookStats {
  /** Deliveries that got a 2xx. */
  readonly delivered: number;
  /** Failed attempts (each retry that failed counts). */
  readonly failed: number;
  /** Deliveries given up. */
  readonly dead: number;
  /** Deliveries not yet delivered or dead. */
  readonly pending: number;
  /** Disabled endpoints. */
  readonly disabled: number;
}

/** What `createWebhooks` takes. */
export interface WebhooksOptions {
  /** Where endpoints and the durable queue live (keys under `["hook"]`). */
  readonly kv: Deno.Kv;
  /** The HTTP client (default the global `fetch`, TLS always verified). */
  readonly fetch?: typeof fetch;
  /** The clock, ms (default `Date.now`). */
  readonly now?: () => number;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** Resolves a host name to IP addresses for the SSRF guard (default DNS A + AAAA). */
  readonly resolveHost?: (host: string) => Promise<string[]>;
  /** Delays after each failed attempt, ms (default 5 s … 8 h, about 32 h in all). */
  readonly schedule?: readonly number[];
  /** How long delivered and dead records stay in the log, ms (default 30 days). */
  readonly retentionMs?: number;
  /** Where worker errors go (default `console.error`); never receives secrets. */
  readonly onError?: (error: unknown) => void;
}

/** Endpoint management. */
export interface WebhookEndpoints {
  /** Validates, checks the target (SSRF guard) and stores a new endpoint. */
  add(input: WebhookEndpointInput): Promise<WebhookEndpoint>;
  /** Every endpoint, oldest first. */
  list(): Promise<WebhookEndpoint[]>;
  /** One endpoint, or undefined. */
  get(id: string): Promise<WebhookEndpoint | undefined>;
  /** Changes some fields (re-checks the target when `url` or `allowPrivate` change). */
  update(id: string, patch: Partial<WebhookEndpointInput>): Promise<WebhookEndpoint>;
  /** Deletes it; its pending deliveries become dead. False when there was none. */
  remove(id: string): Promise<boolean>;
}

/** Filters of {@link Webhooks.deliveries}. */
export interface DeliveryQuery {
  /** Only this endpoint's deliveries. */
  readonly endpointId?: string;
  /** Only deliveries in this state. */
  readonly status?: DeliveryRecord["status"];
  /** At most this many, newest first (default 100, max 1000). */
  readonly limit?: number;
}

/** The outgoing webhooks of one KV store: endpoints, the durable queue and its worker. */
export interface Webhooks extends AsyncDisposable {
  /** Endpoint management. */
  readonly endpoints: WebhookEndpoints;
  /**
   * Creates one delivery per matching endpoint. With `tx` (a handler's `ctx.tx`) they are
   * written in the same commit that marks the event handled; returns how many.
   */
  enqueue(payload: EventPayload, options?: { tx?: InboxTransaction }): Promise<number>;
  /** Starts the worker (idempotent); pending deliveries resume. */
  start(): void;
  /** Stops the worker; requests in flight are aborted and tried again later. */
  stop(): Promise<void>;
  /** The delivery log, newest first. */
  deliveries(query?: DeliveryQuery): Promise<DeliveryRecord[]>;
  /** Sends a delivered or dead delivery again (a new record), or retries a failed one now. */
  redeliver(deliveryId: string): Promise<DeliveryRecord>;
  /** Counters. */
  stats(): Promise<WebhookStats>;
}
