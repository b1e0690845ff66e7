/**
 * `Context`: one event and everything a handler does about it — reply, react, mark read,
 * show typing — with shortcuts (`ctx.from`, `ctx.chat`, `ctx.message`, `ctx.text`).
 *
 * @module
 */
import type { AttachmentInput } from "../client/mod.ts";
import { ValidationError } from "../core/errors.ts";
import type { Api } from "./api.ts";
import type { FetchedAttachment, SendInput, SendResult } from "./client.ts";
import type { ParsedCommand } from "./commands.ts";
import { findCommunity, isCommunityEvent, textOf } from "./community.ts";
import type { Community } from "./community_handle.ts";
import { downloadRoomFile, replyInCommunity } from "./community_reply.ts";
import type {
  AttachmentInfo,
  BotEvent,
  BotEventType,
  InboxTransaction,
  MessageEvent,
  MessageRef,
  ReactionEvent,
  ReceiptEvent,
} from "./events.ts";

/** Options of {@link Context.reply}. */
export interface ReplyOptions {
  /**
   * Quote a message: `true` quotes the message being handled; or give `{ timestamp, author,
   * text? }` of another one.
   */
  readonly quote?: boolean | (MessageRef & { readonly text?: string }) | CommunityQuote;
}

/** A quote of a room post: its sent timestamp and author (and text shown in the quote). */
export interface CommunityQuote {
  /** The quoted post's sent timestamp, ms (as Session apps quote; `ctx.timestamp` of it). */
  readonly id: number;
  /** Its author's (blinded) ID. */
  readonly author: string;
  /** The quoted text. */
  readonly text?: string;
}

/** What a reply resolves with; in a community room also the new post's server message id. */
export interface ReplyResult extends SendResult {
  /** The post's server message id (community replies only). */
  readonly messageId?: number;
}

/** Options of {@link Context.replyWithFile}. */
export interface FileOptions extends ReplyOptions {
  /** Text sent with the file. */
  readonly body?: string;
  /** File name shown to the receiver (default: the path's base name). */
  readonly fileName?: string;
  /** MIME type (default: sniffed from the bytes, then the name). */
  readonly contentType?: string;
  /** A caption on the attachment. */
  readonly caption?: string;
  /** Send it as a voice message. */
  readonly voiceMessage?: boolean;
}

/** A file for {@link Context.replyWithFile}: a path, a `file:` URL, bytes, or an input. */
export type FileSource = string | URL | Uint8Array | AttachmentInput;

/**
 * The context of one event. Middleware gets it as `ctx`; filter queries narrow its type, e.g.
 * in `bot.on("message:text", (ctx) => …)` `ctx.text` is a `string`.
 *
 * Subclass it to add your own members and pass the class as `ContextConstructor`:
 *
 * @example
 * ```ts
 * import { Bot, type BotClient, Context } from "./mod.ts";
 *
 * class MyContext extends Context {
 *   get shout(): string {
 *     return (this.text ?? "").toUpperCase();
 *   }
 * }
 * declare const client: BotClient;
 * const bot = new Bot<MyContext>(client, { ContextConstructor: MyContext });
 * bot.on("message:text", (ctx) => ctx.reply(ctx.shout));
 * ```
 */
export class Context {
  /** The event being handled. */
  readonly event: BotEvent;
  /** The bot's outgoing calls (what `reply`, `react`, … use). */
  readonly api: Api;
  /** The bot's own Session ID. */
  readonly me: string;
  /** What a `command` (the arguments) or `hears` (the regex match) matched. */
  match: string | RegExpMatchArray | undefined = undefined;
  /** The command a `command` handler matched. */
  command: ParsedCommand | undefined = undefined;
  #community: Community | undefined;

  /**
   * Creates the context of `event`.
   *
   * @param event The event.
   * @param api The bot's API.
   * @param me The bot's Session ID.
   */
  constructor(event: BotEvent, api: Api, me: string) {
    this.event = event;
    this.api = api;
    this.me = me;
  }

  /** The event's type: `"message"`, `"reaction"`, … */
  get type(): BotEventType {
    return this.event.type;
  }

  /** The event's ID: the storage hash of the message that carried it, stable across retries. */
  get id(): string {
    return this.event.id;
  }

  /** The sender's Session ID. */
  get from(): string {
    return this.event.from;
  }

  /** The conversation: the peer's Session ID (where replies go). */
  get chat(): string {
    return this.event.conversation;
  }

  /** The event's sent timestamp, ms. */
  get timestamp(): number {
    return this.event.timestamp;
  }

  /** The message, for `message` events. */
  get message(): MessageEvent | undefined {
    return this.event.type === "message" ? this.event : undefined;
  }

  /** The text of the message, room post or community DM being handled, when there is one. */
  get text(): string | undefined {
    return textOf(this.event);
  }

  /**
   * The room's handle for community events (`post`, `react`, `delete`, `mute`, `ban`, …);
   * `undefined` for other events. Throws when the bot is not in that room any more.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("community:message:text", async (ctx) => {
   *   const info = await ctx.community.info();
   *   console.log(ctx.from, "wrote in", ctx.community.room);
   * });
   * ```
   */
  get community(): Community | undefined {
    if (!isCommunityEvent(this.event)) return undefined;
    return this.#community ??= findCommunity(this.api.client, this.event.room);
  }

  /** The reaction, for `reaction` events. */
  get reaction(): ReactionEvent | undefined {
    return this.event.type === "reaction" ? this.event : undefined;
  }

  /** The receipt, for `receipt` events. */
  get receipt(): ReceiptEvent | undefined {
    return this.event.type === "receipt" ? this.event : undefined;
  }

  /**
   * KV operations committed together with the event's removal from the inbox: exactly once,
   * or not at all (then the event is handled again).
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("message", (ctx) => {
   *   ctx.tx.sum(["stats", "messages"], 1n);
   * });
   * ```
   */
  get tx(): InboxTransaction {
    return this.event.tx;
  }

  /**
   * Sends text (or `{ body, attachments, … }`) to this chat. `{ quote: true }` quotes the
   * message being handled. In a community room the reply is a post in the room; for a
   * community DM it is a blinded DM back.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.command("ping", (ctx) => ctx.reply("pong", { quote: true }));
   * ```
   */
  async reply(input: string | SendInput, options: ReplyOptions = {}): Promise<ReplyResult> {
    const message: SendInput = typeof input === "string" ? { body: input } : input;
    if (typeof message !== "object" || message === null) {
      throw new ValidationError(
        "ctx.reply() takes text or { body, attachments, quote }",
        "invalid_reply",
        "input",
      );
    }
    if (isCommunityEvent(this.event)) {
      return await replyInCommunity(this.api, this.community!, this.event, message, options.quote);
    }
    const quote = this.#quote(options.quote);
    return await this.api.send(this.chat, quote ? { ...message, quote } : message);
  }

  /**
   * Sends a file to this chat: a path, a `file:` URL, bytes, or `{ bytes, fileName }`.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.command("cat", (ctx) => ctx.replyWithFile("./cat.png", { body: "here it is" }));
   * bot.command("csv", (ctx) =>
   *   ctx.replyWithFile(new TextEncoder().encode("a,b\n1,2\n"), { fileName: "data.csv" }));
   * ```
   */
  async replyWithFile(file: FileSource, options: FileOptions = {}): Promise<SendResult> {
    const { body, quote: quoteOption, ...fields } = options;
    const attachment = await readFileSource(file, fields);
    const quote = this.#quote(quoteOption);
    return await this.api.send(this.chat, {
      ...(body !== undefined ? { body } : {}),
      attachments: [attachment],
      ...(quote ? { quote } : {}),
    });
  }

  /**
   * Reacts to the message being handled with `emoji` (`{ remove: true }` takes it back).
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.hears(/thanks/i, (ctx) => ctx.react("❤️"));
   * ```
   */
  async react(emoji: string, options: { readonly remove?: boolean } = {}): Promise<SendResult> {
    if (typeof emoji !== "string" || emoji.trim() === "") {
      throw new ValidationError(
        "ctx.react(emoji) needs an emoji, e.g. '👍'",
        "invalid_emoji",
        "emoji",
      );
    }
    const event = this.event;
    if (event.type === "community:message" || event.type === "community:reaction") {
      await this.api.roomReact(this.community!, event.messageId, emoji, options);
      return { hash: event.id, timestamp: Date.now() };
    }
    const message = this.#needMessage("react");
    const target = { timestamp: message.timestamp, author: message.from };
    return await this.api.react(this.chat, target, emoji, options);
  }

  /**
   * Shows (default) or hides the typing indicator in this chat.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.command("slow", async (ctx) => {
   *   await ctx.typing();
   *   await ctx.reply("done");
   * });
   * ```
   */
  typing(on = true): Promise<void> {
    // Communities have no typing indicator: nothing to show there.
    if (isCommunityEvent(this.event)) return Promise.resolve();
    return this.api.typing(this.chat, on);
  }

  /**
   * Sends a read receipt for the message being handled.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("message", (ctx) => ctx.markRead());
   * ```
   */
  async markRead(): Promise<void> {
    if (isCommunityEvent(this.event)) return; // communities have no read receipts
    const message = this.#needMessage("markRead");
    await this.api.markRead(message.from, [message.timestamp]);
  }

  /**
   * Downloads, verifies and decrypts an attachment of the message being handled (the first
   * one unless you pass another). For a room post the file comes from the room (community
   * files are not encrypted).
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("message:attachments", async (ctx) => {
   *   const file = await ctx.download();
   *   await ctx.reply(`${file.fileName ?? "file"}: ${file.bytes.length} bytes of ${file.contentType}`);
   * });
   * ```
   */
  async download(attachment?: AttachmentInfo): Promise<FetchedAttachment> {
    const event = this.event;
    if (event.type === "community:message" || event.type === "community:dm") {
      return await downloadRoomFile(this.community!, attachment ?? event.attachments[0]);
    }
    const message = this.#needMessage("download");
    const which = attachment ?? message.attachments[0];
    if (!which) {
      throw new ValidationError(
        'ctx.download(): this message has no attachment (filter with bot.on("message:attachments"))',
        "no_attachment",
        "attachment",
      );
    }
    const client = this.api.client;
    if (typeof client.download !== "function") {
      throw new ValidationError(
        "ctx.download(): this bot's client cannot download attachments (SessionClient can)",
        "unsupported",
        "client",
      );
    }
    return await client.download(which);
  }

  /**
   * Accepts the sender's message request.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("request", (ctx) => ctx.acceptRequest());
   * ```
   */
  acceptRequest(): Promise<void> {
    this.#notInCommunity("acceptRequest");
    return this.api.acceptRequest(this.from);
  }

  /**
   * Forgets the sender's pending message request.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.on("request", (ctx) => ctx.declineRequest());
   * ```
   */
  declineRequest(): Promise<void> {
    this.#notInCommunity("declineRequest");
    return this.api.declineRequest(this.from);
  }

  /**
   * Blocks the sender.
   *
   * @example
   * ```ts
   * import { Bot } from "./mod.ts";
   *
   * declare const bot: Bot;
   * bot.hears(/buy now/i, (ctx) => ctx.block());
   * ```
   */
  block(): Promise<void> {
    this.#notInCommunity("block");
    return this.api.block(this.from);
  }

  #notInCommunity(method: string): void {
    if (!isCommunityEvent(this.event)) return;
    throw new ValidationError(
      `ctx.${method}() is about message requests of 1:1 chats; in a community moderate instead, ` +
        `e.g. ctx.api.moderate(ctx.community, "ban", ctx.from)`,
      "unsupported",
      "ctx",
    );
  }

  #needMessage(method: string): MessageEvent {
    if (isCommunityEvent(this.event) && method !== "react") {
      throw new ValidationError(
        `ctx.${method}() is for 1:1 messages; in a community use ctx.community ` +
          `(post, delete, mute, ban…) or ctx.api.moderate(…)`,
        "unsupported",
        "ctx",
      );
    }
    if (this.event.type !== "message") {
      throw new ValidationError(
        `ctx.${method}() needs a message, but this is a '${this.event.type}' event: ` +
          `register it with bot.on("message", …) or use ctx.api.${method}(…)`,
        "no_message",
        "ctx",
      );
    }
    return this.event;
  }

  #quote(option: ReplyOptions["quote"]): (MessageRef & { readonly text?: string }) | undefined {
    if (!option) return undefined;
    if (option !== true) {
      if ("id" in option) {
        throw new ValidationError(
          "ctx.reply(…, { quote }): { id, author } quotes a room post; in a 1:1 chat give " +
            "{ timestamp, author } of the message",
          "invalid_quote",
          "quote",
        );
      }
      return option;
    }
    const message = this.#needMessage("reply({ quote: true })");
    return {
      timestamp: message.timestamp,
      author: message.from,
      ...(message.body ? { text: message.body } : {}),
    };
  }
}

/** Reads a {@link FileSource} into an attachment input. */
async function readFileSource(
  file: FileSource,
  fields: Omit<FileOptions, "body" | "quote">,
): Promise<AttachmentInput> {
  if (typeof file === "string" || file instanceof URL) {
    const bytes = await Deno.readFile(file);
    const path = file instanceof URL ? decodeURIComponent(file.pathname) : file;
    return { bytes, fileName: path.split(/[\\/]/).pop() || undefined, ...fields };
  }
  if (file instanceof Uint8Array) return { bytes: file, ...fields };
  if (typeof file === "object" && file !== null && file.bytes instanceof Uint8Array) {
    return { ...file, ...fields };
  }
  throw new ValidationError(
    "ctx.replyWithFile(file) takes a path, a file: URL, bytes or { bytes, fileName }",
    "invalid_attachment",
    "file",
  );
}

/** Properties plugins add, with what to install when they are missing. */
const PLUGIN_PROPERTIES: Readonly<Record<string, string>> = {
  session: "bot.use(session({ initial: () => ({}) }))",
  conversation: "bot.use(conversation())",
};

for (const [property, fix] of Object.entries(PLUGIN_PROPERTIES)) {
  Object.defineProperty(Context.prototype, property, {
    configurable: true,
    enumerable: false,
    get(): never {
      throw new ValidationError(
        `ctx.${property} is not available: install its plugin first, e.g. ${fix}`,
        "plugin_missing",
        property,
      );
    },
  });
}
