/**
 * `conversation()`: multi-step dialogues. A builder (`async (conversation, ctx) => …`) asks,
 * waits for answers with a timeout, and can be cancelled by the user (`/cancel`).
 *
 * With a KV store, conversations are durable (replay, as in grammY's conversations): each
 * step (the event that entered or resumed it and the results of the builder's outgoing calls)
 * is journaled in the plugin's namespace on that event's `tx`, so the event's removal from
 * the inbox and the conversation's advance are one commit. After a restart the first event of
 * the chat (or, at start, the pending wait's deadline) re-runs the builder from the start:
 * waits resolve from the journal and calls return their recorded results without sending,
 * until the pending wait; then it goes on live. Builders must therefore be deterministic:
 * the same waits and calls each run; take time, randomness and outside data through
 * `conversation.now()`, `random()` and `external()`.
 *
 * Exactly once: advancing the conversation, the journal and the builder's own `tx` effects
 * (committed with the driving event; a redelivery to the same process re-records them without
 * running the step or sending again). At least once: the outgoing calls of a step whose commit
 * was lost because the process died (the next process replays up to the last commit and runs
 * that step again with the redelivered event), and end notes (cancel, timeout).
 *
 * @module
 */
import { z } from "zod";
import { ValidationError } from "../../core/errors.ts";
import {
  type BotEvent,
  Context,
  definePlugin,
  type FilterQuery,
  matchFilter,
  parseCommand,
  type Plugin,
} from "../../bot/mod.ts";
import { VERSION } from "../_version.ts";
import { createJournal, inertTx, type Journal } from "./journal.ts";
import { callRecorder } from "./recorder.ts";
import { type ConversationBuilder, Runner, type RunnerOutcome } from "./runner.ts";

type ContextMaker = (event: BotEvent) => Context;
type ContextClass = new (event: BotEvent, api: Context["api"], me: string) => Context;

// What each installed plugin does when the bot starts (install and start share `api`).
const starters = new WeakMap<object, () => Promise<void>>();

/** Controls conversations from a handler: `ctx.conversation.enter("order")`. */
export interface ConversationControl {
  /**
   * Starts the conversation `name` in this chat (ending one already running); resolves when
   * it first waits or ends.
   */
  enter(name: string): Promise<void>;
  /** Ends this chat's conversation, if any, without a reply. */
  exit(): Promise<void>;
  /** The name of this chat's running conversation. */
  readonly active: string | undefined;
}

/** Adds `ctx.conversation`: `type MyContext = Context & ConversationFlavor`. */
export interface ConversationFlavor {
  /** Enter, exit and inspect conversations. */
  readonly conversation: ConversationControl;
}

/** Options of {@link conversation}. */
export interface ConversationOptions {
  /** The conversations, by name. */
  readonly conversations: Readonly<Record<string, ConversationBuilder<never>>>;
  /** How long a wait lasts unless it says otherwise, ms (default 5 minutes). */
  readonly timeoutMs?: number;
  /** Commands that cancel the running conversation (default `["cancel"]`; `[]`: none). */
  readonly cancelCommands?: readonly string[];
  /** Sent when the user cancels (default "Cancelled."; `false`: nothing). */
  readonly cancelReply?: string | false;
  /** Sent when a wait times out (default: a short note; `false`: nothing). */
  readonly timeoutReply?: string | false;
}

const schema = z.strictObject({
  conversations: z.record(
    z.string().regex(/^[\w-]{1,64}$/, "names are 1–64 letters, digits, '_' or '-'"),
    z.custom<ConversationBuilder<Context>>((v) => typeof v === "function", {
      message: "must be a function",
    }),
  ),
  timeoutMs: z.number().int().min(1).default(5 * 60_000),
  cancelCommands: z.array(z.string().regex(/^\/?\w{1,32}$/, "must be a command name")).default([
    "cancel",
  ]),
  cancelReply: z.union([z.string().min(1), z.literal(false)]).default("Cancelled."),
  timeoutReply: z.union([z.string().min(1), z.literal(false)]).default(
    "I stopped waiting for an answer. Start again whenever you like.",
  ),
});

const definition = definePlugin({
  name: "conversation",
  version: VERSION,
  description: "Multi-step dialogues: ask, wait with a timeout, cancel; they survive restarts",
  config: schema,
  install(api) {
    const { conversations, timeoutMs, cancelReply, timeoutReply } = api.config;
    const cancel = new Set(
      api.config.cancelCommands.map((c) => c.replace(/^\//, "").toLowerCase()),
    );
    const running = new Map<string, Runner>();
    const restoring = new Map<string, Promise<Runner | undefined>>();
    // Events that ended a conversation, so that a redelivery (lost commit) only re-records it.
    const endedBy = new Map<string, { runner: Runner; consumed: boolean }>();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const bot = api.bot;
    // Without a KV store conversations live in memory only, as before.
    const journal: Journal | undefined = bot.kv ? createJournal(api.kv) : undefined;
    if (journal) bot.api.use(callRecorder());

    function remember(runner: Runner, event: BotEvent, consumed: boolean): void {
      endedBy.set(event.id, { runner, consumed });
      if (endedBy.size > 1000) endedBy.delete(endedBy.keys().next().value!);
    }

    const host = {
      api: bot.api,
      defaultTimeoutMs: timeoutMs,
      durable: journal !== undefined,
      matcher: (query: FilterQuery | readonly FilterQuery[]) => matchFilter(query),
      async ended(runner: Runner, end: string) {
        const text = end === "timeout" ? timeoutReply : end === "cancelled" ? cancelReply : false;
        api.log.debug("conversation ended", { name: runner.name, chat: runner.chat, end });
        if (text) {
          await bot.api.send(runner.chat, text).catch((error) =>
            api.log.warn("could not send the conversation's end note", { chat: runner.chat, error })
          );
        }
      },
      failed(runner: Runner, error: unknown) {
        api.log.error("a conversation failed after its wait timed out", {
          name: runner.name,
          chat: runner.chat,
          error,
        });
      },
      async done(runner: Runner, outcome: RunnerOutcome) {
        if (running.get(runner.chat) === runner) running.delete(runner.chat);
        // A stopping bot keeps the journal: the next process resumes the conversation.
        if (!journal || outcome.how === "stopped") return;
        // A failed step's event is retried without its tx: drop the journal directly.
        const event = outcome.how === "failed" ? undefined : outcome.event;
        // Events the conversation consumed (a wait's answer, a cancel) are skipped when
        // redelivered; the one whose handler entered it runs its handler again, and enter()
        // then only re-records the builder's effects.
        if (event && (outcome.how === "finished" || outcome.how === "cancelled")) {
          remember(runner, event, event.id !== runner.enteredWith);
        }
        await journal.drop(runner, event).catch((error) =>
          api.log.warn("could not drop a conversation's journal", { chat: runner.chat, error })
        );
      },
      stepped(runner: Runner, event: BotEvent) {
        journal?.record(runner, event.tx);
      },
      redelivered(runner: Runner, event: BotEvent) {
        api.log.debug("conversation event redelivered", { name: runner.name, chat: runner.chat });
        // The step is not run again: its own tx effects go on the new tx, then the journal.
        runner.effects.get(event.id)?.forEach((effect) => effect(event.tx));
        journal?.record(runner, event.tx, true);
      },
    };

    // Stopping the bot ends every wait (no reply) and clears its timer; the journal stays.
    api.signal.addEventListener("abort", () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const runner of running.values()) void runner.end("stopped");
    }, { once: true });

    // Conversations journaled by an earlier process time out even if nobody writes again.
    starters.set(api, async () => {
      if (!journal) return;
      for (const { chat, head } of await journal.heads()) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (running.has(chat)) return;
          void restore(chat, contextMaker(Context as unknown as ContextClass)).catch((error) =>
            api.log.error("could not restore a conversation", { chat, error })
          );
        }, Math.max(0, head.deadline - Date.now()));
        timers.add(timer);
      }
    });

    function builderOf(name: string): ConversationBuilder<Context> | undefined {
      return Object.hasOwn(conversations, name)
        ? conversations[name] as ConversationBuilder<Context>
        : undefined;
    }

    /**
     * Brings `chat`'s journaled conversation back: replays its steps (no call is made again)
     * up to the pending wait. `event` is the live event that asked (its tx drops a
     * conversation that timed out meanwhile).
     */
    function restore(
      chat: string,
      make: ContextMaker,
      event?: BotEvent,
    ): Promise<Runner | undefined> {
      const pending = restoring.get(chat);
      if (pending) return pending;
      const work = (async () => {
        const entry = await journal!.load(chat);
        if (!entry || running.has(chat)) return running.get(chat);
        const { head, steps } = entry;
        const builder = builderOf(head.name);
        if (!builder) {
          api.log.warn("dropping a journaled conversation that is no longer defined", {
            name: head.name,
            chat,
          });
          await journal!.drop({ chat, id: head.id, steps }, event);
          return undefined;
        }
        const [first, ...rest] = steps.map((s) => make({ ...s.event, tx: inertTx } as BotEvent));
        const runner = new Runner(head.name, chat, host, {
          id: head.id,
          steps,
          waits: rest,
          deadline: head.deadline,
          stepsUntil: head.stepsUntil,
        });
        running.set(chat, runner);
        api.log.debug("conversation restored", { name: head.name, chat, steps: steps.length });
        await runner.start(builder, first).catch((error) => {
          api.log.error("a restored conversation failed while replaying", { chat, error });
        });
        // Timed out while no process ran it: end it now (the journal goes directly, and
        // `event` goes on to the rest of the bot).
        if (!runner.finished && runner.deadline <= Date.now()) await runner.end("timeout");
        return runner.finished ? undefined : runner;
      })().finally(() => restoring.delete(chat));
      restoring.set(chat, work);
      return work;
    }

    function contextMaker(Ctor: ContextClass): ContextMaker {
      return (event) => {
        const ctx = new Ctor(event, bot.api, bot.me);
        Object.defineProperty(ctx, "conversation", {
          configurable: true,
          enumerable: true,
          value: control(ctx),
        });
        return ctx;
      };
    }

    function control(ctx: Context): ConversationControl {
      return {
        async enter(name: string) {
          const builder = builderOf(name);
          if (!builder) {
            const names = Object.keys(conversations);
            throw new ValidationError(
              `unknown conversation '${name}'; defined: ${names.join(", ") || "none"} ` +
                "(add it to conversation({ conversations: { … } }))",
              "unknown_conversation",
              "name",
            );
          }
          const current = running.get(ctx.chat);
          if (current?.name === name && current.enteredWith === ctx.event.id) {
            host.redelivered(current, ctx.event); // the entering event, delivered again
            return;
          }
          const ended = endedBy.get(ctx.event.id)?.runner;
          if (ended?.name === name && ended.enteredWith === ctx.event.id) {
            // It entered and ended while handling this very event, delivered again.
            ended.effects.get(ctx.event.id)?.forEach((effect) => effect(ctx.event.tx));
            return;
          }
          await current?.end("replaced", ctx.event);
          const runner = new Runner(name, ctx.chat, host);
          running.set(ctx.chat, runner);
          await runner.start(builder, ctx);
        },
        async exit() {
          await running.get(ctx.chat)?.end("replaced", ctx.event);
        },
        get active() {
          return running.get(ctx.chat)?.name;
        },
      };
    }

    api.use(async function conversation(ctx, next) {
      Object.defineProperty(ctx, "conversation", {
        configurable: true,
        enumerable: true,
        value: control(ctx),
      });
      let runner = running.get(ctx.chat);
      if (!runner && journal) {
        const ended = endedBy.get(ctx.event.id);
        if (ended?.consumed && ended.runner.chat === ctx.chat) {
          // A redelivery of the event that ended it: the same effects, nothing sent again.
          ended.runner.effects.get(ctx.event.id)?.forEach((effect) => effect(ctx.event.tx));
          await journal.drop(ended.runner, ctx.event);
          return;
        }
        runner = await restore(ctx.chat, contextMaker(ctx.constructor as ContextClass), ctx.event);
      }
      if (!runner) return await next();
      const command = ctx.event.type === "message" ? parseCommand(ctx.event.body) : undefined;
      if (command && cancel.has(command.name)) {
        ctx.command = command;
        await runner.end("cancelled", ctx.event);
        return;
      }
      if (await runner.offer(ctx) === "pass") await next();
    });
  },
  async start(api) {
    await starters.get(api)?.();
  },
});

/**
 * Types a conversation builder for your context type; returns it unchanged.
 *
 * @example
 * ```ts
 * import { defineConversation } from "./mod.ts";
 *
 * const order = defineConversation(async (conversation, ctx) => {
 *   const size = await conversation.ask("Which size? small, medium or large");
 *   const address = await conversation.ask("Where should it go?", { timeoutMs: 120_000 });
 *   await address.reply(`A ${size.text} pizza to ${address.text}: on its way!`);
 * });
 * // bot.use(conversation({ conversations: { order } }));
 * ```
 */
export function defineConversation<C extends Context = Context>(
  builder: ConversationBuilder<C>,
): ConversationBuilder<C> {
  if (typeof builder !== "function") {
    throw new TypeError("defineConversation() takes an async function (conversation, ctx) => …");
  }
  return builder;
}

/**
 * The conversation plugin: `ctx.conversation.enter(name)` starts a builder that asks and waits
 * for answers in the chat. A wait times out (`timeoutMs`), the user can `/cancel`, and
 * entering another conversation replaces the running one. Events of the chat that a wait does
 * not match go on to the rest of the bot. With a KV store (`new Bot(client, { kv })`, always
 * with `Bot.create`) conversations survive restarts by replaying their journal: keep builders
 * deterministic (use `conversation.now()`, `random()`, `external()`); contexts replayed after
 * a restart carry the event and `ctx.conversation` but not what other middleware added.
 * Without a store they live in memory and a restart ends them.
 *
 * @example
 * ```ts
 * import { Bot, type BotClient, type Context } from "../../bot/mod.ts";
 * import { conversation, type ConversationFlavor, defineConversation } from "./mod.ts";
 *
 * type MyContext = Context & ConversationFlavor;
 * const greet = defineConversation<MyContext>(async (conversation) => {
 *   const answer = await conversation.ask("What's your name?");
 *   await answer.reply(`Hi ${answer.text}!`);
 * });
 * declare const client: BotClient;
 * const bot = new Bot<MyContext>(client);
 * bot.use(conversation({ conversations: { greet }, timeoutMs: 60_000 }));
 * bot.command("hello", (ctx) => ctx.conversation.enter("greet"));
 * ```
 */
export function conversation(options: ConversationOptions): Plugin {
  return definition(options as never);
}
