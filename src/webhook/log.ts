/**
 * The delivery log (newest first, by endpoint and status), manual redelivery and counters.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import { writeDelivery } from "./enqueue.ts";
import { keys } from "./keys.ts";
import { bodyChunks, publicRecord, readBody, type StoredDelivery } from "./store.ts";
import type { DeliveryQuery, DeliveryRecord, WebhookEndpoint, WebhookStats } from "./types.ts";

/** What the log needs. */
export interface LogDeps {
  readonly kv: Deno.Kv;
  readonly now: () => number;
  readonly next: () => { seq: number; id: string };
  readonly wake: () => void;
}

const STATUSES = new Set(["pending", "delivered", "failed", "dead"]);

/** The log functions. */
export interface DeliveryLog {
  deliveries(query?: DeliveryQuery): Promise<DeliveryRecord[]>;
  redeliver(deliveryId: string): Promise<DeliveryRecord>;
  stats(): Promise<WebhookStats>;
}

function checkQuery(query: DeliveryQuery): number {
  const limit = query.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new ValidationError("limit must be an integer from 1 to 1000", "invalid_query", "limit");
  }
  if (query.status !== undefined && !STATUSES.has(query.status)) {
    throw new ValidationError(
      `status must be one of pending, delivered, failed, dead (got '${query.status}')`,
      "invalid_query",
      "status",
    );
  }
  return limit;
}

/**
 * Creates the log functions.
 *
 * @example
 * ```ts
 * declare const deps: LogDeps;
 * const log = createDeliveryLog(deps);
 * const dead = await log.deliveries({ status: "dead", limit: 10 });
 * ```
 */
export function createDeliveryLog(deps: LogDeps): DeliveryLog {
  const { kv } = deps;

  async function deliveries(query: DeliveryQuery = {}): Promise<DeliveryRecord[]> {
    const limit = checkQuery(query);
    const out: DeliveryRecord[] = [];
    const take = (record: StoredDelivery | null) => {
      if (record && (query.status === undefined || record.status === query.status)) {
        out.push(publicRecord(record));
      }
      return out.length >= limit;
    };
    if (query.endpointId !== undefined) {
      const ids: Deno.KvKey[] = [];
      for await (const e of kv.list({ prefix: keys.logOf(query.endpointId) }, { reverse: true })) {
        ids.push(keys.delivery(e.key[3] as string));
        if (ids.length === 10) {
          for (const r of await kv.getMany<StoredDelivery[]>(ids)) if (take(r.value)) return out;
          ids.length = 0;
        }
      }
      for (const r of await kv.getMany<StoredDelivery[]>(ids)) if (take(r.value)) return out;
      return out;
    }
    for await (
      const e of kv.list<StoredDelivery>({ prefix: keys.deliveries() }, { reverse: true })
    ) {
      if (take(e.value)) break;
    }
    return out;
  }

  async function redeliver(deliveryId: string): Promise<DeliveryRecord> {
    for (let round = 0; round < 5; round++) {
      const entry = await kv.get<StoredDelivery>(keys.delivery(deliveryId));
      const record = entry.value;
      if (!record) {
        throw new ValidationError(
          `no delivery '${deliveryId}' (records are kept for the retention period)`,
          "not_found",
          "deliveryId",
        );
      }
      if (record.status === "pending") return publicRecord(record); // already on its way
      if (record.status === "failed") {
        // Retry now instead of at nextAttemptAt.
        const due = await kv.get(keys.due(record.nextAttemptAt ?? 0, record.id));
        if (due.versionstamp === null) return publicRecord(record); // in flight right now
        const ok = await kv.atomic().check(entry, due).delete(due.key)
          .set(keys.due(deps.now(), record.id), due.value).commit();
        if (!ok.ok) continue;
        deps.wake();
        return publicRecord(record);
      }
      const endpoint = (await kv.get<WebhookEndpoint>(keys.endpoint(record.endpointId))).value;
      if (!endpoint) {
        throw new ValidationError(
          `delivery '${deliveryId}' belongs to endpoint '${record.endpointId}', which was removed`,
          "endpoint_removed",
          "deliveryId",
        );
      }
      if (!endpoint.enabled) {
        throw new ValidationError(
          `endpoint '${endpoint.id}' is disabled${
            endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ""
          }; enable it first with endpoints.update(id, { enabled: true })`,
          "endpoint_disabled",
          "deliveryId",
        );
      }
      const body = await readBody(kv, record);
      if (body === undefined) {
        throw new ValidationError(
          `the payload of delivery '${deliveryId}' is no longer stored`,
          "payload_expired",
          "deliveryId",
        );
      }
      const atomic = kv.atomic().check(entry);
      const created = writeDelivery(atomic, deps.next(), deps.now(), {
        endpointId: record.endpointId,
        eventId: record.eventId,
        type: record.type,
        conversation: record.conversation,
        chunks: bodyChunks(body),
        redeliveryOf: record.id,
      });
      if ((await atomic.commit()).ok) {
        deps.wake();
        return publicRecord(created);
      }
    }
    throw new ValidationError(
      `delivery '${deliveryId}' keeps changing; try again`,
      "conflict",
      "deliveryId",
    );
  }

  async function stats(): Promise<WebhookStats> {
    const names = ["created", "delivered", "failed", "dead"] as const;
    const entries = await kv.getMany<Deno.KvU64[]>(names.map((n) => keys.stat(n)));
    const [created, delivered, failed, dead] = entries.map((e) => Number(e.value?.value ?? 0n));
    let disabled = 0;
    for await (const e of kv.list<WebhookEndpoint>({ prefix: keys.endpoints() })) {
      if (!e.value.enabled) disabled++;
    }
    return { delivered, failed, dead, pending: Math.max(0, created - delivered - dead), disabled };
  }

  return { deliveries, redeliver, stats };
}
