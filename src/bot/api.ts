/**
 * `Api`: the bot's way out. Every send (replies, reactions, receipts, typing, request answers)
 * goes through it to the client's outbox, past transformers that plugins add (pacing, logging).
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type { BotClient, SendInput, SendResult } from "./client.ts";
import {
  type CommunityApiCall,
  dmConversation,
  invokeCommunity,
  type ModerationAction,
  roomConversation,
} from "./community_api.ts";
import type { Community, CommunityPostInput, PostResult } from "./community_handle.ts";
import type { MessageRef } from "./events.ts";

/** One outgoing call, as transformers see it (community calls carry the room's handle). */
export type ApiCall =
  | CommunityApiCall
  | { readonly method: "send"; readonly to: string; readonly input: string | SendInput }
  | {
    readonly method: "react";
    readonly to: string;
    readonly target: MessageRef;
    readonly emoji: string;
    readonly remove: boolean;
  }
  | { readonly method: "markRead"; readonly to: string; readonly timestamps: readonly number[] }
  | { readonly method: "typing"; readonly to: string; readonly on: boolean }
  | { readonly method: "acceptRequest"; readonly to: string }
  | { readonly method: "declineRequest"; readonly to: string }
  | { readonly method: "block"; readonly to: string };

/** An outgoing call's method name. */
export type ApiMethod = ApiCall["method"];

/**
 * The 1:1 calls the bot makes on its client, by name: a `BotClient` implements each, and
 * plugins that pace or wrap client calls (e.g. `throttle()`) choose among them.
 *
 * @example
 * ```ts
 * CLIENT_METHODS.includes("send"); // true
 * ```
 */
export const CLIENT_METHODS = [
  "send",
  "react",
  "markRead",
  "typing",
  "acceptRequest",
  "declineRequest",
  "block",
] as const satisfies readonly ApiMethod[];

/**
 * Wraps outgoing calls: do something before and/or after `next(call)`, change the call, or
 * refuse it by throwing. Transformers run in the order they were added.
 */
export type ApiTransformer = (
  call: ApiCall,
  next: (call: ApiCall) => Promise<unknown>,
) => Promise<unknown>;

/**
 * The bot's outgoing calls, each routed through the transformers to the client.
 *
 * @example
 * ```ts
 * import { Bot } from "./mod.ts";
 *
 * declare const bot: Bot;
 * // Log every outgoing call and how long it took.
 * bot.api.use(async (call, next) => {
 *   const started = performance.now();
 *   try {
 *     return await next(call);
 *   } finally {
 *     console.log(call.method, call.to, `${(performance.now() - started).toFixed(1)} ms`);
 *   }
 * });
 * await bot.api.send("05" + "ab".repeat(32), "hello");
 * ```
 */
export class Api {
  readonly #client: BotClient;
  readonly #transformers: ApiTransformer[] = [];

  /**
   * Creates the API over `client`.
   *
   * @param client Where calls end up.
   */
  constructor(client: BotClient) {
    this.#client = client;
  }

  /** The client calls end up at (for what the API does not wrap, e.g. `download`). */
  get client(): BotClient {
    return this.#client;
  }

  /**
   * Adds a transformer around every later call.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.api.use((call, next) => call.method === "typing" ? Promise.resolve() : next(call));
   * ```
   */
  use(transformer: ApiTransformer): this {
    if (typeof transformer !== "function") {
      throw new TypeError("api.use() expects a function (call, next) => next(call)");
    }
    this.#transformers.push(transformer);
    return this;
  }

  /**
   * Sends text or `{ body, attachments, quote, … }` to `to`; resolves with the stored
   * message's hash and sent timestamp.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * const { timestamp } = await bot.api.send("05" + "ab".repeat(32), "hello");
   * ```
   */
  send(to: string, input: string | SendInput): Promise<SendResult> {
    return this.call({ method: "send", to, input }) as Promise<SendResult>;
  }

  /**
   * Reacts to `target` (a message's sent timestamp and author) with `emoji`.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * const peer = "05" + "ab".repeat(32);
   * await bot.api.react(peer, { timestamp: 1_700_000_000_000, author: peer }, "👍");
   * ```
   */
  react(
    to: string,
    target: MessageRef,
    emoji: string,
    options: { readonly remove?: boolean } = {},
  ): Promise<SendResult> {
    return this.call({
      method: "react",
      to,
      target,
      emoji,
      remove: options.remove ?? false,
    }) as Promise<SendResult>;
  }

  /**
   * Sends read receipts for `to`'s messages sent at `timestamps`.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * await bot.api.markRead("05" + "ab".repeat(32), [1_700_000_000_000]);
   * ```
   */
  async markRead(to: string, timestamps: readonly number[]): Promise<void> {
    await this.call({ method: "markRead", to, timestamps });
  }

  /**
   * Shows (default) or hides the typing indicator in the chat with `to`.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * await bot.api.typing("05" + "ab".repeat(32));
   * ```
   */
  async typing(to: string, on = true): Promise<void> {
    await this.call({ method: "typing", to, on });
  }

  /**
   * Accepts `peer`'s message request.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * await bot.api.acceptRequest("05" + "ab".repeat(32));
   * ```
   */
  async acceptRequest(peer: string): Promise<void> {
    await this.call({ method: "acceptRequest", to: peer });
  }

  /**
   * Forgets `peer`'s pending message request (nothing is sent).
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * await bot.api.declineRequest("05" + "ab".repeat(32));
   * ```
   */
  async declineRequest(peer: string): Promise<void> {
    await this.call({ method: "declineRequest", to: peer });
  }

  /**
   * Blocks `peer`: everything they send is dropped from now on.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * await bot.api.block("05" + "ab".repeat(32));
   * ```
   */
  async block(peer: string): Promise<void> {
    await this.call({ method: "block", to: peer });
  }

  /**
   * Posts text (or `{ body, quote, attachments, whisperTo }`) to a community room.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("community:message:text", async (ctx) => {
   *   await ctx.api.post(ctx.community, "seen it");
   * });
   * ```
   */
  post(community: Community, input: CommunityPostInput): Promise<PostResult> {
    checkCommunity(community, "post");
    return this.call({
      method: "post",
      to: roomConversation(community),
      community,
      input,
    }) as Promise<
      PostResult
    >;
  }

  /**
   * Sends a blinded DM to `recipient` (a `15…` ID) through the community's server.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("community:message", (ctx) => ctx.api.sendDm(ctx.community, ctx.from, "welcome!"));
   * ```
   */
  sendDm(
    community: Community,
    recipient: string,
    input: string | { readonly body?: string },
  ): Promise<{ id: number }> {
    checkCommunity(community, "sendDm");
    const to = dmConversation(community.server, recipient);
    return this.call({ method: "sendDm", to, community, recipient, input }) as Promise<
      { id: number }
    >;
  }

  /**
   * Adds (or with `{ remove: true }` takes back) a reaction to the room post `messageId`.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("community:message", (ctx) => ctx.api.roomReact(ctx.community, ctx.event.messageId, "👀"));
   * ```
   */
  async roomReact(
    community: Community,
    messageId: number,
    emoji: string,
    options: { readonly remove?: boolean } = {},
  ): Promise<void> {
    checkCommunity(community, "roomReact");
    await this.call({
      method: "roomReact",
      to: roomConversation(community),
      community,
      messageId,
      emoji,
      remove: options.remove ?? false,
    });
  }

  /**
   * Deletes the room post `messageId` (the bot's own, or anyone's when it is a moderator).
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.hears(/spam/i, async (ctx) => {
   *   if (ctx.event.type === "community:message") {
   *     await ctx.api.deletePost(ctx.community!, ctx.event.messageId);
   *   }
   * });
   * ```
   */
  async deletePost(community: Community, messageId: number): Promise<void> {
    checkCommunity(community, "deletePost");
    await this.call({
      method: "deletePost",
      to: roomConversation(community),
      community,
      messageId,
    });
  }

  /**
   * A moderator action on `user` in the room: `mute` (for `seconds`, a timed write override),
   * `unmute`, `ban` (for `seconds`, or for good), `unban`, `deleteAllFrom`. The bot must be a
   * moderator of the room.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.command("hush", (ctx) => ctx.api.moderate(ctx.community!, "mute", ctx.from, { seconds: 60 }));
   * ```
   */
  async moderate(
    community: Community,
    action: ModerationAction,
    user: string,
    options: { readonly seconds?: number } = {},
  ): Promise<void> {
    checkCommunity(community, "moderate");
    const seconds = options.seconds;
    if (action === "mute" && !(typeof seconds === "number" && seconds > 0)) {
      throw new ValidationError(
        "api.moderate(community, 'mute', user, { seconds }) needs how long the mute lasts, in seconds (> 0)",
        "invalid_mute",
        "seconds",
      );
    }
    await this.call({
      method: "moderate",
      to: roomConversation(community),
      community,
      action,
      user,
      ...(seconds !== undefined ? { seconds } : {}),
    });
  }

  /**
   * Runs `call` through the transformers, then the client.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * await bot.api.call({ method: "typing", to: "05" + "ab".repeat(32), on: false });
   * ```
   */
  call(call: ApiCall): Promise<unknown> {
    const transformers = this.#transformers;
    // async: a transformer or client that throws synchronously still yields a rejection.
    const run = async (index: number, current: ApiCall): Promise<unknown> => {
      if (index === transformers.length) return await this.#invoke(current);
      let called = false;
      return await transformers[index](current, (next) => {
        if (called) throw new Error("an api transformer called next() twice");
        called = true;
        return run(index + 1, next);
      });
    };
    return run(0, call);
  }

  #invoke(call: ApiCall): Promise<unknown> {
    const client = this.#client;
    switch (call.method) {
      case "post":
      case "sendDm":
      case "roomReact":
      case "deletePost":
      case "moderate":
        return invokeCommunity(call);
      case "send":
        return client.send(call.to, call.input);
      case "react":
        return client.react(call.to, call.target, call.emoji, call.remove);
      case "markRead":
        return client.markRead(call.to, call.timestamps);
      case "typing":
        return client.typing(call.to, call.on);
      case "acceptRequest":
        return client.acceptRequest(call.to);
      case "declineRequest":
        return client.declineRequest(call.to);
      case "block":
        return client.block(call.to);
      default:
        return Promise.reject(
          new TypeError(`unknown api method ${JSON.stringify((call as ApiCall).method)}`),
        );
    }
  }
}

function checkCommunity(community: unknown, method: string): asserts community is Community {
  if (
    typeof community !== "object" || community === null ||
    typeof (community as Community).post !== "function"
  ) {
    throw new ValidationError(
      `api.${method}() needs the room's handle first: pass ctx.community ` +
        `(or client.communities.get(link))`,
      "invalid_community",
      "community",
    );
  }
}
