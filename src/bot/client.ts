/**
 * What a bot needs from a client: its Session ID, event subscriptions and the send methods.
 * `SessionClient` fits as it is; a test double or another transport only needs these members.
 *
 * @module
 */
import type { SendInput, SendResult } from "../client/session/mod.ts";
import type { FetchedAttachment } from "../client/mod.ts";
import type { BotCommunities } from "./community_handle.ts";
import type { AttachmentInfo, ClientEventMap, MessageRef } from "./events.ts";

export type {
  AttachmentSource,
  QuoteInput,
  RetryPolicy,
  SendInput,
  SendResult,
  SessionClientOptions,
} from "../client/session/mod.ts";
export type { FetchedAttachment, FileServerTarget } from "../client/mod.ts";
// The network client's types that `SessionClientOptions` (`network`, `networkOptions`) refers to.
export type * from "../client/network/option_types.ts";
export type { AttachmentInput } from "../client/mod.ts";

/**
 * The client a {@link Bot} runs on. `SessionClient` implements it; so can a test double.
 * Every send goes through the client (for `SessionClient`: its durable KV outbox).
 *
 * @example
 * ```ts
 * import type { BotClient } from "./mod.ts";
 *
 * // The smallest client: prints what the bot sends and never receives anything.
 * const client: BotClient = {
 *   sessionId: "05" + "ab".repeat(32),
 *   on: () => () => {},
 *   send: (to, input) => {
 *     console.log("to", to, input);
 *     return Promise.resolve({ hash: "h", timestamp: Date.now() });
 *   },
 *   react: () => Promise.resolve({ hash: "h", timestamp: Date.now() }),
 *   markRead: () => Promise.resolve(),
 *   typing: () => Promise.resolve(),
 *   acceptRequest: () => Promise.resolve(),
 *   declineRequest: () => Promise.resolve(),
 *   block: () => Promise.resolve(),
 * };
 * ```
 */
export interface BotClient {
  /** The bot's own Session ID. */
  readonly sessionId: string;
  /**
   * Subscribes `handler` to events of `type`; returns an unsubscribe function. The client must
   * wait for the handler's promise before it lets go of the event, and retry it when it
   * rejects (as `SessionClient` does: backoff, then a dead letter with the reason).
   */
  on<K extends keyof ClientEventMap>(
    type: K,
    handler: (event: ClientEventMap[K]) => void | Promise<void>,
  ): () => void;
  /** Sends text or `{ body, attachments, quote, … }`; resolves once it is stored. */
  send(to: string, input: string | SendInput): Promise<SendResult>;
  /** Adds (or with `remove`, takes back) an emoji reaction to `target`. */
  react(to: string, target: MessageRef, emoji: string, remove?: boolean): Promise<SendResult>;
  /** Sends read receipts for `from`'s messages sent at `timestamps`. */
  markRead(from: string, timestamps: readonly number[]): Promise<unknown>;
  /** Shows (or hides) the typing indicator. */
  typing(to: string, on?: boolean): Promise<unknown>;
  /** Accepts `peer`'s message request. */
  acceptRequest(peer: string): Promise<unknown>;
  /** Forgets `peer`'s pending message request. */
  declineRequest(peer: string): Promise<unknown>;
  /** Drops everything `peer` sends from now on. */
  block(peer: string): Promise<unknown>;
  /** Downloads, verifies and decrypts a received attachment (optional). */
  download?(attachment: AttachmentInfo): Promise<FetchedAttachment>;
  /**
   * The joined community rooms (optional): `ctx.community` looks a room's handle up here.
   * `SessionClient` has it; read lazily, only when a community event is handled.
   */
  readonly communities?: BotCommunities;
  /** Starts receiving (optional: a test double may push events itself). */
  start?(): Promise<void>;
  /** Stops receiving and lets running handlers finish. */
  stop?(): Promise<void>;
}
