/**
 * Writing an attempt's result: reschedule with backoff, or finish the delivery (delivered or
 * dead) and hand its lane to the next delivery of the same conversation — one atomic commit,
 * guarded by the lease the worker took, so a slow or crashed worker can never overwrite a
 * newer attempt.
 *
 * @module
 */
import { keys } from "./keys.ts";
import { nextDelay } from "./schedule.ts";
import { bodyChunks, readBody, type StoredDelivery, writeBody } from "./store.ts";
import type { WebhookEndpoint } from "./types.ts";

/** What the worker decided about one claimed delivery. */
export type Verdict =
  | { readonly kind: "delivered"; readonly status: number }
  | {
    readonly kind: "failed";
    readonly status?: number;
    readonly error: string;
    readonly retryAfterMs?: number;
  }
  /** 410 Gone: the delivery is dead and the endpoint disabled. */
  | { readonly kind: "gone"; readonly status: number; readonly reason: string }
  /** Not attempted: the endpoint was removed or disabled. */
  | { readonly kind: "dropped"; readonly error: string }
  /** Not attempted: the worker is stopping; due again now. */
  | { readonly kind: "release" };

/** What settling needs. */
export interface SettleDeps {
  readonly kv: Deno.Kv;
  readonly now: () => number;
  readonly random: () => number;
  readonly schedule: readonly number[];
  readonly retentionMs: number;
}

/** The claim a worker holds: the lease's due entry as the claim wrote it. */
export interface Lease {
  readonly key: Deno.KvKey;
  readonly versionstamp: string;
  readonly value: { readonly endpointId: string; readonly lane: string };
}

/**
 * Writes `verdict` for delivery `id` under `lease`; returns the record written (undefined when
 * the lease was lost to another worker, which then owns the result).
 *
 * @example
 * ```ts
 * declare const deps: SettleDeps;
 * declare const lease: Lease;
 * await settle(deps, lease, "dlv_1", { kind: "delivered", status: 200 });
 * ```
 */
export async function settle(
  deps: SettleDeps,
  lease: Lease,
  id: string,
  verdict: Verdict,
  body?: string,
): Promise<StoredDelivery | undefined> {
  const { kv } = deps;
  for (let round = 0; round < 10; round++) {
    const [leaseEntry, recordEntry, head] = await kv.getMany<[unknown, StoredDelivery, string]>([
      lease.key,
      keys.delivery(id),
      keys.head(lease.value.endpointId, lease.value.lane),
    ]);
    if (leaseEntry.versionstamp !== lease.versionstamp) return undefined;
    const record = recordEntry.value;
    const atomic = kv.atomic().check(leaseEntry, recordEntry).delete(lease.key);
    if (!record) {
      if ((await atomic.commit()).ok) return undefined;
      continue;
    }
    const now = deps.now();
    let written: StoredDelivery;
    if (verdict.kind === "release") {
      atomic.set(keys.due(now, id), lease.value);
      written = record;
    } else if (verdict.kind === "delivered") {
      written = {
        ...strip(record),
        status: "delivered",
        attempts: record.attempts + 1,
        lastStatus: verdict.status,
        deliveredAt: now,
      };
      atomic.sum(keys.stat("delivered"), 1n);
      await finish(deps, atomic, written, head, body);
    } else if (verdict.kind === "dropped") {
      written = { ...strip(record), status: "dead", lastError: verdict.error };
      atomic.sum(keys.stat("dead"), 1n);
      await finish(deps, atomic, written, head, body);
    } else if (verdict.kind === "gone") {
      written = {
        ...strip(record),
        status: "dead",
        attempts: record.attempts + 1,
        lastStatus: verdict.status,
        lastError: verdict.reason,
      };
      atomic.sum(keys.stat("failed"), 1n).sum(keys.stat("dead"), 1n);
      const endpoint = await kv.get<WebhookEndpoint>(keys.endpoint(record.endpointId));
      if (endpoint.value?.enabled) {
        atomic.check(endpoint).set(keys.endpoint(record.endpointId), {
          ...endpoint.value,
          enabled: false,
          disabledReason: verdict.reason,
        });
      }
      await finish(deps, atomic, written, head, body);
    } else {
      const attempts = record.attempts + 1;
      const delay = nextDelay(attempts, deps.schedule, deps.random, verdict.retryAfterMs);
      const failure = {
        attempts,
        ...(verdict.status !== undefined ? { lastStatus: verdict.status } : {}),
      };
      atomic.sum(keys.stat("failed"), 1n);
      if (delay === undefined) {
        written = {
          ...strip(record),
          ...failure,
          status: "dead",
          lastError: `${verdict.error} (gave up after ${attempts} attempts)`,
        };
        atomic.sum(keys.stat("dead"), 1n);
        await finish(deps, atomic, written, head, body);
      } else {
        const at = now + delay;
        written = {
          ...strip(record),
          ...failure,
          status: "failed",
          lastError: verdict.error,
          nextAttemptAt: at,
        };
        atomic.set(keys.delivery(id), written).set(keys.due(at, id), lease.value);
      }
    }
    if ((await atomic.commit()).ok) return written;
  }
  throw new Error(`delivery ${id}: could not record the attempt's result (KV contention)`);
}

/** The record without the fields of a previous state. */
function strip(record: StoredDelivery): StoredDelivery {
  const { lastStatus: _s, lastError: _e, nextAttemptAt: _n, ...rest } = record;
  return rest;
}

/** Final state: keep the log for the retention, free the lane, promote the next delivery. */
async function finish(
  deps: SettleDeps,
  atomic: Deno.AtomicOperation,
  record: StoredDelivery,
  head: Deno.KvEntryMaybe<string>,
  body: string | undefined,
): Promise<void> {
  const expireIn = deps.retentionMs;
  const text = body ?? await readBody(deps.kv, record);
  atomic.set(keys.delivery(record.id), record, { expireIn });
  atomic.set(keys.log(record.endpointId, record.id), null, { expireIn });
  if (text !== undefined) writeBody(atomic, record.id, bodyChunks(text), expireIn);
  atomic.delete(keys.lane(record.endpointId, record.lane, record.seq));
  const headKey = keys.head(record.endpointId, record.lane);
  atomic.check(head);
  let next: Deno.KvEntry<string> | undefined;
  for await (
    const entry of deps.kv.list<string>(
      { prefix: keys.laneOf(record.endpointId, record.lane) },
      { limit: 2 },
    )
  ) {
    if (entry.value !== record.id) {
      next = entry;
      break;
    }
  }
  if (next) {
    atomic.set(headKey, next.value);
    atomic.set(keys.due(deps.now(), next.value), {
      endpointId: record.endpointId,
      lane: record.lane,
    });
  } else {
    // A delivery committed after this list is announced by a kick: the worker promotes it.
    atomic.delete(headKey).set(keys.kick(record.endpointId, record.lane), null);
  }
}
