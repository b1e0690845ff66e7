/**
 * Messages per second through the full bot on a local devnet (9 nodes, 3 swarms, onion
 * routing), the devnet in its own process: swarm → poll → KV inbox → decrypt → middleware
 * (a `session()` counter) → reply through the KV outbox and a 3-hop onion path → inbox commit.
 *
 * - backlog: `--messages` messages from `--senders` people already wait in the bot's swarm when
 *   it starts; the bot drains them, once without replying (handled/s) and once replying to each
 *   (the reply is stored in the sender's swarm before the handler ends: handled and replied/s);
 * - live: `--live` simulated users (real clients) each send a message and wait for the reply,
 *   `--rounds` times: round trips per second, latency p50/p99.
 *
 * Run: `deno run -A bench/bot_throughput.ts [--messages 2000] [--senders 50] [--live 20]`
 */
import { parseArgs } from "node:util";
import { Bot, type Context } from "../src/bot/mod.ts";
import { encodeDirectMessage } from "../src/client/codec/mod.ts";
import { createNetwork } from "../src/client/network/mod.ts";
import { Identity } from "../src/crypto/mod.ts";
import { startDevnet } from "../src/devnet/mod.ts";
import { session, type SessionFlavor } from "../src/plugins/mod.ts";
import { createTestUser } from "../src/testing/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    messages: { type: "string", default: "2000" },
    senders: { type: "string", default: "50" },
    live: { type: "string", default: "20" },
    rounds: { type: "string", default: "20" },
    "devnet-child": { type: "boolean" },
  },
});

if (values["devnet-child"]) {
  // The devnet's own process: print where it is, run until SIGTERM.
  const devnet = await startDevnet({
    nodes: 9,
    swarms: 3,
    rateLimit: { burst: 1e9, perSecond: 1e9 },
  });
  console.log(JSON.stringify({ seedUrl: devnet.seedUrl, fileServer: devnet.fileServer }));
  await new Promise<void>((resolve) => Deno.addSignalListener("SIGTERM", resolve));
  await devnet.stop();
  Deno.exit(0);
}

const messages = Number(values.messages);
const senders = Number(values.senders);
type Ctx = Context & SessionFlavor<{ n: number }>;

const child = new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", new URL(import.meta.url).pathname, "--devnet-child"],
  stdout: "piped",
}).spawn();
const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
const { seedUrl, fileServer } = JSON.parse((await reader.read()).value!);
reader.releaseLock();
const clientOptions = {
  network: seedUrl as string,
  fileServer: { url: fileServer.url, x25519: fileServer.x25519 },
  pollInterval: { min: 50, max: 500 },
};

/** A bot with a per-chat counter in session(), replying to every text; `done` after each. */
async function startBot(
  identity: Identity,
  history: boolean,
  reply: boolean,
  done: () => void,
): Promise<Bot<Ctx>> {
  const bot = await Bot.create<Ctx>({ ...clientOptions, kv: ":memory:", identity, history });
  bot.use(session({ initial: () => ({ n: 0 }) }));
  bot.on("message:text", async (ctx) => {
    ctx.session.n++;
    if (reply) await ctx.reply(`#${ctx.session.n}: ${ctx.text.slice(0, 20)}`);
    done();
  });
  await bot.start();
  return bot;
}

/** Fills a fresh identity's swarm directly, then times a bot draining it; messages/s. */
async function backlog(reply: boolean): Promise<number> {
  const botIdentity = Identity.generate();
  const people = Array.from({ length: senders }, () => Identity.generate());
  const direct = createNetwork({ network: seedUrl, transport: "direct" });
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < messages) {
      const i = next++;
      const body = `backlog message ${i} ` + "x".repeat(100);
      const { data } = encodeDirectMessage(people[i % senders], botIdentity.sessionId, {
        dataMessage: { body },
      });
      await direct.store(botIdentity.sessionId, { data });
    }
  }));
  await direct.close();
  let handled = 0;
  const drained = Promise.withResolvers<void>();
  const start = performance.now();
  const bot = await startBot(
    botIdentity,
    true,
    reply,
    () => ++handled === messages && drained.resolve(),
  );
  await drained.promise;
  const seconds = (performance.now() - start) / 1000;
  await bot.stop();
  return Math.round(messages / seconds);
}

try {
  const handledPerSecond = await backlog(false);
  const repliedPerSecond = await backlog(true);

  // Live: real users, each sending and waiting for the reply.
  const liveBot = await startBot(Identity.generate(), false, true, () => {});
  const shared = createNetwork({ network: seedUrl });
  const users = await Promise.all(
    Array.from({ length: Number(values.live) }, (_, i) =>
      createTestUser({
        name: `user${i}`,
        identity: Identity.generate(),
        options: { ...clientOptions, network: shared },
        defaultPeer: () => liveBot.me,
        timeoutMs: 60_000,
      })),
  );
  const latencies: number[] = [];
  const liveStart = performance.now();
  await Promise.all(users.map(async (user) => {
    for (let r = 0; r < Number(values.rounds); r++) {
      const sent = performance.now();
      await user.send(`round ${r}`);
      await user.nextMessage();
      latencies.push(performance.now() - sent);
    }
  }));
  const liveSeconds = (performance.now() - liveStart) / 1000;
  await Promise.all(users.map((u) => u.close()));
  await liveBot.stop();
  await shared.close();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]);

  console.log(JSON.stringify(
    {
      devnet: { nodes: 9, swarms: 3, transport: "onion", process: "separate" },
      backlog: {
        messages,
        senders,
        handledPerSecond,
        handledAndRepliedPerSecond: repliedPerSecond,
      },
      live: {
        users: users.length,
        roundTrips: latencies.length,
        roundTripsPerSecond: Math.round(latencies.length / liveSeconds),
        latencyMs: { p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1)!) },
      },
    },
    null,
    2,
  ));
} finally {
  child.kill("SIGTERM");
  await child.status;
}
