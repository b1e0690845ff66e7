/**
 * The outbox worker: every send of an identity goes through its KV queue, in order per
 * recipient (a chain per recipient; different recipients in parallel). A job stores the
 * recipient's copy, then the sync copy in our own swarm, retrying with backoff; `send()`
 * resolves once every copy is stored, or rejects when the job is dead-lettered.
 *
 * @module
 */
import { NetworkError, SessionBotError, SwarmError, ValidationError } from "../../core/errors.ts";
import type { Network } from "../network/mod.ts";
import { backoffDelay, type Retry, sleep } from "./backoff.ts";
import type { Job, OutboxStore } from "./outbox_store.ts";
import type { TxOp } from "./tx.ts";

/** What `send` resolves with. */
export interface SendResult {
  /** Storage hash of the recipient's copy. */
  readonly hash: string;
  /** Sent timestamp (`Envelope.timestamp`), ms: how replies, reactions and unsend refer to it. */
  readonly timestamp: number;
}

/** A running outbox. */
export interface Outbox {
  /**
   * Queues a job (already encrypted); resolves once it is in the outbox, with `stored`, which
   * resolves when the swarm has it (wrapped so awaiting the queueing does not await storage).
   */
  enqueue(
    job: Omit<Job, "seq" | "stored" | "attempts">,
    ops?: readonly TxOp[],
  ): Promise<{ stored: Promise<SendResult> }>;
  /** Resolves when no job is waiting. */
  idle(): Promise<void>;
  /** Stops after the stores in progress; waiting jobs stay queued for the next start. */
  stop(): Promise<void>;
}

/** Starts the outbox: jobs left by an earlier run are sent first. */
export function startOutbox(deps: {
  readonly store: OutboxStore;
  readonly network: Pick<Network, "store">;
  readonly retry: Retry;
  /** A job was stored (every copy). */
  readonly onStored?: (job: Job) => void;
  /** A job was dead-lettered. */
  readonly onDead: (job: Job, error: SessionBotError) => void;
}): Outbox {
  const aborter = new AbortController();
  const chains = new Map<string, Promise<void>>();
  const waiters = new Map<
    number,
    { resolve: (r: SendResult) => void; reject: (e: unknown) => void }
  >();
  const running = new Set<Promise<void>>();
  const loading = deps.store.list().then((jobs) => jobs.forEach(queue));
  loading.catch(() => {}); // surfaced by the first send() that awaits it

  function queue(job: Job): void {
    const chain = (chains.get(job.to) ?? Promise.resolve()).then(() => run(job));
    chains.set(job.to, chain);
    running.add(chain);
    chain.finally(() => {
      running.delete(chain);
      if (chains.get(job.to) === chain) chains.delete(job.to);
    });
  }

  async function run(initial: Job): Promise<void> {
    let job: Job | null = initial;
    while (job && !aborter.signal.aborted) {
      try {
        for (let i = job.stored; i < job.copies.length; i++) {
          const copy = job.copies[i];
          await deps.network.store(copy.to, { data: copy.data, ttl: job.ttl });
          job = { ...job, stored: i + 1 };
        }
        await deps.store.finish(job);
        deps.onStored?.(job);
        waiters.get(job.seq)?.resolve({ hash: job.copies[0].hash, timestamp: job.timestamp });
        waiters.delete(job.seq);
        return;
      } catch (thrown) {
        if (aborter.signal.aborted) return; // closing: the job stays queued
        const error = asSessionError(thrown);
        const attempts = job.attempts + 1;
        const expired = Date.now() > job.timestamp + job.ttl;
        if (attempts >= deps.retry.attempts || permanent(error) || expired) {
          await deps.store.finish({ ...job, attempts }, {
            code: error.code,
            reason: error.message,
          });
          deps.onDead(job, error);
          waiters.get(job.seq)?.reject(error);
          waiters.delete(job.seq);
          return;
        }
        job = await deps.store.update({ ...job, attempts, lastError: error.message });
        if (job) await sleep(backoffDelay(deps.retry, attempts), aborter.signal);
      }
    }
  }

  return {
    async enqueue(init, ops) {
      await loading;
      if (aborter.signal.aborted) {
        throw new SessionBotError("the client is stopped: open a new one to send", "stopped");
      }
      const job = await deps.store.add(init, ops);
      const stored = new Promise<SendResult>((resolve, reject) => {
        waiters.set(job.seq, { resolve, reject });
      });
      queue(job);
      return { stored };
    },
    async idle() {
      await loading;
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop() {
      aborter.abort();
      await loading.catch(() => {});
      await Promise.allSettled([...running]);
      const stopped = new SessionBotError(
        "the client stopped before the message was stored; it stays queued and is sent on the " +
          "next start",
        "stopped",
      );
      for (const waiter of waiters.values()) waiter.reject(stopped);
      waiters.clear();
    },
  };
}

/** Refusals that another try cannot change: bad input, bad signature, bad TTL. */
function permanent(error: SessionBotError): boolean {
  return error instanceof ValidationError || (error instanceof SwarmError && !error.retryable);
}

function asSessionError(thrown: unknown): SessionBotError {
  if (thrown instanceof SessionBotError) return thrown;
  return new NetworkError(`store failed: ${String(thrown)}`, "store_failed", { cause: thrown });
}
