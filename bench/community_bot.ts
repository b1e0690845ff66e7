/**
 * Community bot throughput and poll cost on a local devnet (onion v4 to the devnet's
 * community server, blinded auth, KV inbox: the real path).
 *
 * 1. Busy room: N posts wait in the lobby (from 8 posters); a `Bot` with `moderation()`, a
 *    command and 10 pass-through layers joins with history and drains them: posts/s from
 *    `bot.start()` to the last handler.
 * 2. Idle polls: with nothing new, what one poll round costs (one `/batch` per server:
 *    each room's `messages/since` and `pollInfo`, plus the DM inbox and outbox), in ms and bytes of request
 *    and answer (the v4 plaintext: the onion layers add a fixed ~150 B per hop), for 1 room
 *    and for `--rooms` rooms, so the cost per extra room shows.
 *
 * Run: `deno run -A bench/community_bot.ts [--posts 1000] [--rooms 5] [--idle-ms 3000]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Bot, type Context } from "../src/bot/mod.ts";
import {
  createNetwork,
  type Network,
  type ServerRequest,
  type ServerRequestOptions,
  type ServerTarget,
} from "../src/client/network/mod.ts";
import { SessionClient } from "../src/client/session/mod.ts";
import { Identity } from "../src/crypto/mod.ts";
import { startDevnet } from "../src/devnet/mod.ts";
import { moderation } from "../src/plugins/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    posts: { type: "string", default: "1000" },
    rooms: { type: "string", default: "5" },
    "idle-ms": { type: "string", default: "3000" },
  },
});
const devnet = await startDevnet({
  nodes: 6,
  swarms: 2,
  rateLimit: { burst: 1e9, perSecond: 1e9 },
  community: { rateLimitSize: 0 }, // the posters fill the room as fast as they can
});
const { joinLink, admin } = devnet.community;
const linkOf = (room: string) => joinLink.replace("/lobby?", `/${room}?`);
const kvs: Deno.Kv[] = [];
const clients: SessionClient[] = [];
const networks: Network[] = [];

/** A client on its own in-memory store. */
async function openClient(network: string | Network): Promise<SessionClient> {
  const kv = await Deno.openKv(":memory:");
  kvs.push(kv);
  const client = await SessionClient.open({ kv, identity: Identity.generate(), network });
  clients.push(client);
  return client;
}

/** Fills the lobby with `count` posts from 8 posters over direct HTTP. */
async function fill(count: number): Promise<void> {
  const rooms = await Promise.all(Array.from({ length: 8 }, async () => {
    const client = await openClient(devnet.seedUrl);
    return await client.communities.join(joinLink, { transport: "direct" });
  }));
  let next = 0;
  await Promise.all(rooms.map(async (room) => {
    while (next < count) {
      const i = next++;
      await room.post(i % 5 === 0 ? `/count ${i}` : `post ${i} ` + "x".repeat(60));
    }
  }));
}

/** A network whose server requests are counted (calls, ms, bytes in and out). */
function countingNetwork() {
  const network = createNetwork({ network: devnet.seedUrl });
  networks.push(network);
  const stats = { calls: 0, ms: 0, sent: 0, received: 0 };
  const serverRequest = async (
    target: ServerTarget,
    request: ServerRequest | (() => ServerRequest),
    options?: ServerRequestOptions,
  ) => {
    const started = performance.now();
    // Signed requests come as builders (a fresh nonce per attempt): count what was sent last.
    let sent: ServerRequest | undefined;
    const build = () => sent = typeof request === "function" ? request() : request;
    const answer = await network.serverRequest(target, build, options);
    stats.calls++;
    stats.ms += performance.now() - started;
    stats.sent += JSON.stringify({
      method: sent!.method,
      endpoint: sent!.endpoint,
      headers: sent!.headers,
    }).length + (sent!.body?.length ?? 0);
    stats.received += JSON.stringify({ code: answer.code, headers: answer.headers }).length +
      answer.body.length;
    return answer;
  };
  // The network is a frozen object of closures: a copy with one member swapped.
  const counted: Network = { ...network, serverRequest };
  return { network: counted, stats };
}

async function busyRoom(count: number) {
  await fill(count);
  const { network } = countingNetwork();
  const client = await openClient(network);
  const bot = new Bot(client, { logSink: () => {} });
  bot.use(moderation({ words: ["spam*"], links: "block", flood: false }));
  for (let i = 0; i < 10; i++) bot.use((_ctx: Context, next) => next());
  let handled = 0;
  const done = Promise.withResolvers<void>();
  const count1 = () => void (++handled === count && done.resolve());
  bot.command("count", count1);
  bot.on("community:message:text", count1);
  bot.catch((err) => console.error("handler failed:", err.message));
  await client.communities.join(joinLink, { history: true, pollInterval: { min: 20, max: 200 } });
  const progress = setInterval(() => console.error(`… ${handled}/${count}`), 5000);
  const started = performance.now();
  await bot.start();
  await done.promise.finally(() => clearInterval(progress));
  const seconds = (performance.now() - started) / 1000;
  await bot.stop();
  return { posts: count, seconds: round(seconds), perSecond: Math.round(count / seconds) };
}

async function idlePolls(rooms: number, idleMs: number) {
  const { network, stats } = countingNetwork();
  const client = await openClient(network);
  for (let i = 0; i < rooms; i++) {
    const token = i === 0 ? "lobby" : `quiet${i}`;
    if (i > 0) await admin.createRoom(token, `Quiet ${i}`);
    await client.communities.join(linkOf(token), { pollInterval: { min: 100, max: 100 } });
  }
  await client.start();
  await new Promise((r) => setTimeout(r, 1000)); // first rounds: capabilities, catch-up
  const before = { ...stats };
  await new Promise((r) => setTimeout(r, idleMs));
  const calls = stats.calls - before.calls;
  await client.stop();
  return {
    rooms,
    polls: calls,
    msPerPoll: round((stats.ms - before.ms) / calls),
    bytesSentPerPoll: Math.round((stats.sent - before.sent) / calls),
    bytesReceivedPerPoll: Math.round((stats.received - before.received) / calls),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

try {
  const busy = await busyRoom(Number(values.posts));
  const oneRoom = await idlePolls(1, Number(values["idle-ms"]));
  const manyRooms = await idlePolls(Number(values.rooms), Number(values["idle-ms"]));
  const extra = manyRooms.rooms - oneRoom.rooms;
  const perExtraRoom = extra > 0
    ? {
      ms: round((manyRooms.msPerPoll - oneRoom.msPerPoll) / extra),
      bytes: Math.round(
        (manyRooms.bytesSentPerPoll + manyRooms.bytesReceivedPerPoll -
          oneRoom.bytesSentPerPoll - oneRoom.bytesReceivedPerPoll) / extra,
      ),
    }
    : undefined;
  console.log(JSON.stringify({ busy, idle: { oneRoom, manyRooms, perExtraRoom } }, null, 2));
} finally {
  await Promise.allSettled(clients.map((c) => c.stop()));
  kvs.forEach((kv) => kv.close());
  await Promise.allSettled(networks.map((n) => n.close()));
  await devnet.stop();
}
