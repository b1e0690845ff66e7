/**
 * A simulated Session user for tests: a real `SessionClient` on the devnet that sends, reacts
 * and waits for what it receives.
 *
 * @module
 */
import type { FetchedAttachment } from "../client/attachments/mod.ts";
import {
  type AttachmentInfo,
  type ErrorEvent,
  type MessageEvent,
  type SendInput,
  type SendResult,
  SessionClient,
  type SessionClientOptions,
  type SessionEvent,
  type SessionEventMap,
  type SessionEventType,
} from "../client/session/mod.ts";
import type { Identity } from "../crypto/mod.ts";
import { createMailbox } from "./mailbox.ts";

/** Someone to send to: a Session ID, a client or user (`sessionId`), or a bot (`me`). */
export type Peer = string | { readonly sessionId: string } | { readonly me: string };

/** Options of the `next…` waits. */
export interface WaitOptions {
  /** How long to wait, ms (default: the test network's, 10 000). */
  readonly timeout?: number;
  /** Only what this peer sent. */
  readonly from?: Peer;
}

/** A simulated user. */
export interface TestUser extends AsyncDisposable {
  /** The name it was created with (also its display name). */
  readonly name: string;
  /** Its keys. */
  readonly identity: Identity;
  /** Its Session ID. */
  readonly sessionId: string;
  /** The client underneath, for anything else. */
  readonly client: SessionClient;
  /** Every message received so far. */
  readonly messages: readonly MessageEvent[];
  /** Every event received so far (errors are in `errors`). */
  readonly events: readonly SessionEvent[];
  /** Problems the client reported. */
  readonly errors: readonly ErrorEvent[];
  /** Sends text or `{ body, attachments, quote, … }` to the default peer (the last bot made). */
  send(input: string | SendInput): Promise<SendResult>;
  /** Sends text or `{ body, attachments, quote, … }` to `to`. */
  send(to: Peer, input: string | SendInput): Promise<SendResult>;
  /** The oldest message not yet taken, waiting for one if needed. */
  nextMessage(options?: WaitOptions): Promise<MessageEvent>;
  /** The oldest event of `type` not yet taken, waiting for one if needed. */
  nextEvent<K extends Exclude<SessionEventType, "error">>(
    type: K,
    options?: WaitOptions,
  ): Promise<SessionEventMap[K]>;
  /** Reacts to a received message with `emoji` (`remove` takes it back). */
  react(
    message: MessageEvent,
    emoji: string,
    options?: { readonly remove?: boolean },
  ): Promise<SendResult>;
  /** Downloads and decrypts a received attachment. */
  download(attachment: AttachmentInfo): Promise<FetchedAttachment>;
  /** Stops the client and closes its store. */
  close(): Promise<void>;
}

/** What a user is made of. */
export interface TestUserDeps {
  /** The user's name (and display name). */
  readonly name: string;
  /** Its keys. */
  readonly identity: Identity;
  /** Client options (network, file server, timings); the user's own in-memory KV is added. */
  readonly options: Omit<SessionClientOptions, "kv" | "identity" | "identityName">;
  /** The peer `send(input)` goes to, when there is one. */
  readonly defaultPeer: () => string | undefined;
  /** Default wait, ms. */
  readonly timeoutMs: number;
}

/**
 * The Session ID of `peer`.
 *
 * @example
 * ```ts
 * import { peerId } from "./mod.ts";
 *
 * const id = "05" + "ab".repeat(32);
 * peerId(id) === peerId({ sessionId: id }); // true: a user or client
 * peerId({ me: id }); // a bot: its `me`
 * ```
 */
export function peerId(peer: Peer): string {
  return typeof peer === "string" ? peer : "sessionId" in peer ? peer.sessionId : peer.me;
}

/**
 * Opens and starts a simulated user (usually through `createTestNetwork().createUser`).
 *
 * @example
 * ```ts
 * import { createTestUser } from "./mod.ts";
 * import { Identity } from "../crypto/mod.ts";
 *
 * declare const seedUrl: string;
 * declare const botId: string;
 * await using alice = await createTestUser({
 *   name: "alice",
 *   identity: Identity.generate(),
 *   options: { network: seedUrl },
 *   defaultPeer: () => botId,
 *   timeoutMs: 10_000,
 * });
 * await alice.send("/start");
 * console.log((await alice.nextMessage()).body);
 * ```
 */
export async function createTestUser(deps: TestUserDeps): Promise<TestUser> {
  const { name, identity } = deps;
  const kv = await Deno.openKv(":memory:");
  let client: SessionClient;
  try {
    client = await SessionClient.open({ displayName: name, ...deps.options, kv, identity });
  } catch (error) {
    kv.close();
    throw error;
  }
  const errors: ErrorEvent[] = [];
  const received = createMailbox<SessionEvent>((all) => describe(name, all, errors));
  client.on("*", (event) => received.push(event));
  client.on("error", (event) => void errors.push(event));
  await client.start();

  const wait = <E extends SessionEvent>(type: string, options: WaitOptions = {}, what: string) => {
    const from = options.from === undefined ? undefined : peerId(options.from);
    const match = (e: SessionEvent) => e.type === type && (from === undefined || e.from === from);
    return received.take(match, options.timeout ?? deps.timeoutMs, `${name}.${what}`) as Promise<E>;
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    closing ??= (async () => {
      received.close(`${name} was closed while waiting`);
      await client.stop();
      kv.close();
    })();

  return {
    name,
    identity,
    sessionId: identity.sessionId,
    client,
    get messages() {
      return received.all.filter((e): e is MessageEvent => e.type === "message");
    },
    events: received.all,
    errors,
    send(first: Peer | string | SendInput, second?: string | SendInput) {
      if (second !== undefined) return client.send(peerId(first as Peer), second);
      const to = deps.defaultPeer();
      if (!to) {
        return Promise.reject(
          new Error(
            `${name}.send(text) needs a recipient: create a bot first (net.createBot) or call ${name}.send(to, text)`,
          ),
        );
      }
      return client.send(to, first as string | SendInput);
    },
    nextMessage: (options) => wait<MessageEvent>("message", options, "nextMessage()"),
    nextEvent: (type, options) => wait(type, options, `nextEvent("${type}")`),
    react: (message, emoji, options = {}) =>
      client.react(
        message.conversation,
        { timestamp: message.timestamp, author: message.from },
        emoji,
        options.remove,
      ),
    download: (attachment) => client.download(attachment),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** What arrived, for a timeout error. */
function describe(
  name: string,
  all: readonly SessionEvent[],
  errors: readonly ErrorEvent[],
): string {
  const messages = all.filter((e): e is MessageEvent => e.type === "message");
  const shown = messages.slice(-3).map((m) =>
    JSON.stringify(m.body ?? `[${m.attachments.length} attachment(s)]`)
  );
  const parts = [
    `${name} received ${messages.length} message(s)${
      shown.length ? ` (last: ${shown.join(", ")})` : ""
    }`,
  ];
  const others = all.length - messages.length;
  if (others > 0) parts.push(`${others} other event(s)`);
  if (errors.length > 0) parts.push(`${errors.length} error(s), last: ${errors.at(-1)!.message}`);
  return `${parts.join("; ")}. Is the bot running, and does it answer this?`;
}
