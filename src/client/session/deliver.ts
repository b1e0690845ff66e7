/**
 * Handling one inbox entry: route it, hand each event to the handlers, retry failed rounds
 * with backoff (the attempt count and the handled events' `tx` ops are persisted with each
 * failure), dead-letter after the last try, and queue the removal commit on success.
 *
 * @module
 */
import { CryptoError, SessionBotError, ValidationError } from "../../core/errors.ts";
import { backoffDelay, type Retry, sleep } from "./backoff.ts";
import type { Committer } from "./committer.ts";
import type { Emitter } from "./emitter.ts";
import type { Counters } from "./stats.ts";
import type { ErrorEvent } from "./events.ts";
import type { Inbox, InboxEntry } from "./inbox.ts";
import type { Prepared } from "./prepare.ts";
import type { Routed } from "./route.ts";
import type { DecodedMessage } from "../codec/mod.ts";
import { createTx, type TxOp } from "./tx.ts";

/** What delivering needs; `D` is what `prepare` decoded (a swarm message by default). */
export interface DeliverDeps<D extends Decoded = DecodedMessage> {
  readonly sid: string;
  readonly inbox: Inbox;
  readonly emitter: Emitter;
  /** Monitoring counters (`received`). */
  readonly counters?: Counters;
  readonly router: (decoded: D, hash: string) => Promise<Routed>;
  readonly committer: Committer;
  readonly retry: Retry;
  /** Aborted by `stop()`: an entry waiting for its next try stays in the inbox. */
  readonly signal: AbortSignal;
}

/**
 * What delivering ended with: the queued commit (false when a check failed and the entry must
 * be read again), or nothing when the entry stays in the inbox (stopping) or vanished.
 * Wrapped in an object so awaiting `deliver` does not also await the commit.
 */
export interface Delivered {
  readonly commit?: Promise<boolean>;
}

/** The least a decoded entry says: who sent it and when (for error events). */
export interface Decoded {
  readonly sender: string;
  readonly timestamp: number;
}

/** Delivers `entry`. */
export async function deliver<D extends Decoded = DecodedMessage>(
  deps: DeliverDeps<D>,
  entry: InboxEntry,
  prepared: Prepared<D>,
): Promise<Delivered> {
  const { inbox, committer } = deps;
  if (prepared.error) {
    const { code, message } = prepared.error;
    const commit = committer.add({ ops: inbox.deadLetter(entry, code, message), checks: 1 });
    await afterCommit(commit, () => report(deps, entry, prepared.error!, true));
    return { commit };
  }
  const routed = await deps.router(prepared.decoded, entry.hash);
  if (routed.error) {
    await report(deps, entry, routed.error, false, prepared.decoded);
    return { commit: committer.add({ ops: inbox.remove(entry), checks: 1 }) };
  }
  let current = entry;
  let attempts = entry.attempts ?? 0;
  let handled: TxOp[] = [];
  let checks = 0;
  for (let i = entry.done ?? 0; i < routed.events.length;) {
    const recorder = createTx();
    try {
      await deps.emitter.emit({ ...routed.events[i], tx: recorder.tx });
      if (deps.counters) deps.counters.received++;
      handled.push(...recorder.ops);
      checks += recorder.checks();
      i++;
      continue;
    } catch (thrown) {
      attempts++;
      const error = asError(thrown);
      if (attempts >= deps.retry.attempts || permanent(thrown)) {
        const failure = new SessionBotError(
          `handler failed ${attempts} time(s), message moved to the dead letters: ${error.message}`,
          "handler_failed",
          { cause: thrown },
        );
        const ops = [
          ...inbox.deadLetter(current, "handler_failed", error.message, attempts),
          ...routed.ops,
        ];
        const commit = committer.add({ ops: [...ops, ...handled], checks: 1 + checks });
        const entryNow = current;
        await afterCommit(commit, () => report(deps, entryNow, failure, true, prepared.decoded));
        return { commit };
      }
      // Persist the failure with what the handled events committed, so neither a crash nor
      // the retry hands those events out again.
      const next = await inbox.retry(
        current,
        { attempts, done: i, lastError: error.message },
        handled,
      );
      if (!next) return {}; // removed meanwhile
      current = next;
      handled = [];
      checks = 0;
      if (!await sleep(backoffDelay(deps.retry, attempts), deps.signal)) return {};
    }
  }
  return {
    commit: committer.add({
      ops: [...inbox.remove(current), ...routed.ops, ...handled],
      checks: 1 + checks,
    }),
  };
}

/**
 * Runs `then` once `commit` has written (a dead letter must be durable before an error event
 * says `deadLettered: true`); a failed commit is left to the caller, which awaits `commit`.
 */
async function afterCommit(commit: Promise<boolean>, then: () => Promise<void>): Promise<void> {
  if (await commit.catch(() => false)) await then();
}

/** Errors a retry cannot fix: bad data or failed crypto checks. */
function permanent(error: unknown): boolean {
  return error instanceof ValidationError || error instanceof CryptoError;
}

function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/** Emits an error event; a failing error handler is ignored (it has nothing to retry). */
async function report<D extends Decoded>(
  deps: DeliverDeps<D>,
  entry: InboxEntry,
  error: SessionBotError,
  deadLettered: boolean,
  decoded?: { sender: string; timestamp: number },
): Promise<void> {
  const event: ErrorEvent = {
    type: "error",
    id: entry.hash,
    identity: deps.sid,
    code: error.code,
    message: error.message,
    error,
    ...(decoded ? { from: decoded.sender, timestamp: decoded.timestamp } : {}),
    deadLettered,
  };
  await deps.emitter.emit(event).catch(() => {});
}
