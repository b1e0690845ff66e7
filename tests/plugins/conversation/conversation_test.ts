import assert from "node:assert/strict";
import { Bot, BotError, type Context } from "../../../src/bot/mod.ts";
import {
  conversation,
  ConversationError,
  type ConversationFlavor,
  defineConversation,
} from "../../../src/plugins/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { ALICE, BOB, event, FakeClient, file, text } from "../../bot/_helpers.ts";

type C = Context & ConversationFlavor;

const order = defineConversation<C>(async (conv, ctx) => {
  await ctx.reply("Which size?");
  const size = await conv.waitFor("message:text");
  const address = await conv.ask(`A ${size.text} pizza. Where to?`);
  await address.reply(`${size.text} pizza to ${address.text}`);
});

function setup(options: Partial<Parameters<typeof conversation>[0]> = {}) {
  const client = new FakeClient();
  const bot = new Bot<C>(client);
  bot.catch(() => {});
  bot.use(conversation({ conversations: { order }, ...options }));
  bot.command("order", (ctx) => ctx.conversation.enter("order"));
  bot.command("active", (ctx) => ctx.reply(`active: ${ctx.conversation.active ?? "none"}`));
  bot.on("message", (ctx) => ctx.reply(`fallback: ${ctx.text || "?"}`));
  return { client, bot };
}

Deno.test("conversation: ask and wait across messages; the chat's answers resume it", async () => {
  const { bot, client } = setup();
  await bot.handleEvent(text("/order"));
  await bot.handleEvent(text("/active"));
  await bot.handleEvent(text("large"));
  await bot.handleEvent(text("Main St 1"));
  await bot.handleEvent(text("/active"));
  await bot.handleEvent(text("after"));
  // /active is text too: it answers the waiting question (use cancel commands to get out)
  assert.deepEqual(client.texts(), [
    "Which size?",
    "A /active pizza. Where to?",
    "/active pizza to large",
    "fallback: Main St 1",
    "active: none",
    "fallback: after",
  ]);
});

Deno.test("conversation: other chats are not affected; unmatched events go on to the bot", async () => {
  const { bot, client } = setup();
  await bot.handleEvent(text("/order", ALICE));
  await bot.handleEvent(text("hi", BOB));
  await bot.handleEvent(text("", ALICE, { attachments: [file()] })); // not text: passes on
  await bot.handleEvent(event({ type: "typing", typing: true, from: ALICE }));
  await bot.handleEvent(text("small", ALICE));
  await bot.handleEvent(text("home", ALICE));
  assert.deepEqual(client.texts(ALICE), [
    "Which size?",
    "fallback: ?",
    "A small pizza. Where to?",
    "small pizza to home",
  ]);
  assert.deepEqual(client.texts(BOB), ["fallback: hi"]);
});

Deno.test("conversation: otherwise handles what does not match while waiting", async () => {
  const photo = defineConversation<C>(async (conv) => {
    const got = await conv.waitFor("message:attachments", {
      otherwise: (c) => c.reply("A photo, please"),
    });
    await got.reply(`thanks for ${got.message.attachments.length}`);
  });
  const client = new FakeClient();
  const bot = new Bot<C>(client);
  bot.use(conversation({ conversations: { photo } }));
  bot.command("photo", (ctx) => ctx.conversation.enter("photo"));
  await bot.handleEvent(text("/photo"));
  await bot.handleEvent(text("words"));
  await bot.handleEvent(text("", ALICE, { attachments: [file(), file()] }));
  assert.deepEqual(client.texts(), ["A photo, please", "thanks for 2"]);
});

Deno.test("conversation: /cancel ends it with the cancel reply; exit() ends it quietly", async () => {
  const { bot, client } = setup({ cancelReply: "Order cancelled." });
  await bot.handleEvent(text("/order"));
  await bot.handleEvent(text("/CANCEL"));
  await bot.handleEvent(text("large"));
  assert.deepEqual(client.texts(), ["Which size?", "Order cancelled.", "fallback: large"]);

  // exit() ends it without a reply (here from a handler that runs before the plugin sees it)
  const client2 = new FakeClient();
  const quiet = new Bot<C>(client2);
  quiet.catch(() => {});
  quiet.command("stop", (ctx) => ctx.conversation.exit());
  quiet.use(conversation({ conversations: { order } }));
  quiet.command("order", (ctx) => ctx.conversation.enter("order"));
  quiet.on("message", (ctx) => ctx.reply(`fallback: ${ctx.text}`));
  await quiet.handleEvent(text("/order"));
  await assert.rejects(quiet.handleEvent(text("/stop")), /ctx\.conversation is not available/);
  await quiet.stop();
});

Deno.test("conversation: exit() from inside the chain ends it quietly", async () => {
  const client = new FakeClient();
  const bot = new Bot<C>(client);
  const photo = defineConversation<C>(async (conv) => {
    await conv.waitFor("message:attachments");
    await conv.reply("got it");
  });
  bot.use(conversation({ conversations: { photo } }));
  bot.command("photo", (ctx) => ctx.conversation.enter("photo"));
  bot.command("stop", async (ctx) => {
    const was = ctx.conversation.active;
    await ctx.conversation.exit();
    await ctx.reply(`stopped ${was} -> ${ctx.conversation.active ?? "none"}`);
  });
  await bot.handleEvent(text("/photo"));
  await bot.handleEvent(text("/stop")); // text does not match the wait: it goes on to /stop
  await bot.handleEvent(text("", ALICE, { attachments: [file()] }));
  assert.deepEqual(client.texts(), ["stopped photo -> none"]);
  await bot.stop();
});

Deno.test("conversation: a builder can catch the cancellation and answer itself", async () => {
  const careful = defineConversation<C>(async (conv) => {
    try {
      await conv.wait();
    } catch (e) {
      assert.ok(e instanceof ConversationError && e.reason === "cancelled" && conv.signal.aborted);
      await conv.reply("No problem, maybe later.");
    }
  });
  const client = new FakeClient();
  const bot = new Bot<C>(client);
  bot.use(conversation({ conversations: { careful }, cancelCommands: ["stop", "/quit"] }));
  bot.command("go", (ctx) => ctx.conversation.enter("careful"));
  await bot.handleEvent(text("/go"));
  await bot.handleEvent(text("/quit"));
  assert.deepEqual(client.texts(), ["No problem, maybe later."]);
});

Deno.test("conversation: a wait times out with the timeout reply, and the chat is free again", async () => {
  const { bot, client } = setup({ timeoutMs: 20, timeoutReply: "Too slow." });
  await bot.handleEvent(text("/order"));
  await new Promise((r) => setTimeout(r, 60));
  await bot.handleEvent(text("large"));
  assert.deepEqual(client.texts(), ["Which size?", "Too slow.", "fallback: large"]);
});

Deno.test("conversation: per-wait timeout overrides the default", async () => {
  const quick = defineConversation<C>(async (conv) => {
    await conv.wait({ timeoutMs: 10 });
  });
  const client = new FakeClient();
  const bot = new Bot<C>(client);
  bot.use(conversation({ conversations: { quick }, timeoutReply: false }));
  bot.command("q", (ctx) => ctx.conversation.enter("quick"));
  await bot.handleEvent(text("/q"));
  await new Promise((r) => setTimeout(r, 40));
  assert.deepEqual(client.texts(), []);
});

Deno.test("conversation: entering another one replaces the running one", async () => {
  const ended: string[] = [];
  const photo = defineConversation<C>(async (conv) => {
    try {
      await conv.waitFor("message:attachments");
    } catch (e) {
      ended.push((e as ConversationError).reason);
      throw e;
    }
  });
  const other = defineConversation<C>(async (conv, ctx) => {
    await ctx.reply("other started");
    const next = await conv.wait();
    await next.reply(`other got ${next.text}`);
  });
  const client = new FakeClient();
  const bot = new Bot<C>(client);
  bot.use(conversation({ conversations: { photo, other } }));
  bot.command("photo", (ctx) => ctx.conversation.enter("photo"));
  bot.command("other", (ctx) => ctx.conversation.enter("other"));
  await bot.handleEvent(text("/photo"));
  await bot.handleEvent(text("/other")); // not an attachment: passes on and replaces photo
  await bot.handleEvent(text("hello"));
  assert.deepEqual(ended, ["replaced"]);
  assert.deepEqual(client.texts(), ["other started", "other got hello"]);
});

Deno.test("conversation: a builder's error fails the event that resumed it", async () => {
  const fragile = defineConversation<C>(async (conv) => {
    const next = await conv.wait();
    if (next.text === "bad") throw new Error("cannot parse");
  });
  const client = new FakeClient();
  const bot = new Bot<C>(client);
  const errors: BotError[] = [];
  bot.catch((err) => void errors.push(err));
  bot.use(conversation({ conversations: { fragile } }));
  bot.command("f", (ctx) => ctx.conversation.enter("fragile"));
  bot.on("message", (ctx) => ctx.reply("normal"));
  await bot.handleEvent(text("/f"));
  const bad = text("bad");
  await assert.rejects(bot.handleEvent(bad), /cannot parse/);
  assert.equal(errors[0].ctx.id, bad.id);
  // the retry of that event goes to the normal handlers: the conversation is over
  await bot.handleEvent(bad);
  assert.deepEqual(client.texts(), ["normal"]);
});

Deno.test("conversation: unknown names and bad options are explained", async () => {
  const bot = new Bot<C>(new FakeClient());
  bot.catch(() => {});
  bot.use(conversation({ conversations: { order } }));
  bot.command("nope", (ctx) => ctx.conversation.enter("ordr"));
  const err = await bot.handleEvent(text("/nope")).then(() => undefined, (e) => e as BotError);
  assertValidation(
    () => {
      throw err?.error;
    },
    "unknown_conversation",
    "name",
  );
  assert.match((err?.error as Error).message, /unknown conversation 'ordr'; defined: order/);
  assertValidation(
    () => conversation({ conversations: { a: "x" as never } }),
    "invalid_plugin_config",
    "conversation.conversations.a",
  );
  assertValidation(
    () => conversation({ conversations: {}, timeoutMs: 0 }),
    "invalid_plugin_config",
    "conversation.timeoutMs",
  );
  assertValidation(
    () => conversation({} as never),
    "invalid_plugin_config",
    "conversation.conversations",
  );
});

Deno.test("conversation: stopping the bot ends every wait and leaves no timer", async () => {
  const { bot, client } = setup({ timeoutMs: 60_000 });
  await bot.start();
  await client.emit(text("/order", ALICE));
  await client.emit(text("/order", BOB));
  await bot.stop();
  assert.deepEqual(client.texts(), ["Which size?", "Which size?"]);
});
