/**
 * Durable conversations (a KV store given): the journal lets a conversation continue after a
 * restart by replaying its steps without sending again, a redelivered event (a lost inbox
 * commit) neither advances nor sends twice, and timeouts, cancels and ends drop the journal.
 */
import assert from "node:assert/strict";
import { Bot, type BotEvent, type Context } from "../../../src/bot/mod.ts";
import { createTx } from "../../../src/client/session/tx.ts";
import {
  conversation,
  type ConversationFlavor,
  defineConversation,
} from "../../../src/plugins/mod.ts";
import { waitFor } from "../../../src/testing/mod.ts";
import { ALICE, BOB, FakeClient, text } from "../../bot/_helpers.ts";

type C = Context & ConversationFlavor;

const order = defineConversation<C>(async (conv, ctx) => {
  await ctx.reply("Which size?");
  const size = await conv.waitFor("message:text");
  const address = await conv.ask(`A ${size.text} pizza. Where to?`);
  address.tx.set(["orders", address.chat], `${size.text} to ${address.text}`);
  await address.reply(`${size.text} pizza to ${address.text}`);
});

/** One process of the bot: a fresh client, bot and plugin on the shared store. */
function start(kv: Deno.Kv, options: Partial<Parameters<typeof conversation>[0]> = {}) {
  const client = new FakeClient();
  const bot = new Bot<C>(client, { kv });
  bot.catch(() => {});
  bot.use(conversation({ conversations: { order }, ...options }));
  bot.command("order", (ctx) => ctx.conversation.enter("order"));
  bot.on("message", (ctx) => ctx.reply(`fallback: ${ctx.text || "?"}`));
  /** Handles `event` like the inbox does; `commit: false` simulates dying before the commit. */
  async function deliver(event: BotEvent, { commit = true } = {}): Promise<void> {
    const { tx, ops } = createTx();
    await bot.handleEvent({ ...event, tx } as BotEvent);
    if (!commit) return;
    const atomic = kv.atomic();
    ops.forEach((op) => op(atomic));
    assert.ok((await atomic.commit()).ok, "the inbox commit failed");
  }
  return { client, bot, deliver };
}

async function journal(kv: Deno.Kv): Promise<string[]> {
  const entries = await Array.fromAsync(kv.list({ prefix: ["plugin"] }));
  return entries.map((e) => e.key.slice(3, 4).join("/"));
}

async function withKv(fn: (kv: Deno.Kv) => Promise<void>): Promise<void> {
  const kv = await Deno.openKv(":memory:");
  try {
    await fn(kv);
  } finally {
    kv.close();
  }
}

Deno.test("durable conversation: continues after a restart without sending again", () =>
  withKv(async (kv) => {
    const first = start(kv);
    await first.deliver(text("/order"));
    await first.deliver(text("large"));
    assert.deepEqual(first.client.texts(), ["Which size?", "A large pizza. Where to?"]);
    assert.deepEqual(await journal(kv), ["active", "step", "step"]);
    await first.bot.stop();

    const second = start(kv);
    await second.deliver(text("hi", BOB)); // other chats are not affected
    await second.deliver(text("Main St 1"));
    await second.deliver(text("after"));
    assert.deepEqual(second.client.texts(ALICE), ["large pizza to Main St 1", "fallback: after"]);
    assert.deepEqual(second.client.texts(BOB), ["fallback: hi"]);
    assert.equal((await kv.get(["orders", ALICE])).value, "large to Main St 1");
    assert.deepEqual(await journal(kv), []);
  }));

Deno.test("durable conversation: a redelivered event neither advances nor sends twice", () =>
  withKv(async (kv) => {
    const bot = start(kv);
    const enter = text("/order");
    await bot.deliver(enter, { commit: false });
    await bot.deliver(enter); // the entering event again: not entered twice
    const large = text("large");
    await bot.deliver(large, { commit: false });
    await bot.deliver(large); // same event ID: re-recorded, not taken as the address
    assert.deepEqual(await journal(kv), ["active", "step", "step"]);
    const home = text("home");
    await bot.deliver(home, { commit: false });
    await bot.deliver(home); // the last answer again: the journal goes, nothing is sent
    assert.deepEqual(bot.client.texts(), [
      "Which size?",
      "A large pizza. Where to?",
      "large pizza to home",
    ]);
    assert.equal((await kv.get(["orders", ALICE])).value, "large to home");
    assert.deepEqual(await journal(kv), []);
  }));

Deno.test("durable conversation: a crash before the commit replays up to the last commit", () =>
  withKv(async (kv) => {
    const first = start(kv);
    await first.deliver(text("/order"));
    const large = text("large");
    await first.deliver(large, { commit: false }); // the process dies before the commit
    await first.bot.stop();

    const second = start(kv);
    await second.deliver(large); // redelivered to the next process: advances once
    await second.deliver(text("home"));
    // The step whose commit was lost runs again: its send is at-least-once.
    assert.deepEqual(second.client.texts(), ["A large pizza. Where to?", "large pizza to home"]);
    assert.equal((await kv.get(["orders", ALICE])).value, "large to home");
    assert.deepEqual(await journal(kv), []);
  }));

Deno.test("durable conversation: /cancel after a restart ends it and drops the journal", () =>
  withKv(async (kv) => {
    const first = start(kv);
    await first.deliver(text("/order"));
    await first.bot.stop();
    const second = start(kv);
    await second.deliver(text("/cancel"));
    await second.deliver(text("large"));
    assert.deepEqual(second.client.texts(), ["Cancelled.", "fallback: large"]);
    assert.deepEqual(await journal(kv), []);
  }));

Deno.test("durable conversation: a wait that timed out during the restart ends it", () =>
  withKv(async (kv) => {
    const first = start(kv, { timeoutMs: 20, timeoutReply: "Too slow." });
    await first.deliver(text("/order"));
    await first.bot.stop();
    await new Promise((r) => setTimeout(r, 60));
    const second = start(kv, { timeoutMs: 20, timeoutReply: "Too slow." });
    await second.deliver(text("large"));
    assert.deepEqual(second.client.texts(), ["Too slow.", "fallback: large"]);
    assert.deepEqual(await journal(kv), []);
  }));

Deno.test("durable conversation: a restarted bot times out journaled waits by itself", () =>
  withKv(async (kv) => {
    const first = start(kv, { timeoutMs: 50, timeoutReply: "Too slow." });
    await first.deliver(text("/order"));
    await first.bot.stop();
    const second = start(kv, { timeoutMs: 50, timeoutReply: "Too slow." });
    await second.bot.start();
    try {
      await waitFor(() => second.client.texts().length > 0, { what: "the timeout note" });
      assert.deepEqual(second.client.texts(), ["Too slow."]);
      await waitFor(async () => (await journal(kv)).length === 0, { what: "the journal drop" });
    } finally {
      await second.bot.stop();
    }
  }));

Deno.test("durable conversation: entering another one replaces a restored one", () =>
  withKv(async (kv) => {
    const first = start(kv);
    await first.deliver(text("/order"));
    await first.deliver(text("small"));
    await first.bot.stop();
    const second = start(kv);
    await second.deliver(text("/cancel"));
    await second.deliver(text("/order"));
    await second.deliver(text("large"));
    assert.deepEqual(second.client.texts(), [
      "Cancelled.",
      "Which size?",
      "A large pizza. Where to?",
    ]);
    assert.deepEqual(await journal(kv), ["active", "step", "step"]);
    await second.bot.stop();
  }));

Deno.test("durable conversation: now(), random() and external() replay their recorded values", () =>
  withKv(async (kv) => {
    let lookups = 0;
    const guess = defineConversation<C>(async (conv) => {
      const secret = conv.random();
      const at = conv.now();
      const price = await conv.external(() => ++lookups);
      const answer = await conv.ask(`secret ${secret} at ${at} for ${price}`);
      await answer.reply(`${answer.text}: ${secret} ${at} ${price}`);
    });
    const boot = () => {
      const client = new FakeClient();
      const bot = new Bot<C>(client, { kv });
      bot.use(conversation({ conversations: { guess } }));
      bot.command("guess", (ctx) => ctx.conversation.enter("guess"));
      const deliver = async (event: BotEvent) => {
        const { tx, ops } = createTx();
        await bot.handleEvent({ ...event, tx } as BotEvent);
        const atomic = kv.atomic();
        ops.forEach((op) => op(atomic));
        assert.ok((await atomic.commit()).ok);
      };
      return { client, bot, deliver };
    };
    const first = boot();
    await first.deliver(text("/guess"));
    await first.bot.stop();
    const [question] = first.client.texts();
    const second = boot();
    await second.deliver(text("7"));
    assert.equal(lookups, 1);
    assert.deepEqual(second.client.texts(), [
      `7: ${question.replace(/^secret (\S+) at (\S+) for (\S+)$/, "$1 $2 $3")}`,
    ]);
  }));

Deno.test("durable conversation: a redelivered entering event runs its handler, enters once", () =>
  withKv(async (kv) => {
    const quick = defineConversation<C>(async (conv, ctx) => {
      ctx.tx.sum(["quick"], 1n);
      await conv.reply("quick done");
    });
    const client = new FakeClient();
    const bot = new Bot<C>(client, { kv });
    bot.use(conversation({ conversations: { order, quick } }));
    bot.command("order", (ctx) => (ctx.tx.sum(["handled"], 1n), ctx.conversation.enter("order")));
    bot.command("quick", (ctx) => (ctx.tx.sum(["handled"], 1n), ctx.conversation.enter("quick")));
    const deliver = async (event: BotEvent, commit: boolean) => {
      const { tx, ops } = createTx();
      await bot.handleEvent({ ...event, tx } as BotEvent);
      if (!commit) return;
      const atomic = kv.atomic();
      ops.forEach((op) => op(atomic));
      assert.ok((await atomic.commit()).ok);
    };
    const quickly = text("/quick", BOB);
    await deliver(quickly, false);
    await deliver(quickly, true);
    const ordering = text("/order");
    await deliver(ordering, false);
    await deliver(ordering, true);
    assert.deepEqual(client.texts(BOB), ["quick done"]);
    assert.deepEqual(client.texts(ALICE), ["Which size?"]);
    assert.equal((await kv.get<Deno.KvU64>(["handled"])).value?.value, 2n);
    assert.equal((await kv.get<Deno.KvU64>(["quick"])).value?.value, 1n);
    assert.deepEqual(await journal(kv), ["active", "step"]);
    await bot.stop();
  }));

Deno.test("durable conversation: each step writes its own entry and the head, not the log", () =>
  withKv(async (kv) => {
    const echo = defineConversation<C>(async (conv) => {
      for (let i = 0; i < 5; i++) await conv.wait();
    });
    const client = new FakeClient();
    const bot = new Bot<C>(client, { kv });
    bot.use(conversation({ conversations: { echo } }));
    bot.command("echo", (ctx) => ctx.conversation.enter("echo"));
    const written: number[] = [];
    for (const body of ["/echo", "a", "b", "c", "d"]) {
      const { tx, ops } = createTx();
      await bot.handleEvent({ ...text(body), tx } as BotEvent);
      written.push(ops.length);
      const atomic = kv.atomic();
      ops.forEach((op) => op(atomic));
      assert.ok((await atomic.commit()).ok);
    }
    assert.deepEqual(written, [2, 2, 2, 2, 2]);
    assert.equal((await journal(kv)).length, 6);
    await bot.stop();
  }));
