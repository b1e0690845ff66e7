/**
 * Leader election on a {@link Lease}: standbys try to take the lease every `retryMs`, the
 * leader renews it every `renewMs` and steps down when a renewal fails or cannot be confirmed
 * before the lease would lapse.
 *
 * @module
 */
import type { Lease } from "./lease.ts";
import { positiveMs, sleep } from "./_time.ts";

/** Why a leader stepped down: lease lost, `onElected` failed, or `stop()`. */
export type DeposedReason = "lost" | "failed" | "stopping";

/** Options of {@link startElection}. */
export interface ElectionOptions {
  /** The lease to hold. */
  readonly lease: Lease;
  /** Renewal period, ms (default a third of the lease's TTL). */
  readonly renewMs?: number;
  /** How often a standby tries to take over, ms (default 1 000). */
  readonly retryMs?: number;
  /**
   * Called when this process became the leader; the lease is renewed meanwhile. When it
   * throws, this process steps down (`onDeposed("failed")`) and waits five retries.
   */
  readonly onElected: () => Promise<void> | void;
  /** Called when this process lost the lease, failed to lead, or stops as the leader. */
  readonly onDeposed: (reason: DeposedReason) => Promise<void> | void;
  /** Called when an attempt to take the lease failed (once, until elected again). */
  readonly onStandby?: () => void;
  /** A KV call or a callback failed; the loop goes on. */
  readonly onError?: (error: unknown) => void;
}

/** A running election. */
export interface Election {
  /** Whether this process is the leader. */
  readonly leader: boolean;
  /** Stops: steps down (the `onDeposed` callback finishes first), releases the lease. */
  stop(): Promise<void>;
}

/**
 * Joins the election for `options.lease`. Transitions are serialized: `onDeposed` never runs
 * before the `onElected` it ends has finished.
 *
 * @example
 * ```ts
 * import { createLease, startElection } from "./mod.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * const election = startElection({
 *   lease: createLease(kv, "my-bot"),
 *   onElected: () => console.log("leading"),
 *   onDeposed: (reason) => console.log("stepped down:", reason),
 * });
 * await election.stop();
 * kv.close();
 * ```
 */
export function startElection(options: ElectionOptions): Election {
  const { lease, onError = () => {} } = options;
  const renewMs = positiveMs(options.renewMs, lease.ttlMs / 3, "lease.renewMs");
  const retryMs = positiveMs(options.retryMs, 1000, "lease.retryMs");
  const aborter = new AbortController();
  let leader = false;
  let failed = false;
  let standing = false;
  let transitions = Promise.resolve();
  const transition = (step: () => Promise<void> | void) =>
    transitions = transitions.then(step).catch(onError);

  async function attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      onError(error);
      return undefined;
    }
  }

  async function loop(): Promise<void> {
    while (!aborter.signal.aborted) {
      if (!leader) {
        if (await attempt(lease.acquire)) {
          leader = true;
          standing = false;
          transition(async () => {
            try {
              await options.onElected();
            } catch (error) {
              failed = true;
              throw error;
            }
          });
        } else {
          if (!standing) options.onStandby?.();
          standing = true;
          await sleep(retryMs, aborter.signal);
        }
        continue;
      }
      if (!await sleep(renewMs, aborter.signal)) break;
      if (failed) {
        failed = leader = false;
        await attempt(lease.release);
        await transition(() => options.onDeposed("failed"));
        await sleep(retryMs * 5, aborter.signal);
        continue;
      }
      const renewed = await attempt(lease.renew);
      // Unconfirmed (the store did not answer): step down before the lease can lapse.
      const lost = renewed === false ||
        (renewed === undefined && performance.now() - lease.renewedAt > lease.ttlMs - renewMs);
      if (lost) {
        leader = false;
        if (lease.held) await attempt(lease.release);
        await transition(() => options.onDeposed("lost"));
      }
    }
  }

  const running = loop();
  let stopping: Promise<void> | undefined;
  return {
    get leader() {
      return leader;
    },
    stop() {
      return stopping ??= (async () => {
        aborter.abort();
        await running;
        if (leader) {
          leader = false;
          await transition(() => options.onDeposed("stopping"));
        }
        await transitions;
        await attempt(lease.release);
      })();
    },
  };
}
