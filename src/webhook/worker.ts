/**
 * The delivery worker: a loop over the KV queue. Each round it
 *
 * 1. promotes the first delivery of every lane that got something new ("kicks") to lane head,
 *    due now — one head per (endpoint, conversation), so a conversation's events go out in
 *    order while other conversations proceed in parallel;
 * 2. claims due heads, up to each endpoint's `maxConcurrency` in flight (less while it answers
 *    429/502/503/504, see `throttle.ts`): the due entry is moved to `now + lease`, so a crash
 *    mid-request makes it due again after the lease;
 * 3. sleeps until the next due time, a kick from this process, or a change of the `wake` key
 *    (enqueues committed by handlers' inbox transactions or other processes).
 *
 * Why a KV-scanned schedule rather than `kv.enqueue`/`listenQueue`: an inbox transaction can
 * set keys but not enqueue, so only scanned keys make "event handled" and "delivery created"
 * one commit; `listenQueue` cannot be stopped without closing the caller's KV; queue messages
 * are unordered (per-conversation order needs KV state anyway); and a scanned schedule has no
 * 5-step backoff limit to work around. A restart simply scans again: nothing is in memory only.
 *
 * @module
 */
import { decide } from "./decide.ts";
import { promoteKicked } from "./lanes.ts";
import { keys } from "./keys.ts";
import { type Lease, settle, type SettleDeps } from "./settle.ts";
import type { ResolveHost } from "./ssrf.ts";
import { createPinnedPool } from "./pinned.ts";
import { createThrottle } from "./throttle.ts";
import { readBody, type StoredDelivery } from "./store.ts";
import type { WebhookEndpoint } from "./types.ts";

/** What the worker needs. */
export interface WorkerDeps extends SettleDeps {
  readonly fetch: typeof fetch;
  readonly resolveHost: ResolveHost;
  readonly onError: (error: unknown) => void;
}

/** The running worker. */
export interface Worker {
  /** Starts the loop (idempotent). */
  start(): void;
  /** Stops it: aborts requests in flight (they are due again at once) and waits. */
  stop(): Promise<void>;
  /** Something changed: run a round soon. */
  wake(): void;
}

/** Extra time a claim holds beyond the request timeout. */
const LEASE_MARGIN = 30_000;
/** Longest sleep between rounds (a safety net; wake-ups normally come first). */
const MAX_SLEEP = 30_000;
const BATCH = 1000;

type DueValue = Lease["value"];

/**
 * Creates the worker.
 *
 * @example
 * ```ts
 * declare const deps: WorkerDeps;
 * const worker = createWorker(deps);
 * worker.start();
 * await worker.stop();
 * ```
 */
export function createWorker(deps: WorkerDeps): Worker {
  const { kv } = deps;
  let running: Promise<void> | undefined;
  let aborter = new AbortController();
  let nudged = false;
  let wakeUp: (() => void) | undefined;
  const inFlight = new Map<string, number>();
  const tasks = new Set<Promise<void>>();
  const throttle = createThrottle();
  const pins = createPinnedPool();

  function wake(): void {
    nudged = true;
    wakeUp?.();
  }

  function sleep(ms: number): Promise<void> {
    if (nudged || aborter.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  /** Starts what is due; returns the time it scanned up to. */
  async function dispatchDue(endpoints: Map<string, WebhookEndpoint>): Promise<number> {
    const now = deps.now();
    const due = kv.list<DueValue>(
      { start: keys.dues(), end: [...keys.dues(), now + 1] },
      { limit: BATCH },
    );
    const full = (e: WebhookEndpoint) =>
      (inFlight.get(e.id) ?? 0) >= throttle.limit(e.id, e.maxConcurrency);
    for await (const entry of due) {
      if (aborter.signal.aborted) return now;
      const endpoint = endpoints.get(entry.value.endpointId);
      if (endpoint?.enabled && full(endpoint)) {
        // Every endpoint saturated: the rest of the scan cannot start anything.
        if ([...endpoints.values()].every((e) => !e.enabled || full(e))) return now;
        continue;
      }
      const id = entry.key[3] as string;
      const leaseKey = keys.due(now + (endpoint?.timeoutMs ?? 0) + LEASE_MARGIN, id);
      const claim = await kv.atomic().check(entry).delete(entry.key).set(leaseKey, entry.value)
        .commit();
      if (!claim.ok) continue; // another worker took it
      const lease: Lease = { key: leaseKey, versionstamp: claim.versionstamp, value: entry.value };
      // Re-read: tasks may have finished while the claim was being written.
      inFlight.set(entry.value.endpointId, (inFlight.get(entry.value.endpointId) ?? 0) + 1);
      const task = work(lease, id).catch(deps.onError).finally(() => {
        inFlight.set(entry.value.endpointId, (inFlight.get(entry.value.endpointId) ?? 1) - 1);
        tasks.delete(task);
        wake();
      });
      tasks.add(task);
    }
    return now;
  }

  async function work(lease: Lease, id: string): Promise<void> {
    // The record, (usually all of) its body and the endpoint as it is now, in one read: a
    // disable, a new URL or a new secret applies from the next attempt on.
    const [entry, first, current] = await kv.getMany<[StoredDelivery, string, WebhookEndpoint]>([
      keys.delivery(id),
      keys.body(id, 0),
      keys.endpoint(lease.value.endpointId),
    ]);
    const record = entry.value;
    const endpoint = current.value ?? undefined;
    if (!record) {
      await kv.atomic().check({ key: lease.key, versionstamp: lease.versionstamp })
        .delete(lease.key).commit();
      return;
    }
    const body = record.chunks === 1 && typeof first.value === "string"
      ? first.value
      : await readBody(kv, record);
    const verdict = await decide({ ...deps, pins }, {
      record,
      body,
      endpoint,
      signal: aborter.signal,
    });
    if (endpoint) throttle.record(endpoint.id, endpoint.maxConcurrency, verdict);
    await settle(deps, lease, id, verdict, body);
  }

  async function listEndpoints(): Promise<Map<string, WebhookEndpoint>> {
    const map = new Map<string, WebhookEndpoint>();
    for await (const e of kv.list<WebhookEndpoint>({ prefix: keys.endpoints() })) {
      map.set(e.value.id, e.value);
    }
    return map;
  }

  /**
   * How long until the first entry due after `scanned` (the time the last scan covered). Not
   * "after now": an entry that fell due between the scan and this read must not be skipped
   * (it would wait for the next wake-up, up to `MAX_SLEEP`); entries at or before `scanned` are
   * waiting for a free slot, and a finishing task wakes the loop for them.
   */
  async function nextDueIn(scanned: number): Promise<number> {
    const selector = { prefix: keys.dues(), start: [...keys.dues(), scanned + 1] };
    for await (const entry of kv.list(selector, { limit: 1 })) {
      return (entry.key[2] as number) - deps.now();
    }
    return MAX_SLEEP;
  }

  async function loop(): Promise<void> {
    while (!aborter.signal.aborted) {
      nudged = false;
      let wait: number;
      try {
        await promoteKicked(kv, deps.now, BATCH);
        const scanned = await dispatchDue(await listEndpoints());
        wait = Math.min(await nextDueIn(scanned), MAX_SLEEP);
      } catch (error) {
        if (aborter.signal.aborted) break;
        deps.onError(error);
        wait = 1000;
      }
      await sleep(wait);
    }
  }

  async function watchWakeKey(signal: AbortSignal): Promise<void> {
    const reader = kv.watch([keys.wake()]).getReader();
    signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
    try {
      while (!signal.aborted) {
        const { done } = await reader.read();
        if (done) break;
        wake();
      }
    } catch (error) {
      if (!signal.aborted) deps.onError(error);
    }
  }

  function start(): void {
    if (running) return;
    aborter = new AbortController();
    const watching = watchWakeKey(aborter.signal);
    running = Promise.all([loop(), watching]).then(() => {});
  }

  async function stop(): Promise<void> {
    if (!running) return;
    aborter.abort();
    wake();
    await running;
    await Promise.allSettled([...tasks]);
    await pins.close();
    running = undefined;
  }

  return { start, stop, wake };
}
