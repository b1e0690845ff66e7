/**
 * One running conversation: the builder runs detached from the event that entered it and
 * suspends at each wait; the next matching event of the chat resumes it, and that event's
 * handler finishes when the builder suspends again (or ends), so its errors fail that event.
 *
 * Each step (the event that entered or resumed it, plus the results of the outgoing calls the
 * builder made until it suspended) is kept in {@link Runner.steps} for the journal; a runner
 * made with a {@link RunnerRestore} first replays recorded steps: its waits resolve from the
 * recorded events and its calls return recorded results, until it reaches the pending wait.
 *
 * @module
 */
import type {
  Api,
  BotEvent,
  Context,
  Filter,
  FilterQuery,
  SendInput,
  SendResult,
} from "../../bot/mod.ts";
import { type ConversationEnd, ConversationError } from "./errors.ts";
import { captureEffects, type TxEffect } from "./effects.ts";
import { type CallLog, type CallRecord, runInside } from "./recorder.ts";

/** Options of a wait. */
export interface WaitOptions<C extends Context = Context> {
  /** Give up after this long, ms (default: the plugin's `timeoutMs`). */
  readonly timeoutMs?: number;
  /**
   * Handles events of this chat that do not match while waiting (e.g. reply "please send
   * text"); without it they go on to the rest of the bot.
   */
  readonly otherwise?: (ctx: C) => unknown;
}

/**
 * What a conversation builder gets: waits that resolve with the context of the next matching
 * event in this chat.
 */
export interface Conversation<C extends Context = Context> {
  /** The conversation's name. */
  readonly name: string;
  /** The chat it runs in. */
  readonly chat: string;
  /** Aborted when the conversation ends (cancel, timeout, replace, bot stop). */
  readonly signal: AbortSignal;
  /**
   * Waits for the next message in this chat.
   *
   * @example
   * ```ts
   * import { defineConversation } from "./mod.ts";
   *
   * defineConversation(async (conversation, ctx) => {
   *   await ctx.reply("Send me anything");
   *   const next = await conversation.wait();
   *   await next.reply(`got a message with ${next.message.attachments.length} file(s)`);
   * });
   * ```
   */
  wait(options?: WaitOptions<C>): Promise<Filter<C, "message">>;
  /**
   * Waits for the next event in this chat matching a filter query.
   *
   * @example
   * ```ts
   * import { defineConversation } from "./mod.ts";
   *
   * defineConversation(async (conversation, ctx) => {
   *   await ctx.reply("Send a photo");
   *   const photo = await conversation.waitFor("message:attachments", {
   *     otherwise: (c) => c.reply("A photo, please (or /cancel)"),
   *   });
   *   await photo.reply("Thanks!");
   * });
   * ```
   */
  waitFor<Q extends FilterQuery>(
    query: Q | readonly Q[],
    options?: WaitOptions<C>,
  ): Promise<Filter<C, Q>>;
  /**
   * Sends `question` to the chat and waits for a text answer.
   *
   * @example
   * ```ts
   * import { defineConversation } from "./mod.ts";
   *
   * defineConversation(async (conversation) => {
   *   const answer = await conversation.ask("What is your name?");
   *   await answer.reply(`Nice to meet you, ${answer.text}`);
   * });
   * ```
   */
  ask(question: string | SendInput, options?: WaitOptions<C>): Promise<Filter<C, "message:text">>;
  /**
   * Sends text (or `{ body, attachments, … }`) to the chat.
   *
   * @example
   * ```ts
   * import { defineConversation } from "./mod.ts";
   *
   * defineConversation(async (conversation) => {
   *   await conversation.reply("Hello from a conversation");
   * });
   * ```
   */
  reply(input: string | SendInput): Promise<SendResult>;
  /**
   * The current time, ms since the epoch, recorded: a conversation replayed after a restart
   * gets the same value again (use it instead of `Date.now()` in builders).
   *
   * @example
   * ```ts
   * import { defineConversation } from "./mod.ts";
   *
   * defineConversation(async (conversation) => {
   *   const started = conversation.now();
   *   await conversation.ask("Ready?");
   *   await conversation.reply(`That took ${conversation.now() - started} ms`);
   * });
   * ```
   */
  now(): number;
  /**
   * A random number in [0, 1), recorded like {@link Conversation.now} (use it instead of
   * `Math.random()` in builders).
   *
   * @example
   * ```ts
   * import { defineConversation } from "./mod.ts";
   *
   * defineConversation(async (conversation) => {
   *   const secret = 1 + Math.floor(conversation.random() * 10);
   *   const guess = await conversation.ask("Guess my number (1–10)");
   *   await guess.reply(Number(guess.text) === secret ? "Right!" : `No, ${secret}`);
   * });
   * ```
   */
  random(): number;
  /**
   * Runs `fn` (a lookup, an HTTP call…) once and records its structured-cloneable result: a
   * conversation replayed after a restart gets the recorded result without running it again.
   *
   * @example
   * ```ts
   * import { defineConversation } from "./mod.ts";
   *
   * defineConversation(async (conversation) => {
   *   const price = await conversation.external(() => 42);
   *   await conversation.reply(`It costs ${price}`);
   * });
   * ```
   */
  external<T>(fn: () => T | Promise<T>): Promise<T>;
}

/** A conversation's body: `(conversation, ctx) => …`, `ctx` being the entering event's. */
export type ConversationBuilder<C extends Context = Context> = (
  conversation: Conversation<C>,
  ctx: C,
) => unknown;

interface Waiter {
  readonly matches: (event: BotEvent) => boolean;
  readonly otherwise?: (ctx: Context) => unknown;
  readonly resolve: (ctx: Context) => void;
  readonly reject: (error: ConversationError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  awaited: boolean;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const d: Deferred = { promise, resolve, reject, awaited: false };
  promise.catch(() => {}); // a step nobody awaits (after a timeout) must not be unhandled
  return d;
}

/** An event as stored in the journal: the bot event without its `tx`. */
export type StoredEvent = Omit<BotEvent, "tx">;

/** One step of a conversation: the event that drove it and the calls the builder made. */
export interface StepRecord {
  /** The event that entered (first step) or resumed the conversation. */
  readonly event: StoredEvent;
  /** Results of the builder's outgoing calls during the step, in order. */
  readonly calls: readonly CallRecord[];
}

/** How a runner ended, and the event that ended it (when one did). */
export interface RunnerOutcome {
  /** Finished normally, failed with an error, or ended by a wait ending. */
  readonly how: "finished" | "failed" | ConversationEnd;
  /** The event whose handling ended it (its `tx` carries the journal's removal). */
  readonly event?: BotEvent;
}

/** A conversation brought back from the journal. */
export interface RunnerRestore {
  /** The conversation's journal ID. */
  readonly id: string;
  /** The recorded steps (the first one entered it). */
  readonly steps: readonly StepRecord[];
  /** Contexts the recorded waits resolve with, in order (steps 2…n). */
  readonly waits: readonly Context[];
  /** When the pending wait times out, ms since the epoch. */
  readonly deadline: number;
  /** Until when the journal's step entries live, ms since the epoch. */
  readonly stepsUntil: number;
}

/** What a running conversation needs from the plugin. */
export interface RunnerHost {
  readonly api: Api;
  readonly defaultTimeoutMs: number;
  readonly matcher: (query: FilterQuery | readonly FilterQuery[]) => (event: BotEvent) => boolean;
  /** The builder ended because of `end` and nobody caught it. */
  readonly ended: (runner: Runner, end: ConversationEnd) => Promise<void>;
  /** The builder threw while no event was waiting for it. */
  readonly failed: (runner: Runner, error: unknown) => void;
  /** The runner is done (remove it from the chat, drop its journal unless stopping). */
  readonly done: (runner: Runner, outcome: RunnerOutcome) => void | Promise<void>;
  /** Whether steps are recorded and calls replayed (a KV store is there). */
  readonly durable: boolean;
  /** A step ended with the builder waiting (until `deadline`); `event` drove it. */
  readonly stepped: (runner: Runner, event: BotEvent, deadline: number) => void;
  /** `event` was handled before (a redelivery after a lost commit): re-record, do not resume. */
  readonly redelivered: (runner: Runner, event: BotEvent) => void;
}

/** The event without its `tx`, as a structured-cloneable copy (fails early if it is not). */
export function storedEvent(event: BotEvent): StoredEvent {
  const { tx: _tx, ...rest } = event;
  return structuredClone(rest) as StoredEvent;
}

/** A running conversation. */
export class Runner implements CallLog {
  readonly name: string;
  readonly chat: string;
  /** The journal ID (new per entry; kept by a restore). */
  readonly id: string;
  /** The steps so far, for the journal. */
  readonly steps: StepRecord[];
  /** Recorded call results still to return while replaying. */
  readonly replayCalls: CallRecord[];
  /** Results of calls made live in the current step. */
  readonly calls: CallRecord[] = [];
  /** When the pending wait times out, ms since the epoch. */
  deadline = 0;
  /** Until when the journal's step entries live, ms since the epoch. */
  stepsUntil = 0;
  /** The `tx` effects of each live step, by driving event ID (for redeliveries). */
  readonly effects = new Map<string, TxEffect[]>();
  #capturing = false;
  /** The ID of the event that entered it (not for a restored runner). */
  enteredWith: string | undefined;
  #endReason: ConversationEnd | undefined;
  readonly #host: RunnerHost;
  readonly #aborter = new AbortController();
  readonly #replayWaits: Context[];
  #restoreDeadline: number | undefined;
  #driver: BotEvent | undefined;
  #stopping = false;
  #waiter: Waiter | undefined;
  #step: Deferred = deferred();
  #finished = false;

  constructor(name: string, chat: string, host: RunnerHost, restore?: RunnerRestore) {
    this.name = name;
    this.chat = chat;
    this.#host = host;
    this.id = restore?.id ?? crypto.randomUUID();
    this.steps = [...(restore?.steps ?? [])];
    this.replayCalls = (restore?.steps ?? []).flatMap((s) => s.calls);
    this.#replayWaits = [...(restore?.waits ?? [])];
    this.#restoreDeadline = restore?.deadline;
    this.stepsUntil = restore?.stepsUntil ?? 0;
    this.enteredWith = restore?.steps[0]?.event.id;
  }

  /** Whether it has ended. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Whether its calls are recorded or replayed now. */
  get recording(): boolean {
    return this.#host.durable && !this.#finished && !this.#stopping;
  }

  /**
   * Starts `builder` with the entering `ctx`; resolves when it first suspends (live) or ends.
   * A restored runner replays its steps first (`ctx` being the recorded entering event's).
   */
  start(builder: ConversationBuilder<Context>, ctx: Context): Promise<void> {
    const conversation = this.#handle();
    const step = this.#step;
    step.awaited = true;
    if (this.#restoreDeadline === undefined) {
      this.enteredWith = ctx.event.id;
      this.#drive(ctx.event);
    }
    runInside(this, () =>
      (async () => await builder(conversation, ctx))().then(
        () => this.#finish(),
        (error) => this.#fail(error),
      ));
    return step.promise;
  }

  /** Whether `event` already drove one of this conversation's steps. */
  consumed(event: BotEvent): boolean {
    return this.steps.some((s) => s.event.id === event.id);
  }

  /**
   * Offers `ctx` to the waiting builder: `"resumed"` (and resolves once the builder suspends
   * or ends), `"otherwise"` (handled by the wait's `otherwise`), or `"pass"`.
   */
  async offer(ctx: Context): Promise<"resumed" | "otherwise" | "pass"> {
    const waiter = this.#waiter;
    if (!waiter || this.#finished) return "pass";
    // The entering event again goes to its handler: enter() sees it is the same one.
    if (ctx.event.id === this.enteredWith) return "pass";
    if (this.#host.durable && this.consumed(ctx.event)) {
      this.#host.redelivered(this, ctx.event);
      return "resumed";
    }
    if (!waiter.matches(ctx.event)) {
      if (!waiter.otherwise) return "pass";
      await waiter.otherwise(ctx);
      return "otherwise";
    }
    const step = this.#resume();
    this.#drive(ctx.event);
    waiter.resolve(ctx);
    await step.promise;
    return "resumed";
  }

  /**
   * Ends the pending wait with `reason` (`event`: the event whose handling ends it; its `tx`
   * drops the journal); resolves when the builder has reacted. `"stopped"` keeps the journal.
   */
  async end(reason: ConversationEnd, event?: BotEvent): Promise<void> {
    if (this.#finished) return;
    if (reason === "stopped") this.#stopping = true;
    this.#endReason ??= reason;
    this.#driver = event;
    const waiter = this.#waiter;
    this.#aborter.abort(new ConversationError(reason, this.name));
    if (!waiter) return;
    const step = this.#resume();
    waiter.reject(new ConversationError(reason, this.name));
    await step.promise.catch(() => {});
  }

  #resume(): Deferred {
    const waiter = this.#waiter!;
    clearTimeout(waiter.timer);
    this.#waiter = undefined;
    const step = this.#step = deferred();
    step.awaited = true;
    return step;
  }

  /** `event` drives the next step: keep its tx effects while the step runs. */
  #drive(event: BotEvent): void {
    this.#driver = event;
    if (!this.#host.durable) return;
    const sink: TxEffect[] = [];
    this.#capturing = true;
    if (captureEffects(event, sink, () => this.#capturing && this.#driver === event)) {
      this.effects.set(event.id, sink);
    }
  }

  #suspend(waiter: Waiter, deadline: number): void {
    this.#capturing = false;
    this.#waiter = waiter;
    this.deadline = deadline;
    this.replayCalls.length = 0; // live from here on
    const driver = this.#driver;
    this.#driver = undefined;
    if (driver && this.#host.durable) {
      this.steps.push({ event: storedEvent(driver), calls: this.calls.splice(0) });
      this.#host.stepped(this, driver, deadline);
    }
    this.#step.resolve();
  }

  #finish(): void {
    const step = this.#step;
    void this.#close("finished").then(() => step.resolve());
  }

  #fail(error: unknown): void {
    const step = this.#step;
    if (error instanceof ConversationError) {
      void this.#close(error.reason)
        .then(() => this.#host.ended(this, error.reason)).catch(() => {})
        .then(() => step.resolve());
      return;
    }
    void this.#close("failed").then(() => {
      if (step.awaited) step.reject(error);
      else this.#host.failed(this, error);
    });
  }

  async #close(how: RunnerOutcome["how"]): Promise<void> {
    this.#capturing = false;
    if (this.#waiter) clearTimeout(this.#waiter.timer);
    this.#waiter = undefined;
    this.#finished = true;
    if (!this.#aborter.signal.aborted) this.#aborter.abort();
    const event = this.#driver;
    this.#driver = undefined;
    try {
      // A builder that catches its end and returns still ended for that reason.
      const outcome = this.#stopping ? "stopped" : how === "failed" ? how : this.#endReason ?? how;
      await this.#host.done(this, { how: outcome, event });
    } catch {
      // the host logs its own failures; the builder's outcome stands
    }
  }

  /** A value the builder takes from outside: recorded live, the recorded one when replaying. */
  #recorded<T>(produce: () => T): T {
    if (!this.recording) return produce();
    const recorded = this.replayCalls.shift();
    if (recorded && "ok" in recorded) return recorded.ok as T;
    const value = produce();
    this.calls.push({ ok: value });
    return value;
  }

  #handle(): Conversation<Context> {
    const host = this.#host;
    const waitWith = (
      matches: (event: BotEvent) => boolean,
      options: WaitOptions<Context> = {},
    ): Promise<Context> => {
      if (this.#finished || this.#aborter.signal.aborted) {
        const reason = this.#aborter.signal.reason;
        return Promise.reject(
          reason instanceof ConversationError
            ? reason
            : new ConversationError("stopped", this.name),
        );
      }
      const replayed = this.#replayWaits.shift();
      if (replayed) {
        if (matches(replayed.event)) return Promise.resolve(replayed);
        return Promise.reject(
          new Error(
            `conversation '${this.name}' did not wait as recorded when replayed after a ` +
              "restart: builders must be deterministic (same waits and calls each run)",
          ),
        );
      }
      if (this.#waiter) {
        return Promise.reject(
          new Error(
            `conversation '${this.name}' is already waiting: await each wait before the next`,
          ),
        );
      }
      const timeoutMs = options.timeoutMs ?? host.defaultTimeoutMs;
      if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
        return Promise.reject(
          new RangeError(`timeoutMs must be a positive number of ms, got ${timeoutMs}`),
        );
      }
      // A restored wait keeps the deadline it had before the restart.
      const deadline = this.#restoreDeadline ?? Date.now() + timeoutMs;
      this.#restoreDeadline = undefined;
      return new Promise<Context>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (this.#waiter?.timer !== timer) return;
          this.#resume().awaited = false;
          this.#driver = undefined;
          this.#endReason ??= "timeout";
          this.#aborter.abort(new ConversationError("timeout", this.name));
          reject(new ConversationError("timeout", this.name));
        }, Math.max(0, deadline - Date.now()));
        this.#suspend({ matches, otherwise: options.otherwise, resolve, reject, timer }, deadline);
      });
    };
    return {
      name: this.name,
      chat: this.chat,
      signal: this.#aborter.signal,
      wait: (options) => waitWith(host.matcher("message"), options) as never,
      waitFor: (query, options) => waitWith(host.matcher(query), options) as never,
      ask: async (question, options) => {
        await host.api.send(this.chat, question);
        return await waitWith(host.matcher("message:text"), options) as never;
      },
      reply: (input) => host.api.send(this.chat, input),
      now: () => this.#recorded(() => Date.now()),
      random: () => this.#recorded(() => Math.random()),
      external: async <T>(fn: () => T | Promise<T>): Promise<T> => {
        if (!this.recording) return await fn();
        const recorded = this.replayCalls.shift();
        if (recorded && "ok" in recorded) return recorded.ok as T;
        const value = await fn();
        this.calls.push({ ok: structuredClone(value) });
        return value;
      },
    };
  }
}
