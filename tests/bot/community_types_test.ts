/**
 * Type-level tests of the community filters: queries narrow `ctx` (text, event, the room's
 * handle), commands cover rooms and DMs. `deno test` type-checks this file.
 */
import assert from "node:assert/strict";
import type {
  Bot,
  Community,
  CommunityDmEvent,
  CommunityMessageEvent,
  CommunityReactionEvent,
  MessageEvent,
} from "../../src/bot/mod.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;
function expectType<T>(_value: T): void {}
const check = <T extends true>(_ok?: T) => {};

function typeChecks(bot: Bot) {
  bot.on("community:message", (ctx) => {
    expectType<CommunityMessageEvent>(ctx.event);
    expectType<Community>(ctx.community);
    expectType<string | undefined>(ctx.text);
    check<Equal<typeof ctx.message, undefined>>(); // `message` stays 1:1
    expectType<number>(ctx.event.messageId);
  });
  bot.on("community:message:text", (ctx) => expectType<string>(ctx.text));
  bot.on("community:message:quote", (ctx) => expectType<number>(ctx.event.quote.id));
  bot.on("community:message:edited", (ctx) => check<Equal<typeof ctx.event.edited, true>>());
  bot.on("community:reaction:added", (ctx) => {
    expectType<CommunityReactionEvent>(ctx.event);
    check<Equal<typeof ctx.event.removed, false>>();
    // @ts-expect-error a reaction has no text
    expectType<string>(ctx.text);
  });
  bot.on("community:dm:text", (ctx) => {
    expectType<CommunityDmEvent>(ctx.event);
    expectType<string>(ctx.text);
    expectType<string>(ctx.event.sessionId);
  });
  bot.on("community:deletion", (ctx) => expectType<number>(ctx.event.messageId));
  bot.on("message", (ctx) => check<Equal<typeof ctx.community, undefined>>());
  bot.command("rules", (ctx) => {
    expectType<string>(ctx.text);
    expectType<"message" | "community:message" | "community:dm">(ctx.type);
    expectType<Community | undefined>(ctx.community);
    expectType<MessageEvent | undefined>(ctx.message);
  });
  // @ts-expect-error unknown community sub-queries do not compile
  bot.on("community:message:voice", () => {});
}

Deno.test("types: community filter queries narrow the context (compile-time)", () => {
  assert.equal(typeof typeChecks, "function");
});
