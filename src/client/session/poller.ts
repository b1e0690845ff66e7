/**
 * The poll loop of one identity: namespace 0 only (config namespaces hold no envelopes), never
 * two polls at once, every page of a backlog per round, an interval that drops to `min` after
 * activity and grows by half each idle round up to `max`.
 *
 * @module
 */
import type { Identity } from "../../crypto/identity.ts";
import type { Network } from "../network/mod.ts";
import { createRounds } from "./poll_round.ts";

/** What the poller needs. */
export interface PollerDeps {
  readonly kv: Deno.Kv;
  readonly identity: Identity;
  readonly network: Pick<Network, "retrieve">;
  /** Poll interval bounds, ms. */
  readonly interval: { readonly min: number; readonly max: number };
  /** Deliver what the swarm already holds (first start, or skipped earlier). */
  readonly history: boolean;
  /** Messages per retrieve. */
  readonly pageSize: number;
  /** New inbox entries were committed. */
  readonly onTaken: () => void;
  /** A round failed; the loop goes on. */
  readonly onError: (error: unknown) => void;
  /** Work to do after each successful round (the expiry sweep). */
  readonly afterRound?: () => Promise<void>;
}

/** A running poll loop. */
export interface Poller {
  /** Polls once (awaited), then keeps polling on the interval. */
  start(): Promise<void>;
  /** Polls as soon as the current round (if any) ends; resolves when that poll is done. */
  wake(): Promise<void>;
  /** Something happened: next round after `min`. */
  activity(): void;
  /**
   * Runs `job` between rounds (never during one), then forgets the cached poll state, so a job
   * may move `keys.poll(sid)` without the next round's commit conflicting.
   */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Stops after the current round. */
  stop(): Promise<void>;
}

/** Creates the poll loop. */
export function createPoller(deps: PollerDeps): Poller {
  const { interval } = deps;
  const rounds = createRounds(deps);
  let delay = interval.min;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let waiters: (() => void)[] = []; // callers of wake() waiting for the next round
  let lock: Promise<unknown> = Promise.resolve(); // rounds and run() jobs, one at a time

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = lock.then(work);
    lock = result.catch(() => {});
    return result;
  }

  function round(): Promise<void> {
    return exclusive(roundNow);
  }

  async function roundNow(): Promise<void> {
    try {
      const taken = await rounds.poll();
      await deps.afterRound?.();
      delay = taken > 0 ? interval.min : Math.min(interval.max, Math.round(delay * 1.5));
    } catch (error) {
      rounds.reset(); // re-read the state: a conflict or a failed commit leaves it stale
      delay = Math.min(interval.max, delay * 2);
      deps.onError(error);
    }
  }

  function tick(): void {
    timer = undefined;
    const served = waiters;
    waiters = [];
    running = round().then(() => {
      served.forEach((resolve) => resolve());
      running = undefined;
      if (again) delay = interval.min;
      again = false;
      schedule();
    });
  }

  function schedule(): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, again ? 0 : delay);
  }

  return {
    async start() {
      running = round();
      await running;
      running = undefined;
      schedule();
    },
    wake() {
      if (stopped) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiters.push(resolve));
      if (running) again = true;
      else {
        clearTimeout(timer);
        tick();
      }
      return done;
    },
    activity() {
      delay = interval.min;
      if (!running && timer !== undefined) schedule();
    },
    run(job) {
      return exclusive(async () => {
        try {
          return await job();
        } finally {
          rounds.reset();
        }
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
      await lock;
      waiters.forEach((resolve) => resolve());
      waiters = [];
    },
  };
}
