/**
 * A leadership lease in Deno KV: one holder per name at a time, renewed with versionstamp
 * checks, free again when its holder stops renewing. A fencing check makes writes of a holder
 * that lost the lease fail.
 *
 * @module
 */
import { positiveMs } from "./_time.ts";

/** What is stored under `["lease", name]`. */
export interface LeaseRecord {
  /** Who holds it: a random ID per process (and lease object). */
  readonly owner: string;
  /** Raised by one at every change of holder. */
  readonly epoch: number;
  /** The holder's clock when it stops counting unless renewed, ms. */
  readonly expiresAt: number;
}

/** Options of {@link createLease}. */
export interface LeaseOptions {
  /** How long a lease lasts without renewal, ms (default 10 000). */
  readonly ttlMs?: number;
  /** Clock difference tolerated between processes sharing the store, ms (default 2 000). */
  readonly clockSkewMs?: number;
  /** This holder's ID (default a random UUID). */
  readonly owner?: string;
}

/** One process's handle on a lease. */
export interface Lease {
  /** The KV key of the lease, `["lease", name]`. */
  readonly key: Deno.KvKey;
  /** This holder's ID. */
  readonly owner: string;
  /** The lease's time to live, ms. */
  readonly ttlMs: number;
  /** Whether this handle holds the lease (as of its last acquire or renew). */
  readonly held: boolean;
  /** The epoch this handle holds, when it holds the lease. */
  readonly epoch: number | undefined;
  /** When this handle last acquired or renewed, `performance.now()` ms. */
  readonly renewedAt: number;
  /** Takes the lease when it is free (or ours); true when this handle now holds it. */
  acquire(): Promise<boolean>;
  /** Extends the lease; false when it was lost (taken over after it lapsed). */
  renew(): Promise<boolean>;
  /** Gives the lease up at once (another process may take it right away). */
  release(): Promise<void>;
  /** The current record, if any. */
  read(): Promise<LeaseRecord | null>;
  /** A check for atomic commits: fails once another holder took the lease. */
  fence(): Deno.AtomicCheck;
}

/**
 * Creates a handle on the lease `name` (e.g. a bot's Session ID) in `kv`. A lease is free when
 * absent, or when its holder has not renewed it for `ttlMs`: seen unchanged that long by this
 * process, or past its expiry by more than `clockSkewMs` on this clock.
 *
 * @example
 * ```ts
 * import { createLease } from "./mod.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * const lease = createLease(kv, "05ab…", { ttlMs: 10_000 });
 * if (await lease.acquire()) {
 *   await kv.atomic().check(lease.fence()).set(["done"], true).commit(); // fails once deposed
 *   await lease.release();
 * }
 * kv.close();
 * ```
 */
export function createLease(kv: Deno.Kv, name: string, options: LeaseOptions = {}): Lease {
  const ttlMs = positiveMs(options.ttlMs, 10_000, "lease.ttlMs");
  const skewMs = options.clockSkewMs ?? 2000;
  const owner = options.owner ?? crypto.randomUUID();
  const key: Deno.KvKey = ["lease", name];
  const fenceKey: Deno.KvKey = ["lease", name, "epoch"];
  let mine: { versionstamp: string; fence: string; record: LeaseRecord } | undefined;
  let seen: { versionstamp: string; since: number } | undefined;
  let renewedAt = 0;

  /** Whether the holder of `entry` stopped renewing. */
  function lapsed(entry: Deno.KvEntryMaybe<LeaseRecord>): boolean {
    if (entry.value === null) return true;
    if (entry.value.owner === owner) return true;
    if (seen?.versionstamp !== entry.versionstamp) {
      seen = { versionstamp: entry.versionstamp, since: performance.now() };
    }
    return performance.now() - seen.since >= ttlMs || Date.now() > entry.value.expiresAt + skewMs;
  }

  async function acquire(): Promise<boolean> {
    const [entry, fence] = await kv.getMany<[LeaseRecord, { epoch: number }]>([key, fenceKey]);
    if (!lapsed(entry)) return false;
    const epoch = (fence.value?.epoch ?? 0) + 1;
    const record: LeaseRecord = { owner, epoch, expiresAt: Date.now() + ttlMs };
    const result = await kv.atomic().check(entry, fence).set(key, record).set(fenceKey, {
      epoch,
      owner,
    })
      .commit();
    if (!result.ok) return false;
    mine = { versionstamp: result.versionstamp, fence: result.versionstamp, record };
    renewedAt = performance.now();
    return true;
  }

  async function renew(): Promise<boolean> {
    if (!mine) return false;
    const record = { ...mine.record, expiresAt: Date.now() + ttlMs };
    const result = await kv.atomic().check({ key, versionstamp: mine.versionstamp }).set(
      key,
      record,
    ).commit();
    if (!result.ok) return (mine = undefined, false);
    mine = { ...mine, versionstamp: result.versionstamp, record };
    renewedAt = performance.now();
    return true;
  }

  async function release(): Promise<void> {
    if (!mine) return;
    const { versionstamp } = mine;
    mine = undefined;
    await kv.atomic().check({ key, versionstamp }).delete(key).commit();
  }

  return {
    key,
    owner,
    ttlMs,
    get held() {
      return mine !== undefined;
    },
    get epoch() {
      return mine?.record.epoch;
    },
    get renewedAt() {
      return renewedAt;
    },
    acquire,
    renew,
    release,
    read: async () => (await kv.get<LeaseRecord>(key)).value,
    // Not held: a check that can never pass (the fence key always exists once acquired).
    fence: () => ({ key: fenceKey, versionstamp: mine?.fence ?? "0".repeat(20) }),
  };
}
