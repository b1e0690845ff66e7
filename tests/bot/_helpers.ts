/** Test doubles for dispatch-level bot tests: a client that records sends, and event builders. */
import type {
  ApiCall,
  AttachmentInfo,
  BotClient,
  BotEvent,
  BotEventType,
  ClientEventMap,
  InboxTransaction,
  MessageEvent,
  SendInput,
  SendResult,
} from "../../src/bot/mod.ts";

/** Our bot's and two peers' Session IDs. */
export const ME = "05" + "a0".repeat(32);
export const ALICE = "05" + "a1".repeat(32);
export const BOB = "05" + "b2".repeat(32);

/** A transaction that records nothing (the real one is tested in the client's suite). */
export const noTx: InboxTransaction = {
  check: () => noTx,
  set: () => noTx,
  delete: () => noTx,
  sum: () => noTx,
};

let counter = 0;

/** A unique storage-hash-like ID. */
export function nextId(): string {
  return `hash${++counter}`;
}

/** A full event from its type-specific fields (`from` defaults to ALICE); loosely typed. */
export function event<E extends BotEvent = BotEvent>(
  fields: { type: BotEventType } & Record<string, unknown>,
): E {
  const from = (fields.from as string | undefined) ?? ALICE;
  return {
    id: nextId(),
    identity: ME,
    conversation: from,
    timestamp: 1_700_000_000_000 + counter,
    outgoing: false,
    tx: noTx,
    from,
    ...fields,
  } as unknown as E;
}

/** A received attachment's metadata. */
export function file(voice = false): AttachmentInfo {
  return { voice, contentType: "image/png", size: 10, pointer: { id: "1" } } as AttachmentInfo;
}

/** A text message event. */
export function text(body: string, from = ALICE, extra: Partial<MessageEvent> = {}): MessageEvent {
  return event<MessageEvent>({
    type: "message",
    from,
    body,
    attachments: [],
    timerUpdate: false,
    request: false,
    ...extra,
  });
}

/** One recorded outgoing call. */
export type Sent = ApiCall & { readonly at: number };

/**
 * A client double: records every call, delivers events to the subscribed handlers like
 * SessionClient does (waits for them; `deliver` retries failures and dead-letters the last).
 */
export class FakeClient implements BotClient {
  readonly sessionId: string;
  readonly sent: Sent[] = [];
  readonly dead: { id: string; reason: string }[] = [];
  readonly #handlers = new Map<string, Set<(event: never) => void | Promise<void>>>();
  started = false;
  stopped = false;
  /** Make the next sends fail with this error. */
  failSends?: Error;

  constructor(sessionId = ME) {
    this.sessionId = sessionId;
  }

  on<K extends keyof ClientEventMap>(
    type: K,
    handler: (event: ClientEventMap[K]) => void | Promise<void>,
  ): () => void {
    let set = this.#handlers.get(type);
    if (!set) this.#handlers.set(type, set = new Set());
    set.add(handler as (event: never) => void);
    return () => void set.delete(handler as (event: never) => void);
  }

  /** How many handlers listen to `type`. */
  listeners(type: string): number {
    return this.#handlers.get(type)?.size ?? 0;
  }

  /** Runs every handler of `event`; rejects with the first failure. */
  async emit(event: BotEvent | ClientEventMap["error"]): Promise<void> {
    const handlers = [...(this.#handlers.get(event.type) ?? [])];
    const results = await Promise.allSettled(
      handlers.map((h) => (async () => await (h as (e: unknown) => unknown)(event))()),
    );
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  /** Delivers like the inbox: up to `attempts` tries, then a dead letter with the reason. */
  async deliver(event: BotEvent, attempts = 3): Promise<boolean> {
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        await this.emit(event);
        return true;
      } catch (error) {
        last = error;
      }
    }
    this.dead.push({ id: event.id, reason: last instanceof Error ? last.message : String(last) });
    return false;
  }

  #record(call: ApiCall): Promise<SendResult> {
    if (this.failSends) return Promise.reject(this.failSends);
    this.sent.push({ ...call, at: performance.now() });
    return Promise.resolve({ hash: nextId(), timestamp: Date.now() });
  }

  send(to: string, input: string | SendInput): Promise<SendResult> {
    return this.#record({ method: "send", to, input });
  }
  react(to: string, target: { timestamp: number; author: string }, emoji: string, remove = false) {
    return this.#record({ method: "react", to, target, emoji, remove });
  }
  markRead(to: string, timestamps: readonly number[]) {
    return this.#record({ method: "markRead", to, timestamps });
  }
  typing(to: string, on = true) {
    return this.#record({ method: "typing", to, on });
  }
  acceptRequest(peer: string) {
    return this.#record({ method: "acceptRequest", to: peer });
  }
  declineRequest(peer: string) {
    return this.#record({ method: "declineRequest", to: peer });
  }
  block(peer: string) {
    return this.#record({ method: "block", to: peer });
  }
  download(attachment: AttachmentInfo) {
    const bytes = new TextEncoder().encode(`content of ${attachment.fileName ?? "file"}`);
    return Promise.resolve({
      bytes,
      contentType: "text/plain",
      size: bytes.length,
      fileName: attachment.fileName,
    });
  }
  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }
  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }

  /** The texts sent, in order. */
  texts(to?: string): string[] {
    return this.sent.filter((s) => s.method === "send" && (to === undefined || s.to === to))
      .map((s) => {
        const input = (s as { input: string | SendInput }).input;
        return typeof input === "string" ? input : input.body ?? "";
      });
  }
}
