/**
 * The conversation journal: what a conversation needs to be rebuilt after a restart, in the
 * plugin's KV namespace. `["active", chat]` holds the head (name, ID, step count, the pending
 * wait's deadline); `["step", chat, id, i]` the steps (the driving event without its `tx`, and
 * the results of the builder's calls). A step is written on the `tx` of the event that drove
 * it, so "event handled" and "conversation advanced" are one commit. The head expires a minute
 * after the pending wait's deadline; steps live until `stepsUntil`, at least that long: when a
 * later deadline passes it, every step is rewritten with a longer expiry (about twice the
 * wait), so most steps write two entries, not the whole log.
 *
 * @module
 */
import type { BotEvent, InboxTransaction, KvNamespace } from "../../bot/mod.ts";
import type { Runner, StepRecord } from "./runner.ts";

/** The head of an active conversation's journal. */
export interface JournalHead {
  /** Layout version. */
  readonly v: 1;
  /** The conversation's name. */
  readonly name: string;
  /** The journal ID of this run. */
  readonly id: string;
  /** How many steps are recorded. */
  readonly steps: number;
  /** When the pending wait times out, ms since the epoch. */
  readonly deadline: number;
  /** Until when every step entry lives, ms since the epoch. */
  readonly stepsUntil: number;
}

/** An active conversation read back from KV. */
export interface JournalEntry {
  /** Its head. */
  readonly head: JournalHead;
  /** Its steps, in order. */
  readonly steps: StepRecord[];
}

/** Reads and writes the journal. */
export interface Journal {
  /**
   * Records the runner's new step on `tx` (the event that advanced it); `full` rewrites every
   * step (for a redelivery, whose earlier commit may have carried more).
   */
  record(runner: Runner, tx: InboxTransaction, full?: boolean): void;
  /** Drops the runner's entries: on `event.tx` when given, else directly. */
  drop(runner: Pick<Runner, "chat" | "id" | "steps">, event?: BotEvent): Promise<void>;
  /** The active conversation of `chat`, if any (an incomplete one is dropped). */
  load(chat: string): Promise<JournalEntry | undefined>;
  /** Every active conversation's chat and deadline. */
  heads(): Promise<{ chat: string; head: JournalHead }[]>;
}

/** How long entries outlive the pending wait's deadline, ms. */
const GRACE_MS = 60_000;

/** A transaction that records nothing: replayed contexts must not write again. */
export const inertTx: InboxTransaction = {
  check: () => inertTx,
  set: () => inertTx,
  delete: () => inertTx,
  sum: () => inertTx,
};

/**
 * The journal over the plugin's namespace `ns`.
 *
 * @example
 * ```ts
 * import { kvNamespace } from "../../bot/kv_namespace.ts";
 * import { createJournal } from "./journal.ts";
 *
 * const kv = await Deno.openKv(":memory:");
 * const journal = createJournal(kvNamespace(kv, ["plugin", "me", "conversation"]));
 * console.log(await journal.load("05ab")); // undefined
 * kv.close();
 * ```
 */
export function createJournal(ns: KvNamespace): Journal {
  const headKey = (chat: string) => ns.key("active", chat);
  const stepKey = (chat: string, id: string, i: number) => ns.key("step", chat, id, i);

  function record(runner: Runner, tx: InboxTransaction, full = false): void {
    const now = Date.now();
    const headUntil = Math.max(now, runner.deadline) + GRACE_MS;
    let first = runner.steps.length - 1;
    if (full || runner.stepsUntil < headUntil) {
      // Steps must outlive the head: extend them all, well past this deadline.
      runner.stepsUntil = headUntil + Math.max(GRACE_MS, runner.deadline - now);
      first = 0;
    }
    const expireIn = runner.stepsUntil - now;
    for (let i = Math.max(0, first); i < runner.steps.length; i++) {
      tx.set(stepKey(runner.chat, runner.id, i), runner.steps[i], { expireIn });
    }
    const head: JournalHead = {
      v: 1,
      name: runner.name,
      id: runner.id,
      steps: runner.steps.length,
      deadline: runner.deadline,
      stepsUntil: runner.stepsUntil,
    };
    tx.set(headKey(runner.chat), head, { expireIn: headUntil - now });
  }

  async function drop(
    runner: Pick<Runner, "chat" | "id" | "steps">,
    event?: BotEvent,
  ): Promise<void> {
    const { chat, id } = runner;
    const steps = runner.steps.map((_, i) => stepKey(chat, id, i));
    if (event) {
      steps.forEach((key) => event.tx.delete(key));
      event.tx.delete(headKey(chat));
      return;
    }
    const head = await ns.kv.get<JournalHead>(headKey(chat));
    const atomic = ns.kv.atomic();
    // Only this run's head: another conversation may have been entered since.
    if (head.value?.id === id) atomic.check(head).delete(headKey(chat));
    steps.forEach((key) => atomic.delete(key));
    await atomic.commit();
  }

  async function load(chat: string): Promise<JournalEntry | undefined> {
    const head = (await ns.kv.get<JournalHead>(headKey(chat))).value;
    if (!head || head.v !== 1) return undefined;
    const entries = await Array.fromAsync(ns.list<StepRecord>(["step", chat, head.id]));
    const steps = entries.map((e) => e.value);
    if (steps.length !== head.steps || steps.length === 0) {
      await drop({ chat, id: head.id, steps });
      return undefined;
    }
    return { head, steps };
  }

  async function heads(): Promise<{ chat: string; head: JournalHead }[]> {
    const entries = await Array.fromAsync(ns.list<JournalHead>(["active"]));
    return entries.map((e) => ({ chat: String(e.key[e.key.length - 1]), head: e.value }));
  }

  return { record, drop, load, heads };
}
