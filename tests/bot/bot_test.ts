import assert from "node:assert/strict";
import { Bot, BotError, Context, type LogRecord } from "../../src/bot/mod.ts";
import { SessionBotError } from "../../src/core/errors.ts";
import { ALICE, BOB, event, FakeClient, ME, text } from "./_helpers.ts";

Deno.test("errors: bot.catch gets a BotError with the context; the event is retried, then dead-lettered", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  const caught: BotError[] = [];
  bot.catch((err) => void caught.push(err));
  let tries = 0;
  bot.on("message:text", (ctx) => {
    tries++;
    if (ctx.text === "boom") throw new TypeError("bad input");
    return ctx.reply("ok");
  });
  await bot.start();
  const boom = text("boom");
  assert.equal(await client.deliver(boom, 3), false);
  assert.equal(tries, 3);
  assert.equal(caught.length, 3);
  assert.ok(caught[0] instanceof BotError && caught[0] instanceof SessionBotError);
  assert.equal(caught[0].ctx.id, boom.id);
  assert.equal(caught[0].ctx.text, "boom");
  assert.equal(caught[0].code, "handler_failed");
  assert.ok(caught[0].error instanceof TypeError);
  assert.equal(caught[0].cause, caught[0].error);
  assert.match(
    caught[0].message,
    /the message event hash\d+ from 05a1a1a1a1…: TypeError: bad input/,
  );
  assert.deepEqual(client.dead, [{ id: boom.id, reason: caught[2].message }]);
  // the bot goes on
  assert.equal(await client.deliver(text("fine")), true);
  assert.deepEqual(client.texts(), ["ok"]);
  await bot.stop();
});

Deno.test("errors: a failing error handler is logged, the event still fails (and is retried)", async () => {
  const records: LogRecord[] = [];
  const client = new FakeClient();
  const bot = new Bot(client, { logSink: (r) => void records.push(r) });
  bot.catch(() => {
    throw new Error("handler of handlers broke");
  });
  bot.use(() => {
    throw "a string";
  });
  await assert.rejects(
    bot.handleEvent(text("x")),
    (e) => e instanceof BotError && e.error === "a string",
  );
  assert.equal(records.length, 1);
  assert.match(records[0].msg, /bot\.catch\(\) failed too/);
});

Deno.test("errors: without bot.catch, failures are logged with their context (no message text)", async () => {
  const records: LogRecord[] = [];
  const bot = new Bot(new FakeClient(), { logSink: (r) => void records.push(r) });
  bot.use(() => Promise.reject(new Error("nope")));
  const e = text("private words");
  await assert.rejects(bot.handleEvent(e), BotError);
  assert.equal(records[0].level, "error");
  assert.equal(records[0].id, e.id);
  assert.equal(records[0].chat, ALICE);
  assert.deepEqual(records[0].error, { name: "Error", message: "nope" });
  assert.doesNotMatch(JSON.stringify(records), /private words/);
});

Deno.test("lifecycle: start subscribes and starts the client; stop unsubscribes and stops it", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.on("message", (ctx) => ctx.reply("hi"));
  assert.equal(client.listeners("message"), 0);
  await bot.start();
  await bot.start(); // idempotent
  assert.ok(bot.running && client.started);
  assert.equal(client.listeners("message"), 1);
  assert.equal(client.listeners("error"), 1);
  await client.emit(text("x"));
  assert.deepEqual(client.texts(), ["hi"]);
  assert.equal(bot.signal.aborted, false);
  await bot.stop();
  await bot.stop(); // idempotent
  assert.ok(client.stopped && !bot.running && bot.signal.aborted);
  assert.equal(client.listeners("message"), 0);
  await assert.rejects(bot.start(), /was stopped: create a new Bot/);
});

Deno.test("lifecycle: client error events go to the log; dead letters as errors", async () => {
  const records: LogRecord[] = [];
  const client = new FakeClient();
  const bot = new Bot(client, { logSink: (r) => void records.push(r), logLevel: "debug" });
  await bot.start();
  const error = new SessionBotError("handler failed 5 time(s)", "handler_failed");
  await client.emit({
    type: "error",
    identity: ME,
    id: "h1",
    code: "handler_failed",
    message: error.message,
    error,
    deadLettered: true,
  });
  await client.emit({
    type: "error",
    identity: ME,
    code: "decrypt_failed",
    message: "bad",
    error,
    deadLettered: false,
  });
  await bot.stop();
  const levels = records.filter((r) => r.code).map((r) => [r.level, r.code]);
  assert.deepEqual(levels, [["error", "handler_failed"], ["warn", "decrypt_failed"]]);
});

Deno.test("new Bot() refuses what is not a client, naming what is missing", () => {
  assert.throws(() => new Bot(undefined as never), /needs a client/);
  assert.throws(
    () => new Bot({ sessionId: ME, on: () => () => {} } as never),
    /lacks send, react, markRead/,
  );
});

Deno.test("ContextConstructor: a Context subclass is used for every event", async () => {
  class MyContext extends Context {
    get shout(): string {
      return (this.text ?? "").toUpperCase();
    }
  }
  const client = new FakeClient();
  const bot = new Bot<MyContext>(client, { ContextConstructor: MyContext });
  bot.on("message:text", (ctx) => ctx.reply(ctx.shout));
  await bot.handleEvent(text("hey"));
  assert.deepEqual(client.texts(), ["HEY"]);
});

Deno.test("api transformers run in order around every call; a throw refuses the call", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  const order: string[] = [];
  bot.api.use(async (call, next) => {
    order.push(`1>${call.method}`);
    const result = await next(call);
    order.push(`<1`);
    return result;
  });
  bot.api.use((call, next) => {
    order.push(`2>${call.method}`);
    if (call.method === "block") throw new Error("no blocking today");
    return next(call.method === "send" ? { ...call, input: "rewritten" } : call);
  });
  const result = await bot.api.send(BOB, "original");
  assert.equal(typeof result.hash, "string");
  await assert.rejects(bot.api.block(BOB), /no blocking today/);
  assert.deepEqual(order, ["1>send", "2>send", "<1", "1>block", "2>block"]);
  assert.deepEqual(client.texts(), ["rewritten"]);
  assert.throws(() => bot.api.use(5 as never), /expects a function/);
  bot.api.use((call, next) => {
    void next(call);
    return next(call);
  });
  await assert.rejects(bot.api.typing(BOB), /called next\(\) twice/);
});

Deno.test("handleEvent works before start (tests, bridges) and for every event type", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  const types: string[] = [];
  bot.use((ctx) => void types.push(ctx.type));
  await bot.handleEvent(event({ type: "unsend", target: { timestamp: 1, author: ALICE } }));
  await bot.handleEvent(event({ type: "profile", displayName: "Ann" }));
  assert.deepEqual(types, ["unsend", "profile"]);
});
