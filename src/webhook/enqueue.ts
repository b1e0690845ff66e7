/**
 * Creating deliveries: one per matching endpoint, written with the lane entry, the kick that
 * tells the worker, the dedup marker and the counters — through a handler's inbox
 * transaction (atomic with "event handled") or an atomic commit of its own.
 *
 * @module
 */
import type { EventPayload } from "../bridge/payload.ts";
import type { InboxTransaction } from "../client/session/tx.ts";
import { ValidationError } from "../core/errors.ts";
import { keys, laneOf } from "./keys.ts";
import { bodyChunks, type KvWriter, messageIdOf, type StoredDelivery, writeBody } from "./store.ts";
import type { WebhookEndpoint } from "./types.ts";

/** How long a dedup marker lives: an event handled again within it is not sent again. */
const SEEN_MS = 7 * 24 * 3600_000;

/** What the enqueuer needs. */
export interface EnqueueDeps {
  readonly kv: Deno.Kv;
  readonly now: () => number;
  readonly next: () => { seq: number; id: string };
  readonly endpoints: () => Promise<WebhookEndpoint[]>;
  /** Tells the local worker (other processes see the `wake` key change). */
  readonly wake: () => void;
}

/** One delivery to write. */
export interface NewDelivery {
  readonly endpointId: string;
  readonly eventId: string;
  readonly type: string;
  readonly conversation: string | null;
  readonly chunks: readonly string[];
  readonly redeliveryOf?: string;
}

/**
 * Whether `endpoint` wants `payload` (enabled, type and conversation filters).
 *
 * @example
 * ```ts
 * import type { EventPayload } from "../bridge/payload.ts";
 * import type { WebhookEndpoint } from "./types.ts";
 *
 * declare const endpoint: WebhookEndpoint;
 * declare const payload: EventPayload;
 * if (matches(endpoint, payload)) console.log("will be sent");
 * ```
 */
export function matches(endpoint: WebhookEndpoint, payload: EventPayload): boolean {
  if (!endpoint.enabled) return false;
  if (!endpoint.events.includes("*") && !endpoint.events.includes(payload.type)) return false;
  return !endpoint.conversations ||
    (payload.conversation !== null && endpoint.conversations.includes(payload.conversation));
}

/**
 * Writes one new delivery onto `writer`; returns its record.
 *
 * @example
 * ```ts
 * declare const kv: Deno.Kv;
 * const atomic = kv.atomic();
 * writeDelivery(atomic, { seq: 1, id: "dlv_1" }, Date.now(), {
 *   endpointId: "ep_1", eventId: "h:message", type: "message", conversation: null, chunks: ["{}"],
 * });
 * await atomic.commit();
 * ```
 */
export function writeDelivery(
  writer: KvWriter,
  ids: { seq: number; id: string },
  createdAt: number,
  input: NewDelivery,
): StoredDelivery {
  const lane = laneOf(input.conversation);
  const record: StoredDelivery = {
    id: ids.id,
    endpointId: input.endpointId,
    eventId: input.eventId,
    type: input.type,
    conversation: input.conversation,
    status: "pending",
    attempts: 0,
    createdAt,
    ...(input.redeliveryOf ? { redeliveryOf: input.redeliveryOf } : {}),
    seq: ids.seq,
    lane,
    messageId: messageIdOf(input.eventId),
    chunks: input.chunks.length,
  };
  writer.set(keys.delivery(record.id), record);
  writeBody(writer, record.id, input.chunks);
  writer.set(keys.log(record.endpointId, record.id), null);
  writer.set(keys.lane(record.endpointId, lane, record.seq), record.id);
  writer.set(keys.kick(record.endpointId, lane), null);
  writer.sum(keys.stat("created"), 1n);
  writer.sum(keys.wake(), 1n);
  return record;
}

function checkPayload(payload: EventPayload): void {
  if (typeof payload !== "object" || payload === null) {
    throw new ValidationError(
      "enqueue() takes an event payload (toEventPayload(event))",
      "invalid_payload",
      "payload",
    );
  }
  for (const field of ["id", "type"] as const) {
    if (typeof payload[field] !== "string" || payload[field] === "") {
      throw new ValidationError(
        `the event payload needs a string '${field}' (build it with toEventPayload(event))`,
        "invalid_payload",
        `payload.${field}`,
      );
    }
  }
}

/**
 * Creates the `enqueue` function.
 *
 * @example
 * ```ts
 * import type { EventPayload } from "../bridge/payload.ts";
 *
 * declare const deps: EnqueueDeps;
 * declare const payload: EventPayload;
 * const enqueue = createEnqueue(deps);
 * const created = await enqueue(payload);
 * ```
 */
export function createEnqueue(
  deps: EnqueueDeps,
): (payload: EventPayload, options?: { tx?: InboxTransaction }) => Promise<number> {
  return async function enqueue(payload, options = {}) {
    checkPayload(payload);
    const wanted = (await deps.endpoints()).filter((e) => matches(e, payload));
    if (wanted.length === 0) return 0;
    const chunks = bodyChunks(JSON.stringify(payload));
    for (let attempt = 0; attempt < 5; attempt++) {
      // Dedup: an event handled twice (e.g. redelivered by the inbox) is sent once.
      const seenKeys = wanted.map((e) => keys.seen(e.id, payload.id));
      const seen: Deno.KvEntryMaybe<unknown>[] = [];
      for (let i = 0; i < seenKeys.length; i += 10) {
        seen.push(...await deps.kv.getMany(seenKeys.slice(i, i + 10)));
      }
      const fresh = wanted.filter((_, i) => seen[i].versionstamp === null);
      if (fresh.length === 0) return 0;
      const writer: KvWriter = options.tx ?? deps.kv.atomic();
      const createdAt = deps.now();
      for (const endpoint of fresh) {
        const ids = deps.next();
        if (!options.tx) (writer as Deno.AtomicOperation).check(seen[wanted.indexOf(endpoint)]);
        writer.set(keys.seen(endpoint.id, payload.id), ids.id, { expireIn: SEEN_MS });
        writeDelivery(writer, ids, createdAt, {
          endpointId: endpoint.id,
          eventId: payload.id,
          type: payload.type,
          conversation: payload.conversation,
          chunks,
        });
      }
      if (options.tx) return fresh.length; // the inbox commit writes it, and wakes the worker
      const result = await (writer as Deno.AtomicOperation).commit();
      if (result.ok) {
        deps.wake();
        return fresh.length;
      }
    }
    throw new ValidationError(
      `event '${payload.id}' is being enqueued concurrently; try again`,
      "conflict",
      "payload.id",
    );
  };
}
