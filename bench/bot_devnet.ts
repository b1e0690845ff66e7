/**
 * Messages per second through the full bot on a local devnet: a backlog of N messages waits
 * in the bot's swarm (from 20 senders); a `Bot` on a real `SessionClient` (KV file on disk)
 * drains it through poll → inbox → decrypt → middleware (logger off, session plugin, commands,
 * 10 pass-through layers) → commit. A second run also replies to each message, so every event
 * costs a send through the outbox (encrypt, onion store, sync copy).
 *
 * Run: `deno run -A bench/bot_devnet.ts [--messages 2000] [--replies 200]`
 */
import { parseArgs } from "node:util";
import { Bot, type Context } from "../src/bot/mod.ts";
import { encodeDirectMessage } from "../src/client/codec/mod.ts";
import { createNetwork } from "../src/client/network/mod.ts";
import { SessionClient } from "../src/client/session/mod.ts";
import { Identity } from "../src/crypto/mod.ts";
import { startDevnet } from "../src/devnet/mod.ts";
import { commands, session, type SessionFlavor } from "../src/plugins/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    messages: { type: "string", default: "2000" },
    replies: { type: "string", default: "200" },
  },
});
const devnet = await startDevnet({
  nodes: 6,
  swarms: 2,
  rateLimit: { burst: 1e9, perSecond: 1e9 },
});
const dir = await Deno.makeTempDir({ prefix: "sessionbot-bot-bench-" });
const senders = Array.from({ length: 20 }, () => Identity.generate());

async function fill(target: Identity, count: number): Promise<void> {
  const net = createNetwork({ network: devnet.seedUrl, transport: "direct" });
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < count) {
      const i = next++;
      const body = i % 3 === 0 ? `/count ${i}` : `message ${i} ` + "x".repeat(60);
      const { data } = encodeDirectMessage(senders[i % senders.length], target.sessionId, {
        dataMessage: { body },
      });
      await net.store(target.sessionId, { data });
    }
  }));
  await net.close();
}

async function run(count: number, reply: boolean) {
  const identity = Identity.generate();
  await fill(identity, count);
  const kv = await Deno.openKv(`${dir}/${identity.sessionId.slice(0, 12)}.kv`);
  const client = await SessionClient.open({
    kv,
    identity,
    network: devnet.seedUrl,
    history: true,
    pollInterval: { min: 200, max: 1000 },
  });
  const bot = new Bot<Context & SessionFlavor<{ n: number }>>(client, { kv });
  bot.use(session({ initial: () => ({ n: 0 }) }), commands());
  for (let i = 0; i < 10; i++) bot.use((_ctx, next) => next());
  let handled = 0;
  const done = Promise.withResolvers<void>();
  bot.command("count", async (ctx) => {
    ctx.session.n++;
    if (reply) await ctx.reply(`count ${ctx.session.n}`);
    if (++handled === count) done.resolve();
  });
  bot.on("message:text", async (ctx) => {
    if (reply) await ctx.reply("ok");
    if (++handled === count) done.resolve();
  });
  const start = performance.now();
  const progress = setInterval(() => console.error(`… ${handled}/${count}`), 5000);
  bot.catch((err) => console.error("handler failed:", err.message));
  client.on("error", (e) => console.error("client error:", e.code, e.message));
  await bot.start();
  await done.promise.finally(() => clearInterval(progress));
  const seconds = (performance.now() - start) / 1000;
  await client.idle();
  await bot.stop();
  kv.close();
  return {
    messages: count,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(count / seconds),
  };
}

try {
  const drain = await run(Number(values.messages), false);
  const withReplies = await run(Number(values.replies), true);
  console.log(JSON.stringify({ drain, withReplies }, null, 2));
} finally {
  await devnet.stop();
  await Deno.remove(dir, { recursive: true });
}
