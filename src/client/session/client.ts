/**
 * `SessionClient`: one identity on the Session network, with durable polling, inbox and
 * outbox in Deno KV, and every 1:1 feature of the Session apps.
 *
 * @module
 */
import { COMMUNITY_INBOX, isCommunityLetter } from "../community/keys.ts";
import { SessionBotError } from "../../core/errors.ts";
import { type Actions, createActions, type SendInput } from "./actions.ts";
import type { Contact } from "./contacts.ts";
import { type DeadLetter, listDeadLetters } from "./dead_letters.ts";
import type { DeadLetterRef } from "./dead_letter_lookup.ts";
import { redeliverLetter } from "./redeliver.ts";
import { resendLetter } from "./resend.ts";
import type {
  AttachmentInfo,
  Handler,
  MessageRef,
  SessionEvent,
  SessionEventMap,
  SessionEventType,
} from "./events.ts";
import type { OwnProfile, ProfileInput } from "./features/profile.ts";
import type { SessionClientOptions } from "./options.ts";
import { type Outbox, type SendResult, startOutbox } from "./outbox.ts";
import { type ClientStats, countKeys } from "./stats.ts";
import { keys } from "./keys.ts";
import { createRequests } from "./requests.ts";
import { type Receiving, receiving, report } from "./receiving.ts";
import { openRuntime, type Runtime } from "./runtime.ts";
import type { AttachmentPointer } from "../../proto/mod.ts";
import type { FetchedAttachment } from "../attachments/mod.ts";
import { type LazyCommunities, lazyCommunities } from "../community/lazy.ts";
import type { Communities } from "../community/types.ts";

/**
 * A Session identity at work: polls its swarm, keeps every received message in a KV inbox
 * until the handlers finished, and sends through a KV outbox.
 *
 * Delivery: each message reaches the handlers at least once and, unless the process dies
 * between a handler's end and the inbox commit, exactly once; effects recorded on `event.tx`
 * are committed with that removal, so they happen exactly once. `event.id` (the storage hash)
 * is stable across redeliveries, for effects outside KV.
 *
 * @example
 * ```ts
 * import { SessionClient } from "./mod.ts";
 *
 * const client = await SessionClient.open({
 *   kv: "./bot.kv",
 *   identityName: "default",
 *   network: "https://127.0.0.1:22000/json_rpc", // a devnet; omit for mainnet
 * });
 * client.on("message", async (event) => {
 *   const quote = { timestamp: event.timestamp, author: event.from };
 *   if (event.body) await client.send(event.from, { body: `echo: ${event.body}`, quote });
 * });
 * client.on("request", (event) => client.acceptRequest(event.from));
 * await client.start();
 * ```
 */
export class SessionClient implements AsyncDisposable {
  /** Our Session ID. */
  readonly sessionId: string;
  readonly #rt: Runtime;
  readonly #outbox: Outbox;
  readonly #actions: Actions;
  readonly #requests: ReturnType<typeof createRequests>;
  #receiving?: Receiving;
  #stopping?: Promise<void>;
  #communities?: LazyCommunities;
  /** Redeliveries made before `start()`: the first poll round waits for them. */
  readonly #offline = new Set<Promise<unknown>>();

  private constructor(rt: Runtime) {
    this.#rt = rt;
    this.sessionId = rt.sid;
    this.#outbox = startOutbox({
      store: rt.outboxStore,
      network: rt.network,
      retry: rt.config.sendRetry,
      onStored: (job) => rt.counters.sent += job.copies.length,
      onDead: (job, error) => {
        rt.counters.sendFailures++;
        report(rt, error, { timestamp: job.timestamp, deadLettered: true });
      },
    });
    this.#actions = createActions(rt, () => this.#outbox, () => this.#receiving?.poller.activity());
    this.#requests = createRequests(rt.contacts);
  }

  /**
   * Opens a client: the KV store, the identity and the network. Jobs left in the outbox by an
   * earlier run are sent at once; call {@link SessionClient.start} to receive.
   */
  static async open(options: SessionClientOptions): Promise<SessionClient> {
    return new SessionClient(await openRuntime(options));
  }

  /** Subscribes `handler` to `type` (`"*"`: every event but `error`); returns an unsubscribe. */
  on<K extends SessionEventType>(type: K, handler: Handler<SessionEventMap[K]>): () => void;
  /** Subscribes `handler` to every event but `error`; returns an unsubscribe. */
  on(type: "*", handler: Handler<SessionEvent>): () => void;
  on(type: string, handler: Handler<never>): () => void {
    return this.#rt.emitter.on(type as SessionEventType, handler as Handler<SessionEvent>);
  }

  /** Starts receiving: resolves after the first poll round (history is skipped by then). */
  async start(): Promise<void> {
    if (this.#stopping) {
      throw new SessionBotError("the client is stopped: open a new one", "stopped");
    }
    if (this.#receiving) return;
    this.#receiving = receiving(this.#rt);
    await Promise.allSettled([...this.#offline]); // they may have moved the poll state
    await this.#receiving.poller.start();
    // Rooms joined in an earlier run poll again; nothing loads when none are stored.
    await (this.#communities ??= lazyCommunities(this.#rt)).start();
  }

  /**
   * Stops: no new polls, running handlers finish and their commits are written, sends in
   * progress end (queued ones wait for the next start), then what `open` opened is closed.
   */
  stop(): Promise<void> {
    return this.#stopping ??= (async () => {
      await this.#receiving?.poller.stop();
      await Promise.allSettled([...this.#offline]);
      await this.#communities?.stop();
      await this.#receiving?.dispatcher.stop();
      await this.#outbox.stop();
      await this.#rt.committer.drain();
      await this.#rt.release();
    })();
  }

  /** Same as {@link SessionClient.stop}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /**
   * Sends text, or `{ body, attachments, quote, expiresInSeconds, expirationMode }`, to a
   * Session ID or ONS name; resolves once stored with the hash and sent timestamp.
   *
   * @example
   * ```ts
   * const { timestamp } = await client.send(peer, "hello");
   * await client.send(peer, { body: "see attached", attachments: [{ bytes, fileName: "a.png" }] });
   * await client.send(peer, { body: "reply", quote: { timestamp, author: client.sessionId } });
   * ```
   */
  send(to: string, input: string | SendInput): Promise<SendResult> {
    return this.#actions.send(to, input);
  }

  /** Adds (or with `remove`, takes back) an emoji reaction to the message `target`. */
  react(to: string, target: MessageRef, emoji: string, remove = false): Promise<SendResult> {
    return this.#actions.react(to, target, emoji, remove);
  }

  /** Sends read receipts for `from`'s messages sent at `timestamps`; starts after-read timers. */
  markRead(from: string, timestamps: readonly number[]): Promise<SendResult> {
    return this.#actions.markRead(from, timestamps);
  }

  /** Shows (or hides) the typing indicator in the chat with `to`. */
  typing(to: string, on = true): Promise<SendResult> {
    return this.#actions.typing(to, on);
  }

  /** Deletes our message (by its sent timestamp) for everyone: sends Unsend, drops our copy. */
  unsend(
    to: string,
    message: { readonly timestamp: number; readonly hash?: string },
  ): Promise<SendResult> {
    return this.#actions.unsend(to, message);
  }

  /** Accepts `peer`'s message request: sends a `MessageRequestResponse` with our profile. */
  acceptRequest(peer: string): Promise<SendResult> {
    return this.#actions.acceptRequest(peer);
  }

  /** Forgets `peer`'s pending request; nothing is sent. */
  async declineRequest(peer: string): Promise<void> {
    await this.#requests.declineRequest(peer);
  }

  /** Drops everything `peer` sends from now on. */
  async block(peer: string): Promise<void> {
    await this.#requests.block(peer);
  }

  /** Takes `peer` off the block list. */
  async unblock(peer: string): Promise<void> {
    await this.#requests.unblock(peer);
  }

  /** Pending message requests, oldest first. */
  requests(): Promise<Contact[]> {
    return this.#requests.requests();
  }

  /** Blocked Session IDs. */
  blocked(): Promise<string[]> {
    return this.#requests.blocked();
  }

  /** What is known about `peer`: approval both ways, block, profile, timer. */
  contact(peer: string): Promise<Contact> {
    return this.#requests.contact(peer);
  }

  /** Sets our display name and/or avatar (uploaded encrypted; `null` removes it). */
  async setProfile(input: ProfileInput): Promise<OwnProfile> {
    const { saveProfile } = await import("./features/profile_save.ts");
    return this.#rt.profile = await saveProfile(this.#rt.kv, this.sessionId, this.#rt.files, input);
  }

  /**
   * Communities (SOGS rooms): join by link, post, react, moderate; room events arrive on `on()`
   * as `community:message`, `community:reaction`, `community:deletion` and `community:dm`.
   * Loaded on first use: a client that never touches it pays nothing.
   *
   * @example
   * ```ts
   * const lobby = await client.communities.join("http://127.0.0.1:4000/lobby?public_key=…");
   * client.on("community:message", (e) => console.log(e.from, e.body));
   * await lobby.post("hello");
   * ```
   */
  get communities(): Communities {
    return this.#communities ??= lazyCommunities(this.#rt);
  }

  /** Our profile as sent with messages. */
  get profile(): OwnProfile | undefined {
    return this.#rt.profile;
  }

  /** The Session ID an ONS name points at (3 nodes must agree). */
  resolve(name: string): Promise<string> {
    return this.#actions.resolve(name);
  }

  /** Downloads, verifies (digest and MAC) and decrypts a received attachment. */
  async download(attachment: AttachmentInfo | AttachmentPointer): Promise<FetchedAttachment> {
    // Loaded on first use: an idle bot never pays for the attachment code.
    const { downloadAttachment } = await import("./features/attachments.ts");
    return await downloadAttachment(this.#rt.files, attachment);
  }

  /** Messages given up on (bad input, handlers that kept failing, sends that never stored). */
  deadLetters(): Promise<DeadLetter[]> {
    return listDeadLetters(this.#rt.kv, this.sessionId);
  }

  /**
   * Puts an incoming dead letter (`box: "in"`, by the letter or its id) back into the inbox once
   * the handler is fixed: a new entry with a fresh attempt count, the dead letter removed in the
   * same commit. It is handled after the entries already queued, with the same `event.id`.
   * Community letters (room updates, blinded DMs) go back into the community inbox the same way.
   * Throws `ValidationError` `not_found` (unknown or already redelivered), `no_data` (the message
   * was too large to keep), `bad_data` (a community letter without a stored update), or a
   * `stopped` error.
   *
   * @example
   * ```ts
   * for (const letter of await client.deadLetters()) {
   *   if (letter.box === "in" && letter.code === "handler_failed") await client.redeliver(letter);
   * }
   * ```
   */
  async redeliver(letter: DeadLetter | string): Promise<void> {
    this.#refuseStopped();
    if (isCommunityLetter(letter)) {
      // Under the community pollers' lock: their intakes move the community counter.
      return await (this.#communities ??= lazyCommunities(this.#rt)).redeliver(letter);
    }
    const job = () => redeliverLetter(this.#rt.kv, this.sessionId, letter as DeadLetterRef);
    const receiving = this.#receiving;
    if (receiving) {
      // Between poll rounds: the poller caches the poll state this commit moves.
      await receiving.poller.run(job);
      receiving.dispatcher.wake();
      return;
    }
    const offline = job();
    this.#offline.add(offline);
    try {
      await offline; // handled once `start()` runs
    } finally {
      this.#offline.delete(offline);
    }
  }

  /**
   * Sends an outgoing dead letter (`box: "out"`, by the letter or its id) again: the same
   * encrypted copy (same hash and sent timestamp) goes through the outbox, and the dead letter
   * is removed when it is queued. Resolves like `send` once stored. Our own swarm's sync copy is
   * stored again only if it was kept (both copies fit 60 000 characters). Throws
   * `ValidationError` `not_found`, `no_data`, `expired`, or a `stopped` error.
   *
   * @example
   * ```ts
   * const letters = await client.deadLetters();
   * const out = letters.find((l) => l.box === "out");
   * if (out) await client.resend(out);
   * ```
   */
  async resend(letter: DeadLetter | string): Promise<SendResult> {
    this.#refuseStopped();
    return await resendLetter(this.#rt.kv, this.sessionId, this.#outbox, letter as DeadLetterRef);
  }

  #refuseStopped(): void {
    if (this.#stopping) {
      throw new SessionBotError("the client is stopped: open a new one", "stopped");
    }
  }

  /**
   * Polls now, the swarm and every joined room (after the current round, if one runs);
   * resolves when that round is done and what it found is in the inbox. Needs `start()`.
   */
  async poll(): Promise<void> {
    await Promise.all([this.#receiving?.poller.wake(), this.#communities?.poll()]);
  }

  /**
   * Counters for monitoring: poll rounds, events handled, stores, failures, and how many
   * entries wait in the inbox and the outbox.
   *
   * @example
   * ```ts
   * const { polls, inbox, outbox } = await client.stats();
   * ```
   */
  async stats(): Promise<ClientStats> {
    const [inbox, rooms, outbox] = await Promise.all([
      this.#rt.inbox.size(),
      countKeys(this.#rt.kv, [COMMUNITY_INBOX, this.sessionId]),
      countKeys(this.#rt.kv, keys.outbox(this.sessionId)),
    ]);
    return { ...this.#rt.counters, inbox: inbox + rooms, outbox };
  }

  /** Resolves when the inbox is empty and every queued send is stored (or dead). */
  async idle(): Promise<void> {
    await this.#receiving?.dispatcher.idle();
    await this.#communities?.idle();
    await this.#outbox.idle();
  }
}
