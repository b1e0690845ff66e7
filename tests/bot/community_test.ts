/**
 * Bot support for communities, at dispatch level (a stand-in room handle records what the bot
 * does; tests/bot/community_devnet_test.ts runs the same against the devnet's server).
 */
import assert from "node:assert/strict";
import { type ApiCall, Bot, type BotEvent, type Context } from "../../src/bot/mod.ts";
import { ValidationError } from "../../src/core/errors.ts";
import { assertValidation } from "../assertions.ts";
import {
  ALICE,
  ALICE_BLINDED,
  deletion,
  dm,
  FakeCommunityClient,
  ME_BLINDED,
  post,
  ROOM_CHAT,
  roomReaction,
  SERVER,
} from "./_community.ts";
import { text } from "./_helpers.ts";

function setup() {
  const client = new FakeCommunityClient();
  const bot = new Bot(client);
  const failures: unknown[] = [];
  bot.catch((err) => void failures.push(err.error));
  return { client, bot, room: client.community, failures };
}

Deno.test("community filters: posts, text, reactions, deletions and DMs each reach their handler", async () => {
  const { bot } = setup();
  const seen: string[] = [];
  bot.on("community:message:text", (ctx, next) => {
    seen.push(`text:${ctx.text}`);
    return next();
  });
  bot.on("community:message:attachments", () => void seen.push("files"));
  bot.on("community:message:quote", (ctx) => void seen.push(`quote:${ctx.event.quote.id}`));
  bot.on("community:message:edited", () => void seen.push("edited"));
  bot.on("community:reaction:added", (ctx) => void seen.push(`+${ctx.event.emoji}`));
  bot.on("community:reaction:removed", (ctx) => void seen.push(`-${ctx.event.emoji}`));
  bot.on("community:deletion", (ctx) => void seen.push(`deleted:${ctx.event.messageId}`));
  bot.on("community:dm:text", (ctx) => void seen.push(`dm:${ctx.text}`));
  bot.on("message", () => void seen.push("1:1 message")); // never for room posts
  const events: BotEvent[] = [
    post("hello room"),
    post(undefined, ALICE_BLINDED, { attachments: [{ voice: false, pointer: {} } as never] }),
    post("re", ALICE_BLINDED, { quote: { id: 42, author: ME_BLINDED } }),
    roomReaction(7, "👍"),
    roomReaction(7, "👍", true),
    deletion(9),
    dm("psst"),
  ];
  for (const event of events) await bot.handleEvent(event);
  assert.deepEqual(seen, [
    "text:hello room",
    "files",
    "text:re",
    "quote:42",
    "+👍",
    "-👍",
    "deleted:9",
    "dm:psst",
  ]);
});

Deno.test("commands and hears work in rooms; the reply is a post in the room", async () => {
  const { bot, room, failures } = setup();
  bot.command("rules", "The room rules", (ctx) => ctx.reply("Be kind.", { quote: true }));
  bot.hears(/^ping$/i, (ctx) => ctx.reply("pong"));
  const asked = post("/rules");
  await bot.handleEvent(asked);
  await bot.handleEvent(post("PING"));
  await bot.handleEvent(post("/help"));
  assert.deepEqual(failures, []);
  assert.deepEqual(room.of("post")[0], [{
    body: "Be kind.",
    quote: { id: asked.timestamp, author: ALICE_BLINDED, text: "/rules" },
  }]);
  assert.deepEqual(room.posts(), ["Be kind.", "pong", "Commands:\n/rules — The room rules"]);
});

Deno.test("ctx.reply to a community DM is a blinded DM back; ctx.community is the room", async () => {
  const { bot, room } = setup();
  let handle: unknown;
  bot.command("start", async (ctx) => {
    handle = ctx.community;
    const sent = await ctx.reply("hi there");
    assert.equal(typeof sent.messageId, "number");
  });
  await bot.handleEvent(dm("/start"));
  assert.equal(handle, room);
  assert.deepEqual(room.of("sendDm"), [[ALICE_BLINDED, { body: "hi there" }]]);
  assert.deepEqual(room.posts(), []);
});

Deno.test("the bot ignores its own posts by the abs rule (either blinded sign) and outgoing copies", async () => {
  const { bot } = setup();
  const handled: string[] = [];
  bot.use((ctx) => void handled.push(ctx.text ?? ctx.type));
  await bot.handleEvent(post("mine, other sign", ME_BLINDED));
  const flipped = ME_BLINDED.slice(0, -2) +
    (parseInt(ME_BLINDED.slice(-2), 16) ^ 0x80).toString(16).padStart(2, "0");
  await bot.handleEvent(post("mine, abs sign", flipped));
  await bot.handleEvent(post("from my other device", ALICE_BLINDED, { outgoing: true }));
  await bot.handleEvent(post("theirs"));
  assert.deepEqual(handled, ["theirs"]);
});

Deno.test("ctx.react on a post reacts in the room; typing and markRead are quiet no-ops there", async () => {
  const { bot, room, failures } = setup();
  bot.on("community:message", async (ctx) => {
    await ctx.typing();
    await ctx.markRead();
    await ctx.react("👀");
    await ctx.react("👀", { remove: true });
  });
  const incoming = post("look");
  await bot.handleEvent(incoming);
  assert.deepEqual(failures, []);
  assert.deepEqual(room.calls, [
    { method: "react", args: [incoming.messageId, "👀"] },
    { method: "unreact", args: [incoming.messageId, "👀"] },
  ]);
});

Deno.test("community calls go through api transformers with the room as `to`", async () => {
  const { bot, room } = setup();
  const calls: ApiCall[] = [];
  bot.api.use((call, next) => {
    calls.push(call);
    return next(call);
  });
  bot.on("community:message", async (ctx) => {
    await ctx.reply("seen");
    await ctx.api.deletePost(ctx.community, ctx.event.messageId);
    await ctx.api.moderate(ctx.community, "mute", ctx.from, { seconds: 60 });
    await ctx.api.moderate(ctx.community, "ban", ctx.from);
  });
  await bot.handleEvent(post("x"));
  assert.deepEqual(calls.map((c) => [c.method, c.to]), [
    ["post", ROOM_CHAT],
    ["deletePost", ROOM_CHAT],
    ["moderate", ROOM_CHAT],
    ["moderate", ROOM_CHAT],
  ]);
  assert.deepEqual(room.of("mute"), [[ALICE_BLINDED, { seconds: 60 }]]);
  assert.deepEqual(room.of("ban"), [[ALICE_BLINDED, {}]]);
});

Deno.test("clear errors: unknown room, mute without seconds, 1:1-only methods, bad quotes", async () => {
  const { bot, client, failures } = setup();
  const outside = { ...post("hi"), room: { ...post("x").room, room: "other" } };
  bot.on("community:message", (ctx: Context) => ctx.reply("x"));
  await assert.rejects(bot.handleEvent(outside));
  assert.match(String(failures[0]), /not in the room .*other.*communities\.join/);

  assertValidation(() => bot.api.post({} as never, "x"), "invalid_community", "community");
  await assert.rejects(
    bot.api.moderate(client.community, "mute", ALICE_BLINDED),
    (e) => e instanceof ValidationError && e.code === "invalid_mute",
  );
  const strict = new Bot(new FakeCommunityClient());
  const errors: unknown[] = [];
  strict.catch((err) => void errors.push(err.error));
  strict.on("community:message", (ctx) => ctx.acceptRequest());
  strict.on("community:dm", (ctx) => ctx.reply("x", { quote: true }));
  await assert.rejects(strict.handleEvent(post("a")));
  await assert.rejects(strict.handleEvent(dm("b")));
  assert.deepEqual(errors.map((e) => (e as ValidationError).code), [
    "unsupported",
    "invalid_quote",
  ]);
});

Deno.test("a client without communities: ctx.community explains; 1:1 events are untouched", async () => {
  const { FakeClient } = await import("./_helpers.ts");
  const bot = new Bot(new FakeClient());
  const errors: unknown[] = [];
  bot.catch((err) => void errors.push(err.error));
  let oneToOne: unknown = "unset";
  bot.on("message", (ctx) => void (oneToOne = ctx.community));
  bot.on("community:message", (ctx) => void ctx.community);
  await bot.handleEvent(text("hi", ALICE));
  await assert.rejects(bot.handleEvent(post("hi")));
  assert.equal(oneToOne, undefined);
  assert.match(String(errors[0]), /no communities/);
  assert.equal(SERVER.startsWith("http://"), true);
});
