/**
 * Bot support for communities on the devnet: two users and a bot in the lobby of the devnet's
 * community server, everything real (onion requests, blinded auth, KV inboxes).
 */
import assert from "node:assert/strict";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";
import { FAST, joinAs, nextPost } from "./_community_devnet.ts";

Deno.test("community bot on the devnet: commands answer in the room, reactions and DMs reach filters", async () => {
  await using net = await createTestNetwork();
  const link = net.devnet.community.joinLink;
  const seen: string[] = [];
  const bot = await net.createBot(async (bot) => {
    bot.command("ping", (ctx) => ctx.reply("pong", { quote: true }));
    bot.on("community:reaction:added", (ctx) => void seen.push(`reaction ${ctx.event.emoji}`));
    bot.on("community:dm:text", async (ctx) => {
      seen.push(`dm ${ctx.text}`);
      await ctx.reply(`got your DM: ${ctx.text}`);
    });
    bot.on("community:message:text", (ctx) => void seen.push(`post ${ctx.text}`));
    await bot.client.communities!.join!(link, FAST);
  });
  const alice = await net.createUser("alice");
  const bob = await net.createUser("bob");
  const [aliceRoom, bobRoom] = [await joinAs(alice, link), await joinAs(bob, link)];

  const asked = await aliceRoom.post("/ping");
  const reply = await nextPost(bob, (e) => e.body === "pong");
  assert.ok(bot.client.communities!.get(link)!.isMe(reply.from), "the bot posted the reply");
  assert.equal(reply.quote?.author, aliceRoom.me);
  const seenByAlice = await nextPost(alice, (e) => e.body === "pong");
  assert.equal(seenByAlice.messageId, reply.messageId);

  await bobRoom.post("just chatting");
  await bobRoom.react(asked.id, "👍");
  const botBlinded = reply.from;
  await aliceRoom.sendDm(botBlinded, "hello bot");
  const answer = await alice.nextEvent("community:dm", { timeout: 20_000 });
  assert.equal(answer.body, "got your DM: hello bot");
  await waitFor(() => seen.length >= 3, { what: "the post, reaction and DM at the bot" });
  assert.deepEqual(seen.sort(), ["dm hello bot", "post just chatting", "reaction 👍"]);
});

Deno.test("community bot on the devnet: files in a room are downloaded, and a reply can carry one", async () => {
  await using net = await createTestNetwork();
  const link = net.devnet.community.joinLink;
  await net.createBot(async (bot) => {
    bot.on("community:message:attachments", async (ctx) => {
      const file = await ctx.download();
      const text = new TextDecoder().decode(file.bytes);
      await ctx.reply({
        body: `got ${file.fileName}: ${file.size} bytes`,
        attachments: [{
          bytes: new TextEncoder().encode(text.toUpperCase()),
          fileName: "loud.txt",
        }],
      });
    });
    await bot.client.communities!.join!(link, FAST);
  });
  const alice = await net.createUser("alice");
  const room = await joinAs(alice, link);
  await room.post({
    body: "see attached",
    attachments: [{ bytes: new TextEncoder().encode("quiet words"), fileName: "note.txt" }],
  });
  const reply = await nextPost(alice, (e) => e.body?.startsWith("got ") ?? false);
  assert.equal(reply.body, "got note.txt: 11 bytes");
  const fileId = Number(reply.attachments[0].url!.split("/file/")[1]);
  assert.equal(new TextDecoder().decode(await room.download(fileId)), "QUIET WORDS");
});
