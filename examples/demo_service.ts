/**
 * Act 2 of the demo: the same bot as a service. It answers in a community room, every message
 * it handles (1:1 or in the room) goes out as a signed webhook to a real local receiver, and an
 * HTTP API lets other programs send through it and read what it received.
 *
 * @module
 */
import type { Bot, Context } from "../src/bot/mod.ts";
import { SessionBotError, ValidationError } from "../src/core/errors.ts";
import { createEventLog, type EventLog, eventLogPlugin } from "../src/bridge/mod.ts";
import type { CommunityMessageEvent, JoinOptions } from "../src/client/community/mod.ts";
import type { SessionClient } from "../src/client/session/mod.ts";
import { webhooks as webhooksPlugin } from "../src/plugins/mod.ts";
import { createWebhookServer } from "../src/server/mod.ts";
import type { TestNetwork, TestUser } from "../src/testing/mod.ts";
import { createWebhooks, generateSecret, type Webhooks } from "../src/webhook/mod.ts";
import { type ReceivedWebhook, startWebhookReceiver } from "./demo_webhook_receiver.ts";

/** What the bot feeds for act 2: the event log (HTTP API) and the webhooks queue. */
export interface Bridge {
  /** Every event the bot handled, for `GET /v1/messages`. */
  readonly events: EventLog;
  /** The outgoing webhooks queue, on the bot's KV (enqueues commit with the inbox). */
  readonly webhooks: Webhooks;
}

/** What act 2 reports for the final summary. */
export interface ServiceActSummary {
  /** Room posts the bot answered. */
  readonly roomReplies: number;
  /** Webhook deliveries whose signature checked out. */
  readonly verifiedWebhooks: number;
  /** Messages sent through `POST /v1/messages`. */
  readonly apiMessages: number;
}

/** Room polls as fast as the 1:1 polls of the test network (the default idles at 10 s). */
const FAST: JoinOptions = { pollInterval: { min: 50, max: 200 } };

/** The event types the demo's endpoint subscribes to. */
const HOOKED = ["message", "community:message"];

/**
 * Installs the event log and the webhooks plugin on `bot` (before its own handlers, so they see
 * every event); the queue lives on the bot's KV. Call it in the bot's setup, before `start()`.
 *
 * @example
 * ```ts
 * import { createTestNetwork } from "../src/testing/mod.ts";
 * import { type Bridge, installBridge } from "./demo_service.ts";
 *
 * await using net = await createTestNetwork();
 * let bridge: Bridge | undefined;
 * await net.createBot((bot) => void (bridge = installBridge(bot)));
 * console.log(await bridge!.webhooks.stats());
 * ```
 */
export function installBridge<C extends Context>(bot: Bot<C>): Bridge {
  const kv = bot.kv;
  if (!kv) {
    throw new ValidationError(
      "installBridge: the bot needs a KV store (Bot.create and net.createBot give it one)",
      "invalid_bot",
      "kv",
    );
  }
  const events = createEventLog(kv);
  const webhooks = createWebhooks({ kv });
  bot.use(eventLogPlugin(events), webhooksPlugin({ webhooks }));
  return { events, webhooks };
}

/**
 * Runs act 2 and prints its transcript: the lobby, the webhooks, the HTTP API. Everything it
 * opens (receiver, API listener) is closed when it returns.
 *
 * @example
 * ```ts
 * import { createTestNetwork } from "../src/testing/mod.ts";
 * import { counter, type CounterContext } from "./counter.ts";
 * import { type Bridge, installBridge, serviceAct } from "./demo_service.ts";
 *
 * await using net = await createTestNetwork();
 * let bridge: Bridge | undefined;
 * const bot = await net.createBot<CounterContext>((b) => {
 *   bridge = installBridge(b);
 *   counter(b);
 * });
 * const alice = await net.createUser("alice");
 * const { verifiedWebhooks } = await serviceAct({ net, bot, alice, bridge: bridge! });
 * ```
 */
export async function serviceAct<C extends Context>(
  { net, bot, alice, bridge }: {
    net: TestNetwork;
    bot: Bot<C>;
    alice: TestUser;
    bridge: Bridge;
  },
): Promise<ServiceActSummary> {
  console.log(
    "\nact 2: the same bot as a service (a community room, signed webhooks, an HTTP API)",
  );
  const secret = generateSecret();
  await using receiver = await startWebhookReceiver(secret);
  await bridge.webhooks.endpoints.add({
    url: receiver.url,
    secret,
    allowPrivate: true,
    events: HOOKED,
  });
  const client = bot.client as SessionClient; // the test network's bots run on a SessionClient
  const token = randomToken();
  await using api = createWebhookServer({
    client,
    kv: bot.kv!,
    events: bridge.events,
    webhooks: bridge.webhooks,
    token,
  });
  const { url } = await api.listen({ port: 0 });
  const since = await bridge.events.head();
  console.log(`webhook receiver  ${receiver.url}  Deno.serve; "${HOOKED.join('", "')}" events`);
  console.log(`HTTP API          ${url}  createWebhookServer, random bearer token\n`);

  // 1. A community room: both join the devnet's lobby; posts are signed with blinded IDs.
  const link = net.devnet.community.joinLink;
  const botRoom = await client.communities.join(link, FAST);
  const aliceRoom = await alice.client.communities.join(link, FAST);
  const nameOf = (id: string | null) =>
    id === alice.sessionId || (id && aliceRoom.isMe(id)) ? "alice" : id ?? "?";
  const room = link.split("?")[0];
  console.log(
    `[lobby] bot (${short(botRoom.me)}) and alice (${short(aliceRoom.me)}) joined ${room}: ` +
      "posts signed with blinded IDs, requests sent by onion",
  );
  console.log(`[lobby] alice →  /count`);
  await aliceRoom.post("/count");
  const answer = await nextRoomPost(alice, (e) => botRoom.isMe(e.from));
  console.log(`[lobby] bot →    ${answer.body}`);
  const printHook = (hook: ReceivedWebhook) => {
    const p = hook.payload;
    console.log(
      hook.verified && p
        ? `webhook ← ${p.type} from ${nameOf(p.from)}: ${JSON.stringify(p.body)} (signature ok)`
        : `webhook ← ${hook.id}: signature did NOT verify (refused with 401)`,
    );
  };
  printHook(await receiver.next("community:message"));

  // 2. A 1:1 message: the reply as in act 1, and its webhook.
  console.log("alice → bot   /count");
  await alice.send("/count");
  console.log(`bot → alice   ${(await alice.nextMessage({ from: bot })).body}`);
  printHook(await receiver.next("message"));

  // 3. The HTTP API: another program sends through the bot, then reads its event log.
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
  const body = "deploy finished ✅";
  const posted = await call("/v1/messages", {
    method: "POST",
    body: JSON.stringify({ to: alice.sessionId, body }),
  });
  const reason = await posted.text(); // read either way: the body must be consumed
  console.log(`POST /v1/messages {to: alice, body: "${body}"} → ${posted.status}`);
  if (posted.status !== 201) {
    throw new SessionBotError(`the HTTP API refused the message: ${reason}`, "api_refused");
  }
  const delivered = await alice.nextMessage({ from: bot });
  console.log(`bot → alice   ${delivered.body}`);
  const page = await (await call(`/v1/messages?since=${since}`)).json() as {
    events: { payload: { type: string; body: string | null } }[];
  };
  const listed = page.events.map((e) => `${e.payload.type} ${JSON.stringify(e.payload.body)}`);
  console.log(
    `GET /v1/messages?since=<act 2> → ${page.events.length} events: ${listed.join(", ")}`,
  );
  const metrics = await (await call("/metrics")).text();
  const counters = ["api_messages_accepted_total", "webhook_deliveries_total"].map((name) =>
    metrics.split("\n").find((line) => line.startsWith(`sessionbot_${name} `)) ?? `${name} ?`
  );
  console.log(`GET /metrics → ${counters.join(", ")}`);

  return {
    roomReplies: 1,
    verifiedWebhooks: receiver.received.filter((r) => r.verified).length,
    apiMessages: posted.status === 201 && delivered.body === body ? 1 : 0,
  };
}

/** The next room post `user` receives that `match`es (skipping others, e.g. other users'). */
async function nextRoomPost(
  user: TestUser,
  match: (event: CommunityMessageEvent) => boolean,
  timeoutMs = 10_000,
): Promise<CommunityMessageEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = await user.nextEvent("community:message", {
      timeout: Math.max(1, deadline - Date.now()),
    });
    if (match(event)) return event;
  }
}

/** A long ID, shortened for the transcript. */
function short(id: string): string {
  return `${id.slice(0, 8)}…${id.slice(-4)}`;
}

/** 32 random bytes, hex: a bearer token nobody else knows. */
function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)))
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}
