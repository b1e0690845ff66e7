/**
 * End to end on the local devnet: a real SessionClient under the bot, a real user client on
 * the other side; message requests, commands, sessions, conversations, retries and dead
 * letters through the real inbox and outbox.
 */
import assert from "node:assert/strict";
import { Bot, type Context, type LogRecord } from "../../src/bot/mod.ts";
import type { MessageEvent, SessionEvent } from "../../src/client/session/mod.ts";
import {
  autoAccept,
  commands,
  conversation,
  type ConversationFlavor,
  defineConversation,
  logger,
  session,
  type SessionFlavor,
} from "../../src/plugins/mod.ts";
import { FAST, Identity, record, until, withDevnet } from "../client/session/_setup.ts";

type C = Context & SessionFlavor<{ count: number }> & ConversationFlavor;

const texts = (events: SessionEvent[]) =>
  events.filter((e): e is MessageEvent => e.type === "message" && !e.outgoing).map((e) =>
    e.body ?? ""
  );

Deno.test("e2e (devnet): a bot with plugins on a real SessionClient talks to a real user", () =>
  withDevnet(async ({ open }) => {
    const botId = Identity.generate();
    const userId = Identity.generate();
    const kv = await Deno.openKv(":memory:");
    let bot: Bot<C> | undefined;
    try {
      const botClient = await open(botId, { kv, displayName: "Test bot" });
      const user = await open(userId, { displayName: "User" });
      const atUser = record(user);
      await user.start();

      const records: LogRecord[] = [];
      bot = new Bot<C>(botClient, { kv });
      const failures: string[] = [];
      bot.catch((err) => void failures.push(err.ctx.text ?? err.ctx.type));
      const greet = defineConversation<C>(async (conv) => {
        const name = await conv.ask("What's your name?");
        await name.reply(`Hi ${name.text}!`);
      });
      bot.use(
        logger({ sink: (r) => void records.push(r) }),
        autoAccept({ greeting: "Welcome! Send /help." }),
        session({ initial: () => ({ count: 0 }) }),
        conversation({ conversations: { greet } }),
        commands(),
      );
      bot.command(
        "count",
        "Count your messages",
        (ctx) => ctx.reply(`count ${++ctx.session.count}`),
      );
      bot.command("greet", "Get greeted", (ctx) => ctx.conversation.enter("greet"));
      let flaky = 0;
      bot.command("flaky", "Fails once, then works", (ctx) => {
        if (++flaky === 1) throw new Error("transient trouble");
        return ctx.reply("recovered");
      });
      bot.command("broken", (ctx) => {
        throw new Error(`always broken for ${ctx.from.slice(0, 4)}`);
      });
      bot.on("reaction:added", (ctx) => ctx.reply(`thanks for the ${ctx.reaction.emoji}`));
      await bot.start();

      const say = async (text: string, replies: number) => {
        const before = texts(atUser).length;
        await user.send(botId.sessionId, text);
        await until(() => texts(atUser).length >= before + replies, 15_000, `replies to ${text}`);
      };
      // first contact: a message request, accepted by the plugin with a greeting
      await say("/count", 2);
      assert.deepEqual(texts(atUser), ["Welcome! Send /help.", "count 1"]);
      await say("/count", 1);
      await say("/greet", 1);
      await say("Ann", 1);
      await say("/flaky", 1); // fails once, retried by the client's inbox, then answers
      await say("/nope", 1);
      const sent = await user.send(botId.sessionId, "react to this");
      await user.react(
        botId.sessionId,
        { timestamp: sent.timestamp, author: userId.sessionId },
        "🎉",
      );
      await until(() => texts(atUser).includes("thanks for the 🎉"), 15_000, "reaction reply");
      await user.send(botId.sessionId, "/broken");
      await until(async () => (await botClient.deadLetters()).length > 0, 15_000, "dead letter");

      assert.deepEqual(texts(atUser), [
        "Welcome! Send /help.",
        "count 1",
        "count 2",
        "What's your name?",
        "Hi Ann!",
        "recovered",
        "Unknown command /nope. Send /help for the list.",
        "thanks for the 🎉",
      ]);
      assert.equal(
        (await user.contact(botId.sessionId)).approvedMe,
        true,
        "the request was accepted",
      );
      assert.deepEqual(
        (await kv.get(["chat", botId.sessionId, userId.sessionId, "session"])).value,
        {
          v: 1,
          data: { count: 2 },
        },
      );
      const [letter] = await botClient.deadLetters();
      assert.equal(letter.code, "handler_failed");
      assert.match(letter.reason, /a handler failed on the message event .*: always broken for 05/);
      assert.deepEqual(failures.filter((f) => f === "/flaky"), ["/flaky"]);
      assert.equal(
        failures.filter((f) => f === "/broken").length,
        3,
        "retried 3 times (FAST policy)",
      );
      // the bot's own sync copies came back as outgoing events and were ignored
      assert.ok(records.some((r) => r.msg === "sent"));
      assert.ok(!records.some((r) => r.msg === "event handled" && r.from === botId.sessionId));
      await bot.stop();
      assert.equal(bot.running, false);
    } finally {
      await bot?.stop();
      kv.close();
    }
  }));

Deno.test("e2e (devnet): Bot.create opens the client and KV, and stop() closes both", () =>
  withDevnet(async ({ devnet, open }) => {
    const dir = await Deno.makeTempDir({ prefix: "sessionbot-create-" });
    const botId = Identity.generate();
    const userId = Identity.generate();
    try {
      const bot = await Bot.create({
        kv: `${dir}/bot.kv`,
        identity: botId,
        network: devnet.seedUrl,
        fileServer: devnet.fileServer,
        ...FAST,
      });
      assert.equal(bot.me, botId.sessionId);
      bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.text}`));
      bot.on("message:attachments", async (ctx) => {
        const got = await ctx.download();
        const text = `pong: ${new TextDecoder().decode(got.bytes)} (${got.fileName})`;
        await ctx.replyWithFile(new TextEncoder().encode(text), {
          fileName: "pong.txt",
          body: "file back",
        });
      });
      await bot.start();
      const user = await open(userId);
      const atUser = record(user);
      await user.start();
      await user.send(botId.sessionId, "hello");
      await until(() => texts(atUser).includes("echo: hello"), 15_000, "echo");
      await user.send(botId.sessionId, {
        attachments: [{ bytes: new TextEncoder().encode("ping"), fileName: "ping.txt" }],
      });
      const back = await until(
        () =>
          atUser.find((e): e is MessageEvent => e.type === "message" && e.attachments.length > 0),
        15_000,
        "file back",
      );
      assert.equal(back?.body, "file back");
      const file = await user.download(back!.attachments[0]);
      assert.equal(new TextDecoder().decode(file.bytes), "pong: ping (ping.txt)");
      assert.equal(file.fileName, "pong.txt");
      await bot.stop();
      // the KV file was closed: it opens again, and holds the bot's state
      const kv = await Deno.openKv(`${dir}/bot.kv`);
      const entries = await Array.fromAsync(kv.list({ prefix: [] }, { limit: 1 }));
      kv.close();
      assert.equal(entries.length, 1);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }));
