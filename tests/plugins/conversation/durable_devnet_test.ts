/**
 * Durable conversations on the devnet: a survey restarted between two answers (same identity,
 * same KV store, new Bot and client) goes on where it was; the answers are collected in order
 * and no question reaches the user twice.
 */
import assert from "node:assert/strict";
import type { Bot, Context } from "../../../src/bot/mod.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import {
  conversation,
  type ConversationFlavor,
  defineConversation,
} from "../../../src/plugins/mod.ts";
import { createTestNetwork } from "../../../src/testing/mod.ts";

type C = Context & ConversationFlavor;

const questions = defineConversation<C>(async (conv) => {
  const name = await conv.ask("Your name?");
  let rating = await conv.ask(`Hi ${name.text}! Rate us from 1 to 5`);
  while (!/^[1-5]$/.test(rating.text)) rating = await conv.ask("A number from 1 to 5, please.");
  const comment = await conv.ask("Anything to add?");
  comment.tx.set(["answers", comment.chat], [name.text, rating.text, comment.text]);
  await comment.reply(`Thanks ${name.text}: ${rating.text}/5, "${comment.text}"`);
});

function survey(bot: Bot<C>): void {
  bot.use(conversation({ conversations: { survey: questions } }));
  bot.command("survey", (ctx) => ctx.conversation.enter("survey"));
  bot.command("done", (ctx) => ctx.reply("ok"));
}

Deno.test("durable conversation on the devnet: a survey survives a restart between answers", async () => {
  const kv = await Deno.openKv(":memory:"); // the bot's store, kept across the restart
  try {
    await using net = await createTestNetwork();
    const identity = Identity.fromSeed("5c".repeat(32));
    const first = await net.createBot(survey, { kv, identity });
    const alice = await net.createUser("alice");
    const ask = async (text: string) => (await alice.send(text), (await alice.nextMessage()).body);

    assert.equal(await ask("/survey"), "Your name?");
    assert.equal(await ask("Alice"), "Hi Alice! Rate us from 1 to 5");
    assert.equal(await ask("great"), "A number from 1 to 5, please.");
    await first.stop(); // a deploy: lets the last handler's commit land, then stops

    // The same bot (identity and store) comes back: a new Bot, client and plugin.
    const second = await net.createBot(survey, { kv, identity });
    assert.equal(await ask("4"), "Anything to add?");
    assert.equal(await ask("Nice"), 'Thanks Alice: 4/5, "Nice"');
    assert.equal(await ask("/done"), "ok"); // anything sent twice would have arrived by now
    assert.deepEqual(alice.messages.map((m) => m.body), [
      "Your name?",
      "Hi Alice! Rate us from 1 to 5",
      "A number from 1 to 5, please.",
      "Anything to add?",
      'Thanks Alice: 4/5, "Nice"',
      "ok",
    ]);
    const stored = await kv.get(["answers", alice.sessionId]);
    assert.deepEqual(stored.value, ["Alice", "4", "Nice"]);
    const journal = await Array.fromAsync(
      kv.list({ prefix: ["plugin", second.me, "conversation"] }),
    );
    assert.deepEqual(journal, []);
  } finally {
    kv.close();
  }
});
