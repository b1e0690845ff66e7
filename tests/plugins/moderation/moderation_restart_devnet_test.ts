/**
 * The moderation plugin across a restart and around moderators, on the devnet's community
 * server: a warning given before the bot restarts (same identity, same KV store) still counts
 * after it, so the next offence mutes; room and global moderators posting a banned word are
 * left alone while an ordinary user's post is deleted.
 */
import assert from "node:assert/strict";
import type { Bot } from "../../../src/bot/mod.ts";
import { SessionBotError } from "../../../src/core/errors.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import { moderation } from "../../../src/plugins/mod.ts";
import { createTestNetwork, waitFor } from "../../../src/testing/mod.ts";
import { FAST, joinAs, nextPost } from "../../bot/_community_devnet.ts";

const RULES = { words: ["spam*"], warnings: 1, muteSeconds: 300 } as const;

Deno.test("moderation on the devnet: a warning survives a restart; the next offence mutes", async () => {
  const kv = await Deno.openKv(":memory:"); // the bot's store, kept across the restart
  try {
    await using net = await createTestNetwork();
    const { joinLink: link, admin } = net.devnet.community;
    const identity = Identity.fromSeed("6d".repeat(32));
    const first = await net.createBot(async (bot: Bot) => {
      bot.use(moderation(RULES));
      await bot.client.communities!.join!(link, FAST);
    }, { kv, identity });
    await admin.addModerator(first.me);
    const alice = await net.createUser("alice");
    const bob = await net.createUser("bob"); // a witness: sees the notices and deletions
    const aliceRoom = await joinAs(alice, link);
    await joinAs(bob, link);

    const banned = await aliceRoom.post("cheap SPAM");
    const warning = await nextPost(
      alice,
      (e) => e.body?.includes("keep to the room rules") ?? false,
    );
    assert.match(warning.body ?? "", /Next time you will be muted for 5 min/);
    assert.equal(
      (await bob.nextEvent("community:deletion", { timeout: 20_000 })).messageId,
      banned.id,
    );
    await first.stop(); // lets the handler's commit land, as a clean shutdown does

    // The same bot (identity and store) comes back with a fresh plugin: nothing in memory.
    const handled: string[] = [];
    await net.createBot((bot: Bot) => {
      bot.use(moderation(RULES));
      bot.on("community:message:text", (ctx) => void handled.push(ctx.text));
    }, { kv, identity });
    await aliceRoom.post("more spam");
    const muted = await nextPost(bob, (e) => e.body?.includes("is muted") ?? false);
    assert.equal(muted.body, `@${aliceRoom.me} is muted for 5 min: a banned word.`);
    await assert.rejects(
      aliceRoom.post("let me talk"),
      (e) => e instanceof SessionBotError && e.code === "forbidden",
    );
    assert.deepEqual(handled, []);
    // The record in the plugin's namespace: the warning was spent on the mute.
    const stored = await kv.get<{ times: number[]; mutes: number }>(
      ["plugin", first.me, "moderation", "strikes", `${aliceRoom.server}/lobby`, aliceRoom.me],
    );
    assert.deepEqual([stored.value?.times.length, stored.value?.mutes], [0, 1]);
  } finally {
    kv.close();
  }
});

Deno.test("moderation on the devnet: room and global moderators are exempt by default", async () => {
  await using net = await createTestNetwork();
  const { joinLink: link, admin } = net.devnet.community;
  const handled: string[] = [];
  const bot = await net.createBot(async (bot) => {
    bot.use(moderation({ words: ["spam*"] }));
    bot.on("community:message:text", (ctx) => void handled.push(ctx.text));
    await bot.client.communities!.join!(link, FAST);
  });
  await admin.addModerator(bot.me);
  const [moderator, global, alice] = await Promise.all(
    ["moderator", "global", "alice"].map((name) => net.createUser(name)),
  );
  await admin.addModerator(moderator.sessionId);
  await admin.addModerator(global.sessionId, { global: true });
  const [modRoom, globalRoom, aliceRoom] = await Promise.all(
    [moderator, global, alice].map((user) => joinAs(user, link)),
  );

  await modRoom.post("spam, said the moderator");
  await globalRoom.post("spam, said the global moderator");
  await aliceRoom.post("spam, said alice");
  // Posts of one room are handled in order: once alice is warned, the others were judged.
  const warning = await nextPost(moderator, (e) => e.body?.includes("keep to the room") ?? false);
  assert.equal(warning.body?.startsWith(`@${aliceRoom.me} `), true);
  await waitFor(() => handled.length === 2, { what: "the moderators' posts at the bot" });
  // Moderated posts stop at the plugin: these two reached the handler, so were left alone.
  assert.deepEqual(handled, ["spam, said the moderator", "spam, said the global moderator"]);
  const notices = moderator.events.filter((e) =>
    e.type === "community:message" &&
    /keep to the room|is muted/.test((e as { body?: string }).body ?? "")
  );
  assert.equal(notices.length, 1); // alice's warning only

  // Alice is made a moderator while the bot runs: the bot's poll brings the room's new details
  // (info_updates moved), so she is exempt from then on, not after a cache expiry.
  await admin.addModerator(alice.sessionId);
  const botRoom = bot.client.communities!.get!(link)!;
  await waitFor(
    () => botRoom.details()?.moderators.some((id) => aliceRoom.isMe(id)),
    { what: "alice among the moderators in the bot's room details" },
  );
  await aliceRoom.post("spam, said alice the moderator");
  await waitFor(() => handled.length === 3, { what: "alice's post at the handler" });
  assert.equal(handled[2], "spam, said alice the moderator");
});
