/** A real HTTP receiver on 127.0.0.1 for the webhook tests: records requests, answers as told. */
import { verifyHubSignature, verifyStandardWebhook } from "./_verify.ts";
import { createWebhooks, type Webhooks } from "../../src/webhook/mod.ts";

/** One request the receiver got. */
export interface Received {
  readonly headers: Headers;
  readonly body: string;
  readonly payload: { id: string; type: string; conversation: string | null; body: string | null };
  /** The status it answered. */
  status: number;
  /** The signature checks passed. */
  verified: boolean;
  verifyError?: string;
}

/** How to answer a request: a status, or a promise of one (to hold it open). */
export type Answer = (request: Received, index: number) => number | Promise<number>;

/** The receiver. */
export interface Receiver extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  /** Requests being answered right now, and the most at once. */
  readonly inFlight: { now: number; max: number };
  answer: Answer;
  /** Secret to verify signatures with (set after adding the endpoint). */
  secret?: string;
  /** Bodies answered 2xx, in order. */
  delivered(): Received[];
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 (port 0 = any free one). */
export function startReceiver(answer: Answer = () => 200, port = 0): Promise<Receiver> {
  return new Promise((ready) => {
    const received: Received[] = [];
    const inFlight = { now: 0, max: 0 };
    let self: Receiver;
    const server = Deno.serve({
      hostname: "127.0.0.1",
      port,
      onListen: (addr) => {
        const url = `http://127.0.0.1:${addr.port}/hook`;
        ready(receiver(url, addr.port));
      },
    }, async (request) => {
      const body = await request.text();
      const entry: Received = {
        headers: request.headers,
        body,
        payload: JSON.parse(body),
        status: 0,
        verified: false,
      };
      if (self.secret) {
        try {
          await verifyStandardWebhook(self.secret, request.headers, body);
          await verifyHubSignature(self.secret, request.headers, body);
          entry.verified = true;
        } catch (error) {
          entry.verifyError = (error as Error).message;
        }
      }
      received.push(entry);
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      try {
        entry.status = await self.answer(entry, received.length - 1);
      } finally {
        inFlight.now--;
      }
      const text = entry.status === 204 ? null : entry.status >= 300 ? "nope" : "ok";
      return new Response(text, { status: entry.status });
    });
    function receiver(url: string, boundPort: number): Receiver {
      self = {
        url,
        port: boundPort,
        received,
        inFlight,
        answer,
        delivered: () => received.filter((r) => r.status >= 200 && r.status < 300),
        close: () => server.shutdown(),
        [Symbol.asyncDispose]: () => server.shutdown(),
      };
      return self;
    }
  });
}

/** Polls `check` until it is truthy (fails after `timeout` ms, naming `what`). */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeout = 10_000,
): Promise<T> {
  const end = Date.now() + timeout;
  while (true) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A minimal valid event payload. */
export function payload(
  n: number,
  conversation: string | null = "05" + "c1".repeat(32),
  type = "message",
) {
  return {
    schema: "sessionbot.event/v1" as const,
    id: `hash${n}:${type}`,
    type,
    identity: "05" + "a0".repeat(32),
    from: conversation,
    conversation,
    timestamp: 1_700_000_000_000 + n,
    outgoing: false,
    body: `event ${n}`,
    attachments: [],
    data: {},
  };
}

/** What {@link withWebhooks} hands a test. */
export interface WebhooksEnv {
  readonly kv: Deno.Kv;
  readonly receiver: Receiver;
  readonly webhooks: Webhooks;
}

/**
 * Runs `fn` with an in-memory store, a receiver on 127.0.0.1 and a webhooks worker on that
 * store (not started); stops and closes them all afterwards.
 */
export async function withWebhooks(fn: (env: WebhooksEnv) => Promise<void>): Promise<void> {
  const kv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver();
  const webhooks = createWebhooks({ kv });
  try {
    await fn({ kv, receiver, webhooks });
  } finally {
    await webhooks.stop();
    kv.close();
  }
}
