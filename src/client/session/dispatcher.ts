/**
 * The inbox pump: reads entries in order, decodes each, and queues it behind the earlier
 * entries of the same conversation, so every chat is handled in order while different chats
 * run side by side. At most `maxInFlight` entries are in memory at once.
 *
 * @module
 */
import type { Identity } from "../../crypto/identity.ts";
import { sleep } from "./backoff.ts";
import type { DecodedMessage } from "../codec/mod.ts";
import { type Decoded, deliver, type DeliverDeps } from "./deliver.ts";
import type { InboxEntry } from "./inbox.ts";
import { prepare, type Prepared } from "./prepare.ts";
import type { Refs } from "./refs.ts";

/** What the pump needs beyond delivering. */
export interface DispatcherDeps<D extends Decoded = DecodedMessage>
  extends Omit<DeliverDeps<D>, "signal"> {
  readonly identity: Identity;
  readonly refs: Refs;
  /** Decodes an entry; default: a swarm message for `identity` (communities bring their own). */
  readonly prepare?: (entry: InboxEntry) => Prepared<D>;
  readonly maxInFlight: number;
  readonly maxMessageBytes: number;
  /** Something broke outside the handlers (e.g. the KV store); the entry is tried again. */
  readonly onError: (error: unknown) => void;
}

/** The running pump. */
export interface Dispatcher {
  /** New entries were committed. */
  wake(): void;
  /** Resolves when the inbox is empty and nothing is in flight. */
  idle(): Promise<void>;
  /** Lets running handlers finish, writes their commits, and stops. */
  stop(): Promise<void>;
}

/** Starts the pump. */
export function startDispatcher<D extends Decoded = DecodedMessage>(
  deps: DispatcherDeps<D>,
): Dispatcher {
  const decode = deps.prepare ??
    ((entry: InboxEntry) => prepare(deps.identity, entry, deps.maxMessageBytes) as Prepared<D>);
  const aborter = new AbortController();
  const chains = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  const admitted = new Set<number>();
  let next = 0;
  let inFlight = 0;
  let waiting: (() => void) | undefined;
  let idlers: (() => void)[] = [];
  let pending = true; // entries may exist until a scan finds none

  let nudged = false; // a nudge while the pump is busy must not be lost

  const nudge = () => {
    nudged = true;
    waiting?.();
    waiting = undefined;
  };
  const pause = () => {
    if (nudged) return Promise.resolve(void (nudged = false));
    return new Promise<void>((resolve) => waiting = () => resolve(void (nudged = false)));
  };

  function admit(entry: InboxEntry, prepared: Prepared<D>): void {
    inFlight++;
    admitted.add(entry.seq);
    const key = prepared.conversation ?? `error:${entry.seq}`;
    const chain = (chains.get(key) ?? Promise.resolve()).then(async () => {
      if (aborter.signal.aborted) return settle(undefined, entry);
      try {
        // The commit is awaited off the chain: the conversation's next message need not wait.
        settle((await deliver({ ...deps, signal: aborter.signal }, entry, prepared)).commit, entry);
      } catch (error) {
        deps.onError(error);
        await sleep(1000, aborter.signal);
        settle(Promise.resolve(false), entry);
      }
    });
    chains.set(key, chain);
    running.add(chain);
    chain.finally(() => {
      running.delete(chain);
      if (chains.get(key) === chain) chains.delete(key);
    });
  }

  function settle(committed: Promise<boolean> | undefined, entry: InboxEntry): void {
    const done = (ok: boolean) => {
      inFlight--;
      admitted.delete(entry.seq);
      // A failed check (a handler's, or the entry changed): read it again from the start.
      if (!ok && !aborter.signal.aborted) next = Math.min(next, entry.seq);
      nudge();
    };
    if (!committed) return done(true);
    committed.then(done, () => done(false));
  }

  async function pump(): Promise<void> {
    while (!aborter.signal.aborted) {
      const room = deps.maxInFlight - inFlight;
      let fresh = 0;
      if (room > 0) {
        nudged = false;
        const batch: [InboxEntry, Prepared<D>][] = [];
        for (const entry of await deps.inbox.list(next, room + admitted.size)) {
          if (batch.length >= room) break;
          next = Math.max(next, entry.seq + 1);
          if (admitted.has(entry.seq)) continue;
          batch.push([entry, decode(entry)]);
        }
        if (!deps.prepare) {
          const decoded = batch.flatMap(([, p]) => p.decoded ? [p.decoded] : []);
          deps.refs.prefetch(decoded as unknown as DecodedMessage[]);
        }
        for (const [entry, prepared] of batch) admit(entry, prepared);
        fresh = batch.length;
        pending = fresh > 0;
      }
      if (!pending && inFlight === 0) {
        idlers.forEach((resolve) => resolve());
        idlers = [];
      }
      if (fresh === 0) await pause();
    }
  }

  const pumping = pump();
  return {
    wake() {
      pending = true;
      nudge();
    },
    idle() {
      if (!pending && inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => idlers.push(resolve));
    },
    async stop() {
      aborter.abort();
      nudge();
      await pumping;
      await Promise.allSettled([...running]);
      await deps.committer.drain();
      idlers.forEach((resolve) => resolve());
    },
  };
}
