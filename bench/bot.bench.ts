/**
 * Bot dispatch overhead: one event through `Bot.handleEvent` with 0 and 10 pass-through
 * middleware layers (target: ≤ 20 µs through 10 layers), a realistic chain of filter queries
 * and commands, and the session plugin on an in-memory KV.
 *
 * `deno bench --allow-read --allow-write bench/bot.bench.ts`
 * (messages/s through the full bot on the devnet: `deno run -A bench/bot_devnet.ts`)
 */
import { Bot, type BotClient, type Context, type MessageEvent } from "../src/bot/mod.ts";
import { session, type SessionFlavor } from "../src/plugins/mod.ts";

const ME = "05" + "a0".repeat(32);
const PEER = "05" + "a1".repeat(32);
const sent = { hash: "h", timestamp: 0 };
const client: BotClient = {
  sessionId: ME,
  on: () => () => {},
  send: () => Promise.resolve(sent),
  react: () => Promise.resolve(sent),
  markRead: () => Promise.resolve(),
  typing: () => Promise.resolve(),
  acceptRequest: () => Promise.resolve(),
  declineRequest: () => Promise.resolve(),
  block: () => Promise.resolve(),
};
const tx = { check: () => tx, set: () => tx, delete: () => tx, sum: () => tx };
const message = (body: string): MessageEvent => ({
  type: "message",
  id: "hash",
  identity: ME,
  from: PEER,
  conversation: PEER,
  timestamp: 1_700_000_000_000,
  outgoing: false,
  tx,
  body,
  attachments: [],
  timerUpdate: false,
  request: false,
});

function layered(layers: number): Bot {
  const bot = new Bot(client);
  for (let i = 0; i < layers; i++) bot.use((_ctx, next) => next());
  bot.use(() => {});
  return bot;
}

const event = message("hello");
const bare = layered(0);
const ten = layered(10);

Deno.bench("dispatch: 0 middleware layers", { group: "dispatch", baseline: true }, async () => {
  await bare.handleEvent(event);
});

Deno.bench("dispatch: 10 middleware layers (target ≤ 20 µs)", { group: "dispatch" }, async () => {
  await ten.handleEvent(event);
});

const realistic = new Bot(client);
realistic.use(async (_ctx, next) => await next());
realistic.on("reaction", () => {});
realistic.on("message:attachments", () => {});
realistic.command("start", "Start", () => {});
realistic.command(["weather", "w"], "Weather", () => {});
realistic.hears(/^order (\d+)$/i, () => {});
realistic.on("message:text", (ctx) => void ctx.text.length);
const command = message("/weather Oslo");

Deno.bench("dispatch: filters, commands and hears (text message)", { group: "real" }, async () => {
  await realistic.handleEvent(event);
});

Deno.bench(
  "dispatch: filters, commands and hears (matching command)",
  { group: "real" },
  async () => {
    await realistic.handleEvent(command);
  },
);

const kv = await Deno.openKv(":memory:");
globalThis.addEventListener("unload", () => kv.close());
const withSession = new Bot<Context & SessionFlavor<{ n: number }>>(client, { kv });
withSession.use(session({ initial: () => ({ n: 0 }) }));
withSession.on("message", (ctx) => void ctx.session.n++);

Deno.bench("session plugin: read, change, versionstamp-checked write (in-memory KV)", async () => {
  await withSession.handleEvent(event);
});
