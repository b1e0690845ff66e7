/**
 * The moderation plugin against the devnet's community server: the bot (a room moderator)
 * deletes a banned word's post and warns, and mutes a flooder whose next post is refused.
 */
import assert from "node:assert/strict";
import { SessionBotError } from "../../../src/core/errors.ts";
import { moderation } from "../../../src/plugins/mod.ts";
import { createTestNetwork, waitFor } from "../../../src/testing/mod.ts";
import { FAST, joinAs, nextPost } from "../../bot/_community_devnet.ts";

Deno.test("moderation on the devnet: a banned word is deleted and warned; a flooder is muted", async () => {
  await using net = await createTestNetwork();
  const { joinLink: link, admin } = net.devnet.community;
  const handled: string[] = [];
  const bot = await net.createBot(async (bot) => {
    bot.use(moderation({
      words: ["spam*"],
      flood: { limit: 2, windowMs: 60_000 },
      warnings: 1,
      muteSeconds: 300,
    }));
    bot.on("community:message:text", (ctx) => void handled.push(ctx.text));
    await bot.client.communities!.join!(link, FAST);
  });
  await admin.addModerator(bot.me);
  const alice = await net.createUser("alice");
  const bob = await net.createUser("bob");
  const aliceRoom = await joinAs(alice, link);
  const bobRoom = await joinAs(bob, link);

  // A banned word: the post is deleted for everyone, and its author warned in the room.
  const banned = await aliceRoom.post("cheap SPAM here");
  const warning = await nextPost(
    bob,
    (e) => e.body?.includes("please keep to the room rules") ?? false,
  );
  assert.equal(
    warning.body,
    `@${aliceRoom.me} please keep to the room rules: a banned word. Next time you will be muted for 5 min.`,
  );
  const deleted = await bob.nextEvent("community:deletion", { timeout: 20_000 });
  assert.equal(deleted.messageId, banned.id);

  // A flood: two posts pass, the third is removed with a warning, the fourth mutes bob.
  for (const text of ["one", "two", "three", "four"]) await bobRoom.post(text);
  const muted = await nextPost(alice, (e) => e.body?.includes("is muted") ?? false);
  assert.equal(
    muted.body,
    `@${bobRoom.me} is muted for 5 min: posting too fast (4 posts in 60 s).`,
  );
  await assert.rejects(
    bobRoom.post("let me talk"),
    (e) => e instanceof SessionBotError && e.code === "forbidden",
  );
  // Alice is still free to post; the bot saw only the posts that passed.
  await aliceRoom.post("hello, calm room");
  await waitFor(() => handled.includes("hello, calm room"), { what: "alice's post at the bot" });
  assert.deepEqual(handled, ["one", "two", "hello, calm room"]);
});
