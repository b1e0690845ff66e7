/**
 * Type-level tests: filter queries, commands and predicates narrow `ctx`; wrong uses do not
 * compile. `deno test` type-checks this file; the runtime part only proves it loads.
 */
import assert from "node:assert/strict";
import {
  Bot,
  type BotClient,
  Composer,
  type Context,
  type MessageEvent,
  type ParsedCommand,
  type ReactionEvent,
} from "../../src/bot/mod.ts";
import type { BotEventMap, ErrorEvent } from "../../src/bot/mod.ts";
import type { SessionClient, SessionEventMap } from "../../src/client/session/mod.ts";
import type { ConversationFlavor, SessionFlavor } from "../../src/plugins/mod.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;
function expectType<T>(_value: T): void {}
const check = <T extends true>(_ok?: T) => {};

function typeChecks(bot: Bot) {
  bot.on("message", (ctx) => {
    expectType<MessageEvent>(ctx.message);
    expectType<string | undefined>(ctx.text);
    // @ts-expect-error a message may have no text
    expectType<string>(ctx.text);
  });
  bot.on("message:text", (ctx) => {
    expectType<string>(ctx.text);
    expectType<string>(ctx.message.body);
    check<Equal<typeof ctx.type, "message">>();
  });
  bot.on("message:attachments", (ctx) => {
    const first = ctx.message.attachments[0];
    expectType<boolean>(first.voice); // a non-empty tuple: no undefined
  });
  bot.on("message:quote", (ctx) => expectType<number>(ctx.message.quote.timestamp));
  bot.on("reaction", (ctx) => {
    expectType<ReactionEvent>(ctx.reaction);
    expectType<string>(ctx.reaction.emoji);
    check<Equal<typeof ctx.message, undefined>>();
    // @ts-expect-error a reaction has no text
    expectType<string>(ctx.text);
  });
  bot.on("reaction:added", (ctx) => check<Equal<typeof ctx.reaction.removed, false>>());
  bot.on("receipt:read", (ctx) => check<Equal<typeof ctx.receipt.kind, "read">>());
  bot.on("typing:started", (ctx) => check<Equal<typeof ctx.event.typing, true>>());
  bot.on("dataExtraction:screenshot", (ctx) => check<Equal<typeof ctx.event.kind, "screenshot">>());
  bot.on("request", (ctx) => expectType<string | undefined>(ctx.event.body));
  bot.on(["message:text", "reaction"], (ctx) => {
    expectType<"message" | "reaction">(ctx.type);
    // @ts-expect-error only one of the two is a message
    expectType<MessageEvent>(ctx.message);
  });
  bot.on("message").on("message:text", (ctx) => expectType<string>(ctx.text));
  // @ts-expect-error unknown filter queries do not compile
  bot.on("mesage:text", () => {});
  // @ts-expect-error nor do unknown sub-queries
  bot.on("reaction:text", () => {});

  bot.command("start", (ctx) => {
    expectType<string>(ctx.match);
    expectType<ParsedCommand>(ctx.command);
    expectType<string>(ctx.text);
  });
  bot.command("w", "Weather", (ctx) => expectType<string>(ctx.match));
  bot.hears(/(\d+)/, (ctx) => expectType<RegExpMatchArray>(ctx.match));

  const isAdmin = (ctx: Context): ctx is Context & { admin: true } => ctx.from.length > 0;
  bot.filter(isAdmin, (ctx) => check<Equal<typeof ctx.admin, true>>());
  bot.filter((ctx) => ctx.from === "x", (ctx) => expectType<Context>(ctx));

  // flavors: plugin properties typed when declared
  type MyContext = Context & SessionFlavor<{ count: number }> & ConversationFlavor;
  const flavored = {} as Bot<MyContext>;
  flavored.on("message:text", async (ctx) => {
    ctx.session.count++;
    expectType<number>(ctx.session.count);
    await ctx.conversation.enter("order");
  });
  bot.on("message", (ctx) => {
    // @ts-expect-error no session without the flavor
    void ctx.session;
  });

  // a SessionClient is a BotClient as it is
  const client = {} as SessionClient;
  const asBotClient: BotClient = client;
  const fromSession = new Bot(client);
  expectType<Bot>(fromSession);
  expectType<BotClient>(asBotClient);

  // composers keep their narrowed type through chaining
  const part = new Composer<Context>().on("message:text");
  part.use((ctx) => expectType<string>(ctx.text));
}

// The bot's event contract and the SessionClient's events stay the same shape, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
check<Same<BotEventMap["message"], SessionEventMap["message"]>>();
check<Same<BotEventMap["reaction"], SessionEventMap["reaction"]>>();
check<Same<BotEventMap["receipt"], SessionEventMap["receipt"]>>();
check<Same<BotEventMap["typing"], SessionEventMap["typing"]>>();
check<Same<BotEventMap["unsend"], SessionEventMap["unsend"]>>();
check<Same<BotEventMap["request"], SessionEventMap["request"]>>();
check<Same<BotEventMap["requestAccepted"], SessionEventMap["requestAccepted"]>>();
check<Same<BotEventMap["profile"], SessionEventMap["profile"]>>();
check<Same<BotEventMap["dataExtraction"], SessionEventMap["dataExtraction"]>>();
check<Same<BotEventMap["call"], SessionEventMap["call"]>>();
check<Same<ErrorEvent, SessionEventMap["error"]>>();
check<Same<keyof BotEventMap | "error", keyof SessionEventMap>>();

Deno.test("types: filter queries, commands and predicates narrow the context (compile-time)", () => {
  assert.equal(typeof typeChecks, "function");
});
