/**
 * Group commit: removals from the inbox (each with its handlers' `tx` operations) are gathered
 * for one event-loop turn and written in as few atomic commits as KV's limits allow. A commit
 * costs ~0.3 ms of fsync; one per message would cap the drain rate near 2,000 msg/s.
 *
 * @module
 */
import type { TxOp } from "./tx.ts";

/** One item: the ops that must land together, and how many checks they carry. */
export interface CommitItem {
  readonly ops: readonly TxOp[];
  readonly checks: number;
}

/** Items per commit; checks and mutations stay far below KV's 100 and 1000. */
const MAX_ITEMS = 40;
const MAX_CHECKS = 90;

/** A group committer on one KV. */
export interface Committer {
  /** Commits `item` with others; resolves true once written, false when its checks failed. */
  add(item: CommitItem): Promise<boolean>;
  /** Resolves when everything added so far is written. */
  drain(): Promise<void>;
}

/** Creates a committer on `kv`. */
export function createCommitter(kv: Deno.Kv): Committer {
  let queue: { item: CommitItem; done: (ok: boolean) => void; fail: (e: unknown) => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> = Promise.resolve();

  function add(item: CommitItem): Promise<boolean> {
    return new Promise((done, fail) => {
      queue.push({ item, done, fail });
      if (queue.length >= MAX_ITEMS) flushSoon(0);
      else if (timer === undefined) flushSoon(0);
    });
  }

  function flushSoon(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const batch = queue;
      queue = [];
      flushing = flushing.then(() => write(batch));
    }, ms);
  }

  async function write(batch: typeof queue): Promise<void> {
    for (let start = 0; start < batch.length;) {
      let end = start;
      let checks = 0;
      while (end < batch.length && end - start < MAX_ITEMS) {
        checks += batch[end].item.checks;
        if (checks > MAX_CHECKS && end > start) break;
        end++;
      }
      const group = batch.slice(start, end);
      start = end;
      if (group.length > 1) {
        try {
          if (await commit(group.map((g) => g.item))) {
            group.forEach((g) => g.done(true));
            continue;
          }
        } catch {
          // Too large together: fall through and write them one by one.
        }
      }
      // One item's check failed (or the group was too big): find out which, one by one.
      for (const g of group) {
        try {
          g.done(await commit([g.item]));
        } catch (error) {
          g.fail(error);
        }
      }
    }
  }

  async function commit(items: readonly CommitItem[]): Promise<boolean> {
    const atomic = kv.atomic();
    for (const item of items) for (const op of item.ops) op(atomic);
    return (await atomic.commit()).ok;
  }

  async function drain(): Promise<void> {
    while (queue.length > 0 || timer !== undefined) {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        const batch = queue;
        queue = [];
        flushing = flushing.then(() => write(batch));
      }
      await flushing;
    }
    await flushing;
  }

  return { add, drain };
}
