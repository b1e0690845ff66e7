import assert from "node:assert/strict";
import { counter } from "../../examples/counter.ts";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { png } from "../png.ts";

Deno.test("examples/counter.ts: a counter per user in session(), /reset, /help", async () => {
  await using net = await createTestNetwork();
  await net.createBot(counter);
  const [alice, bob] = await Promise.all([net.createUser("alice"), net.createUser("bob")]);
  const ask = async (
    user: typeof alice,
    text: string,
  ) => (await user.send(text), (await user.nextMessage()).body);

  assert.match(await ask(alice, "/start") ?? "", /counter/);
  assert.equal(await ask(alice, "/count"), "Your count is 1.");
  assert.equal(await ask(alice, "/count"), "Your count is 2.");
  assert.equal(await ask(bob, "/count"), "Your count is 1.", "bob has his own counter");
  assert.equal(await ask(alice, "/reset"), "Your count is back to 0.");
  assert.equal(await ask(alice, "/count"), "Your count is 1.");
  assert.match(await ask(alice, "/help") ?? "", /\/count.*\n.*\/reset/s);
  assert.match(await ask(alice, "/nope") ?? "", /Unknown command \/nope/);
  assert.equal(await ask(alice, "hi"), "I only count: try /count or /help.");
});

Deno.test("examples/counter.ts: describes a received file and thanks for reactions", async () => {
  await using net = await createTestNetwork();
  await net.createBot(counter);
  const alice = await net.createUser("alice");
  await alice.send({ attachments: [{ bytes: png(64, 48), fileName: "cat.png" }] });
  const about = await alice.nextMessage();
  assert.equal(about.body, "Got cat.png (image/png, 64×48, 233 bytes, downloaded and decrypted)");
  await alice.react(about, "👍");
  assert.equal((await alice.nextMessage()).body, "Thanks for the 👍!");
});
