/**
 * The moderation plugin's strikes in KV: counted through the event's inbox transaction (a
 * retried event counts once; two racing offences cannot lose a strike), a plain atomic write
 * for events without one, and a restart of the bot on the same store. The transaction is the
 * client's own recorder (`createTx`), committed here the way the inbox commits it: its ops
 * replayed onto one real KV atomic commit.
 */
import assert from "node:assert/strict";
import { Bot, type CommunityMessageEvent } from "../../../src/bot/mod.ts";
import { createTx } from "../../../src/client/session/tx.ts";
import { moderation, type ModerationOptions } from "../../../src/plugins/mod.ts";
import { ALICE_BLINDED, FakeCommunityClient, ME, post, ROOM_CHAT } from "../../bot/_community.ts";

const OPTIONS: ModerationOptions = { words: ["spam"], warnings: 1, muteSeconds: 120 };

function setup(kv: Deno.Kv, options: ModerationOptions = OPTIONS) {
  const client = new FakeCommunityClient();
  const bot = new Bot(client, { kv, logSink: () => {} });
  bot.use(moderation(options));
  return { bot, room: client.community };
}

/** Handles `event` with a fresh inbox transaction; `commit()` writes what it recorded. */
async function handle(bot: Bot, kv: Deno.Kv, event: CommunityMessageEvent) {
  const recorder = createTx();
  await bot.handleEvent({ ...event, tx: recorder.tx });
  return {
    checks: recorder.checks(),
    async commit(): Promise<boolean> {
      const atomic = kv.atomic();
      for (const op of recorder.ops) op(atomic);
      return (await atomic.commit()).ok;
    },
  };
}

const strikesKey = (user = ALICE_BLINDED) =>
  ["plugin", ME, "moderation", "strikes", ROOM_CHAT, user] as const;

Deno.test("moderation strikes: a retried event counts once; the next offence mutes", async () => {
  using kv = await Deno.openKv(":memory:");
  const { bot, room } = setup(kv);
  const first = post("spam");

  // The first try is handled but never committed (the process died): nothing is counted.
  const lost = await handle(bot, kv, first);
  assert.equal(lost.checks, 1);
  assert.equal((await kv.get([...strikesKey()])).value, null);

  // The redelivery counts it, once.
  const retried = await handle(bot, kv, first);
  assert.equal(await retried.commit(), true);
  const stored = await kv.get<{ times: number[]; mutes: number }>([...strikesKey()]);
  assert.equal(stored.value?.times.length, 1);
  assert.equal(stored.value?.mutes, 0);
  // The stale first try can no longer land on top of it.
  assert.equal(await lost.commit(), false);
  assert.deepEqual(room.of("mute"), []);

  const second = await handle(bot, kv, post("more spam"));
  assert.equal(await second.commit(), true);
  assert.deepEqual(room.of("mute"), [[ALICE_BLINDED, { seconds: 120 }]]);
  const after = await kv.get<{ times: number[]; mutes: number }>([...strikesKey()]);
  assert.deepEqual([after.value?.times.length, after.value?.mutes], [0, 1]);
});

Deno.test("moderation strikes: two racing offences of one user cannot lose a strike", async () => {
  using kv = await Deno.openKv(":memory:");
  const { bot, room } = setup(kv);
  const a = post("spam one");
  const b = post("spam two");
  // Both are handled before either commits (the inbox commits off the conversation's chain).
  const first = await handle(bot, kv, a);
  const second = await handle(bot, kv, b);
  assert.deepEqual(room.of("mute"), []); // both read a clean slate: two warnings
  assert.equal(await first.commit(), true);
  assert.equal(await second.commit(), false); // its check failed: the client retries it
  const retry = await handle(bot, kv, b);
  assert.equal(await retry.commit(), true);
  assert.deepEqual(room.of("mute"), [[ALICE_BLINDED, { seconds: 120 }]]);
});

Deno.test("moderation strikes: without a tx a plain atomic write; a new bot on the store remembers", async () => {
  using kv = await Deno.openKv(":memory:");
  const untracked = (text: string) => ({ ...post(text), tx: undefined }) as never;
  const before = setup(kv);
  await before.bot.handleEvent(untracked("spam"));
  assert.equal(before.room.posts().length, 1);
  assert.match(before.room.posts()[0], /please keep to the room rules/);

  // "Restart": a new bot and plugin on the same store; the warning is remembered.
  const after = setup(kv);
  await after.bot.handleEvent(untracked("spam again"));
  assert.deepEqual(after.room.of("mute"), [[ALICE_BLINDED, { seconds: 120 }]]);
  assert.match(after.room.posts()[0], /is muted for 2 min/);
  const stored = await kv.get<{ exp: number }>([...strikesKey()]);
  // After a mute the record lives for the mute plus strikeTtlMs (default one hour).
  const left = stored.value!.exp - Date.now();
  assert.ok(left > 3_600_000 && left <= 3_720_000, `expires in ${left} ms`);
});

Deno.test("moderation strikes: without a KV store the bot still works, in memory, and says so", async () => {
  const client = new FakeCommunityClient();
  const logs: string[] = [];
  const bot = new Bot(client, { logSink: (r) => void logs.push(r.msg), logLevel: "warn" });
  bot.use(moderation(OPTIONS));
  assert.match(logs.join("\n"), /no KV store, so strikes are kept in memory/);
  await bot.handleEvent(post("spam"));
  await bot.handleEvent(post("spam"));
  assert.deepEqual(client.community.of("mute"), [[ALICE_BLINDED, { seconds: 120 }]]);
});
