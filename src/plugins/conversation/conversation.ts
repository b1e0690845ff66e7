/**
 * `conversation()`: multi-step dialogues. A builder (`async (conversation, ctx) => …`) asks,
 * waits for answers with a timeout, and can be cancelled by the user (`/cancel`).
 *
 * @module
 */
import { z } from "zod";
import { ValidationError } from "../../core/errors.ts";
import {
  type Context,
  definePlugin,
  type FilterQuery,
  matchFilter,
  parseCommand,
  type Plugin,
} from "../../bot/mod.ts";
import { VERSION } from "../_version.ts";
import { type ConversationBuilder, Runner } from "./runner.ts";

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
  description: "Multi-step dialogues: ask, wait with a timeout, cancel",
  config: schema,
  install(api) {
    const { conversations, timeoutMs, cancelReply, timeoutReply } = api.config;
    const cancel = new Set(
      api.config.cancelCommands.map((c) => c.replace(/^\//, "").toLowerCase()),
    );
    const running = new Map<string, Runner>();
    const bot = api.bot;
    const host = {
      api: bot.api,
      defaultTimeoutMs: timeoutMs,
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
      done(runner: Runner) {
        if (running.get(runner.chat) === runner) running.delete(runner.chat);
      },
    };

    // Stopping the bot ends every wait (no reply) and clears its timer.
    api.signal.addEventListener("abort", () => {
      for (const runner of running.values()) void runner.end("stopped");
    }, { once: true });

    function control(ctx: Context): ConversationControl {
      return {
        async enter(name: string) {
          const builder = Object.hasOwn(conversations, name) ? conversations[name] : undefined;
          if (!builder) {
            const names = Object.keys(conversations);
            throw new ValidationError(
              `unknown conversation '${name}'; defined: ${names.join(", ") || "none"} ` +
                "(add it to conversation({ conversations: { … } }))",
              "unknown_conversation",
              "name",
            );
          }
          await running.get(ctx.chat)?.end("replaced");
          const runner = new Runner(name, ctx.chat, host);
          running.set(ctx.chat, runner);
          await runner.start(builder, ctx);
        },
        async exit() {
          await running.get(ctx.chat)?.end("replaced");
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
      const runner = running.get(ctx.chat);
      if (!runner) return await next();
      const command = ctx.event.type === "message" ? parseCommand(ctx.event.body) : undefined;
      if (command && cancel.has(command.name)) {
        ctx.command = command;
        await runner.end("cancelled");
        return;
      }
      if (await runner.offer(ctx) === "pass") await next();
    });
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
 * not match go on to the rest of the bot. Conversations live in memory: a restart ends them.
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
