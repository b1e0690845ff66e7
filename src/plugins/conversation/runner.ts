/**
 * One running conversation: the builder runs detached from the event that entered it and
 * suspends at each wait; the next matching event of the chat resumes it, and that event's
 * handler finishes when the builder suspends again (or ends), so its errors fail that event.
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

/** What a running conversation needs from the plugin. */
export interface RunnerHost {
  readonly api: Api;
  readonly defaultTimeoutMs: number;
  readonly matcher: (query: FilterQuery | readonly FilterQuery[]) => (event: BotEvent) => boolean;
  /** The builder ended because of `end` and nobody caught it. */
  readonly ended: (runner: Runner, end: ConversationEnd) => Promise<void>;
  /** The builder threw while no event was waiting for it. */
  readonly failed: (runner: Runner, error: unknown) => void;
  /** The runner is done (remove it from the chat). */
  readonly done: (runner: Runner) => void;
}

/** A running conversation. */
export class Runner {
  readonly name: string;
  readonly chat: string;
  readonly #host: RunnerHost;
  readonly #aborter = new AbortController();
  #waiter: Waiter | undefined;
  #step: Deferred = deferred();
  #finished = false;

  constructor(name: string, chat: string, host: RunnerHost) {
    this.name = name;
    this.chat = chat;
    this.#host = host;
  }

  /** Whether it has ended. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Starts `builder` with the entering `ctx`; resolves when it first suspends or ends. */
  start(builder: ConversationBuilder<Context>, ctx: Context): Promise<void> {
    const conversation = this.#handle();
    const step = this.#step;
    step.awaited = true;
    (async () => await builder(conversation, ctx))().then(
      () => this.#finish(),
      (error) => this.#fail(error),
    );
    return step.promise;
  }

  /**
   * Offers `ctx` to the waiting builder: `"resumed"` (and resolves once the builder suspends
   * or ends), `"otherwise"` (handled by the wait's `otherwise`), or `"pass"`.
   */
  async offer(ctx: Context): Promise<"resumed" | "otherwise" | "pass"> {
    const waiter = this.#waiter;
    if (!waiter || this.#finished) return "pass";
    if (!waiter.matches(ctx.event)) {
      if (!waiter.otherwise) return "pass";
      await waiter.otherwise(ctx);
      return "otherwise";
    }
    const step = this.#resume();
    waiter.resolve(ctx);
    await step.promise;
    return "resumed";
  }

  /** Ends the pending wait with `reason`; resolves when the builder has reacted. */
  async end(reason: ConversationEnd): Promise<void> {
    if (this.#finished) return;
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

  #suspend(waiter: Waiter): void {
    this.#waiter = waiter;
    this.#step.resolve();
  }

  #finish(): void {
    this.#close();
    this.#step.resolve();
  }

  #fail(error: unknown): void {
    this.#close();
    const step = this.#step;
    if (error instanceof ConversationError) {
      void this.#host.ended(this, error.reason).catch(() => {}).then(() => step.resolve());
      return;
    }
    if (step.awaited) step.reject(error);
    else this.#host.failed(this, error);
  }

  #close(): void {
    if (this.#waiter) clearTimeout(this.#waiter.timer);
    this.#waiter = undefined;
    this.#finished = true;
    if (!this.#aborter.signal.aborted) this.#aborter.abort();
    this.#host.done(this);
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
      return new Promise<Context>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (this.#waiter?.timer !== timer) return;
          this.#resume().awaited = false;
          this.#aborter.abort(new ConversationError("timeout", this.name));
          reject(new ConversationError("timeout", this.name));
        }, timeoutMs);
        this.#suspend({ matches, otherwise: options.otherwise, resolve, reject, timer });
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
    };
  }
}
