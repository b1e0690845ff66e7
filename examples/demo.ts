/**
 * The main demo: a local Session network (9 service nodes in 3 swarms, HTTPS, onion routing, a
 * file server, a community server), the counter bot of `examples/counter.ts` on it, and a
 * simulated user, alice.
 *
 * Act 1, 1:1: alice chats with the bot: commands, a per-user counter kept in `session()`, an
 * attachment, a reaction. Every message is end-to-end encrypted, signed and sent through 3-hop
 * onion paths.
 *
 * Act 2, the bot as a service (`examples/demo_service.ts`): the bot and alice join the devnet's
 * community lobby and the bot answers alice's post there; from then on every message the bot
 * handles goes as a signed webhook (the `webhooks()` plugin) to a local receiver that verifies
 * the Standard Webhooks signature itself; and the HTTP API (`createWebhookServer`, bearer token)
 * sends alice a message, lists the events the bot logged and shows its metrics.
 *
 * Run: `deno task demo` (scripted, both acts, exits 0), or `deno task demo --interactive` to
 * chat with the bot yourself (act 1 only).
 *
 * @module
 */
import type { MessageEvent } from "../src/client/session/mod.ts";
import { createTestNetwork, type TestUser } from "../src/testing/mod.ts";
import { counter, type CounterContext } from "./counter.ts";
import { type Bridge, installBridge, serviceAct } from "./demo_service.ts";

const began = performance.now();
const interactive = Deno.args.includes("--interactive");
await using net = await createTestNetwork({ nodes: 9, swarms: 3, timeoutMs: 20_000 });
let bridge!: Bridge; // the event log and webhooks queue act 2 uses, fed from the start
const bot = await net.createBot<CounterContext>((bot) => {
  bridge = installBridge(bot);
  counter(bot);
}, { displayName: "Counter bot" });
const alice = await net.createUser("alice");
const short = (id: string) => `${id.slice(0, 10)}…${id.slice(-4)}`;

console.log(
  `devnet: ${net.devnet.nodes.length} nodes in ${net.devnet.swarmIds.length} swarms, seed ${net.seedUrl}`,
);
console.log(
  `bot    ${short(bot.me)}  examples/counter.ts: commands, session() counter, files, reactions`,
);
console.log(`alice  ${short(alice.sessionId)}  a simulated user\n`);

/** How a message reads in the transcript. */
function show(message: { body?: string; attachments?: readonly { fileName?: string }[] }): string {
  const files = (message.attachments ?? []).map((a) => `[file ${a.fileName ?? "attachment"}]`);
  return [message.body, ...files].filter(Boolean).join(" ").replaceAll("\n", "\n              ");
}

/** Waits for the bot's next `count` messages and prints them. */
async function printReplies(user: TestUser, count: number): Promise<MessageEvent[]> {
  const replies: MessageEvent[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await user.nextMessage({ from: bot });
    console.log(`bot → alice   ${show(reply)}`);
    replies.push(reply);
  }
  return replies;
}

if (!interactive) {
  let sent = 0;
  const say = async (
    input: string | { attachments: { bytes: Uint8Array; fileName: string }[] },
  ) => {
    console.log(`alice → bot   ${typeof input === "string" ? input : show(input)}`);
    sent++;
    await alice.send(input);
    return (await printReplies(alice, 1))[0];
  };
  await say("/start");
  await say("/count");
  await say("/count");
  await say("/count");
  await say("/help");
  const about = await say({ attachments: [{ bytes: tinyPng(), fileName: "sunset.png" }] });
  console.log(`alice reacts 👍 to "${about.body?.slice(0, 24)}…"`);
  await alice.react(about, "👍");
  sent++;
  await printReplies(alice, 1);
  await say("/reset");
  const replies = alice.messages.length;
  const act2 = await serviceAct({ net, bot, alice, bridge });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(
    `\ndone in ${seconds} s: ${sent} messages to the bot and ${replies} replies, each end-to-end ` +
      `encrypted, signed and sent through 3-hop onion paths (${net.network.paths().length} paths ` +
      `built); act 2: ${act2.roomReplies} room post answered, ${act2.verifiedWebhooks} webhooks ` +
      `verified, ${act2.apiMessages} message sent through the HTTP API`,
  );
} else {
  console.log(
    "Type a message for the bot. :react <emoji> reacts to its last message, :file <path> sends a file,",
  );
  console.log(":quit (or Ctrl+D) ends the demo.\n");
  await chat();
}

/** The interactive loop: stdin lines to the bot, its replies printed as they come. */
async function chat(): Promise<void> {
  let last: MessageEvent | undefined;
  let activity = performance.now();
  const listening = (async () => {
    for (;;) {
      last = await alice.nextMessage({ from: bot, timeout: 24 * 3600_000 }).catch(() => undefined);
      if (!last) return;
      activity = performance.now();
      console.log(`bot → you   ${show(last)}`);
    }
  })();
  const send = async (line: string) => {
    activity = performance.now();
    if (line.startsWith(":react ")) {
      if (last) await alice.react(last, line.slice(7).trim());
      else console.log("(nothing to react to yet)");
    } else if (line.startsWith(":file ")) {
      const path = line.slice(6).trim();
      await alice.send({
        attachments: [{ bytes: await Deno.readFile(path), fileName: path.split("/").pop() }],
      });
    } else await alice.send(line);
  };
  let rest = "";
  reading: for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    for (const line of lines.map((l) => l.trim()).filter(Boolean)) {
      if (line === ":quit") break reading;
      await send(line).catch((error) => console.log(`(not sent: ${error.message})`));
    }
  }
  // Let the last replies arrive: stop after 1.5 s without traffic.
  while (performance.now() - activity < 1500) await new Promise((r) => setTimeout(r, 100));
  await alice.close();
  await listening;
}

/** A 64×48 PNG header with filler: enough for the bot to see an image. */
function tinyPng(): Uint8Array {
  const bytes = new Uint8Array(233);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, 64);
  new DataView(bytes.buffer).setUint32(20, 48);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}
