import assert from "node:assert/strict";
import { Bot } from "../../src/bot/mod.ts";
import { Identity } from "../../src/crypto/mod.ts";
import { createTestNetwork } from "../../src/testing/mod.ts";

Deno.test("kit: a bot test in ten lines", async () => {
  await using net = await createTestNetwork();
  await net.createBot((bot) => bot.command("ping", (ctx) => ctx.reply("pong")));
  const alice = await net.createUser("alice");
  await alice.send("/ping");
  assert.equal((await alice.nextMessage()).body, "pong");
});

Deno.test("kit: users talk to each other, react, filter by sender, see display names", async () => {
  await using net = await createTestNetwork();
  const [alice, bob, carol] = await Promise.all(
    ["alice", "bob", "carol"].map((n) => net.createUser(n)),
  );
  await carol.send(bob, "from carol");
  await alice.send(bob.sessionId, "from alice");
  const fromAlice = await bob.nextMessage({ from: alice });
  assert.equal(fromAlice.body, "from alice");
  assert.equal(fromAlice.profile?.displayName, "alice");
  assert.equal((await bob.nextMessage()).body, "from carol", "the other message is still there");
  await bob.react(fromAlice, "❤️");
  const reaction = await alice.nextEvent("reaction");
  assert.equal(reaction.emoji, "❤️");
  assert.equal(reaction.target.author, alice.sessionId);
  assert.equal(bob.messages.length, 2);
});

Deno.test("kit: attachments go through the devnet's file server", async () => {
  await using net = await createTestNetwork();
  const [alice, bob] = await Promise.all([net.createUser("alice"), net.createUser("bob")]);
  const bytes = crypto.getRandomValues(new Uint8Array(5000));
  await alice.send(bob, { body: "a file", attachments: [{ bytes, fileName: "data.bin" }] });
  const message = await bob.nextMessage();
  assert.equal(message.attachments[0].fileName, "data.bin");
  assert.deepEqual((await bob.download(message.attachments[0])).bytes, bytes);
});

Deno.test("kit: friendly errors: no recipient, nothing received in time", async () => {
  await using net = await createTestNetwork({ timeoutMs: 300 });
  const alice = await net.createUser("alice");
  await assert.rejects(
    alice.send("hi"),
    /alice\.send\(text\) needs a recipient: create a bot first/,
  );
  await assert.rejects(
    alice.nextMessage(),
    /alice\.nextMessage\(\): nothing within 300 ms\. alice received 0 message\(s\)\. Is the bot running/,
  );
});

Deno.test("kit: createBot with a given identity, not started; clientOptions for your own bots", async () => {
  await using net = await createTestNetwork();
  const identity = Identity.generate();
  const bot = await net.createBot(
    (b) => b.on("message:text", (ctx) => ctx.reply(ctx.text.toUpperCase())),
    {
      identity,
      start: false,
    },
  );
  assert.equal(bot.me, identity.sessionId);
  assert.equal(bot.running, false);
  await bot.start();
  const alice = await net.createUser();
  assert.equal(alice.name, "user1");
  await alice.send("shout");
  assert.equal((await alice.nextMessage()).body, "SHOUT");

  await using own = await Bot.create({
    ...net.clientOptions(),
    kv: ":memory:",
    identity: Identity.generate(),
  });
  own.on("message:text", (ctx) => ctx.reply("own bot"));
  await own.start();
  await alice.send(own, "hello");
  assert.equal((await alice.nextMessage({ from: own })).body, "own bot");
});
