import assert from "node:assert/strict";
import { Bot, BotError, Composer, type Context } from "../../src/bot/mod.ts";
import { assertValidation } from "../assertions.ts";
import { ALICE, BOB, event, FakeClient, file, ME, text } from "./_helpers.ts";

function setup() {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.catch(() => {}); // failures are asserted on the rejection
  return { client, bot };
}

Deno.test("use: middleware runs in order, around next()", async () => {
  const { bot } = setup();
  const log: string[] = [];
  bot.use(async (_ctx, next) => {
    log.push("a>");
    await next();
    log.push("<a");
  });
  bot.use(async (_ctx, next) => {
    log.push("b>");
    await next();
    log.push("<b");
  });
  bot.use(() => void log.push("c"));
  bot.use(() => void log.push("never"));
  await bot.handleEvent(text("hi"));
  assert.deepEqual(log, ["a>", "b>", "c", "<b", "<a"]);
});

Deno.test("use: next() twice is an error; bad middleware is refused with a hint", async () => {
  const { bot } = setup();
  bot.use(async (_ctx, next) => {
    await next();
    await next();
  });
  await assert.rejects(bot.handleEvent(text("x")), /next\(\) was called twice/);
  assert.throws(() => bot.use(undefined as never), /got undefined: pass a middleware function/);
  assert.throws(() => new Composer().use(42 as never), /got number/);
});

Deno.test("use: a composer's later additions are seen", async () => {
  const { bot, client } = setup();
  const part = new Composer();
  bot.use(part);
  part.on("message:text", (ctx) => ctx.reply("late"));
  await bot.handleEvent(text("x"));
  assert.deepEqual(client.texts(), ["late"]);
});

Deno.test("on: each filter query selects its events", async () => {
  const cases: [string, Parameters<typeof event>[0], boolean][] = [
    ["message", { type: "message", attachments: [], timerUpdate: false, request: false }, true],
    ["message:text", {
      type: "message",
      body: "",
      attachments: [],
      timerUpdate: false,
      request: false,
    }, false],
    ["message:text", {
      type: "message",
      body: "x",
      attachments: [],
      timerUpdate: false,
      request: false,
    }, true],
    ["message:attachments", {
      type: "message",
      attachments: [],
      timerUpdate: false,
      request: false,
    }, false],
    [
      "message:attachments",
      { type: "message", attachments: [file()], timerUpdate: false, request: false },
      true,
    ],
    [
      "message:voice",
      { type: "message", attachments: [file()], timerUpdate: false, request: false },
      false,
    ],
    [
      "message:voice",
      { type: "message", attachments: [file(true)], timerUpdate: false, request: false },
      true,
    ],
    [
      "message:quote",
      {
        type: "message",
        attachments: [],
        timerUpdate: false,
        request: false,
        quote: { timestamp: 1, author: ME },
      },
      true,
    ],
    [
      "message:timer",
      { type: "message", attachments: [], timerUpdate: true, request: false },
      true,
    ],
    [
      "message:request",
      { type: "message", attachments: [], timerUpdate: false, request: true },
      true,
    ],
    [
      "message:request",
      { type: "message", attachments: [], timerUpdate: false, request: false },
      false,
    ],
    ["reaction:added", {
      type: "reaction",
      emoji: "👍",
      removed: false,
      target: { timestamp: 1, author: ME },
    }, true],
    ["reaction:added", {
      type: "reaction",
      emoji: "👍",
      removed: true,
      target: { timestamp: 1, author: ME },
    }, false],
    ["reaction:removed", {
      type: "reaction",
      emoji: "👍",
      removed: true,
      target: { timestamp: 1, author: ME },
    }, true],
    ["receipt:read", { type: "receipt", kind: "read", timestamps: [1] }, true],
    ["receipt:delivery", { type: "receipt", kind: "read", timestamps: [1] }, false],
    ["typing:started", { type: "typing", typing: true }, true],
    ["typing:stopped", { type: "typing", typing: true }, false],
    ["typing", { type: "typing", typing: false }, true],
    ["unsend", { type: "unsend", target: { timestamp: 1, author: ALICE } }, true],
    ["request", { type: "request" }, true],
    ["requestAccepted", { type: "requestAccepted" }, true],
    ["profile", { type: "profile", displayName: "Ann" }, true],
    ["dataExtraction:screenshot", { type: "dataExtraction", kind: "screenshot" }, true],
    ["dataExtraction:mediaSaved", { type: "dataExtraction", kind: "screenshot" }, false],
    ["call", { type: "call", call: {} }, true],
    ["message", { type: "typing", typing: true }, false],
  ];
  for (const [query, fields, expected] of cases) {
    const { bot } = setup();
    let hit = false;
    bot.on(query as "message", () => void (hit = true));
    await bot.handleEvent(event(fields));
    assert.equal(hit, expected, `${query} on ${JSON.stringify(fields)}`);
  }
});

Deno.test("on: a list matches any of its queries; chained filters narrow further", async () => {
  const { bot } = setup();
  const seen: string[] = [];
  bot.on(["typing", "receipt"], (ctx) => void seen.push(ctx.type));
  bot.on("message").on("message:text", (ctx) => void seen.push(ctx.text));
  await bot.handleEvent(event({ type: "typing", typing: true }));
  await bot.handleEvent(event({ type: "receipt", kind: "read", timestamps: [] }));
  await bot.handleEvent(text("words"));
  assert.deepEqual(seen, ["typing", "receipt", "words"]);
});

Deno.test("on: an unknown filter query names the closest valid one and lists them all", () => {
  const { bot } = setup();
  const error = assertValidation(
    () => bot.on("mesage:text" as "message"),
    "unknown_filter",
    "filter",
  );
  assert.match(
    error.message,
    /^Unknown filter query 'mesage:text'\. Did you mean 'message:text'\? Valid: message, /,
  );
  assert.match(error.message, /reaction:added/);
  assert.match(
    assertValidation(() => bot.on("reactoin" as "message"), "unknown_filter").message,
    /Did you mean 'reaction'\?/,
  );
  assert.doesNotMatch(
    assertValidation(() => bot.on("zzzzzzzz" as "message"), "unknown_filter").message,
    /Did you mean/,
  );
  assertValidation(() => bot.on([] as never), "unknown_filter");
  assertValidation(() => bot.on(7 as never), "unknown_filter");
});

Deno.test("command: /name args, aliases, case, quotes; ctx.match and ctx.command", async () => {
  const { bot, client } = setup();
  bot.command(
    ["weather", "w"],
    (ctx) => ctx.reply(`${ctx.command.name}|${ctx.match}|${ctx.command.argv.join(",")}`),
  );
  bot.command("start", (ctx) => ctx.reply(`start:${ctx.match}`));
  await bot.handleEvent(text('/weather "New York" today'));
  await bot.handleEvent(text("/W paris"));
  await bot.handleEvent(text("  /start  "));
  await bot.handleEvent(text("/starter"));
  await bot.handleEvent(text("start"));
  await bot.handleEvent(text("/start@bot x"));
  assert.deepEqual(client.texts(), [
    'weather|"New York" today|New York,today',
    "w|paris|paris",
    "start:",
    "start:x",
  ]);
});

Deno.test("command: bad names are refused at registration", () => {
  const { bot } = setup();
  assertValidation(() => bot.command("two words", () => {}), "invalid_command", "name");
  assertValidation(() => bot.command("", () => {}), "invalid_command", "name");
  assertValidation(() => bot.command([], () => {}), "invalid_command", "name");
  assertValidation(() => bot.command("x".repeat(33), () => {}), "invalid_command", "name");
  bot.command("/slash_ok", () => {}); // a leading slash is tolerated
  assert.deepEqual(bot.listCommands().map((c) => c.name), ["slash_ok"]);
});

Deno.test("command: the generated /help lists commands with usage and descriptions", async () => {
  const { bot, client } = setup();
  bot.command("start", "Say hello", () => {});
  const admin = new Composer();
  admin.command({ name: "weather", usage: "<city>", description: "Weather for a city" }, () => {});
  admin.command({ name: "secret", hidden: true }, () => {});
  bot.use(admin);
  bot.on("message").command("plain", () => {});
  await bot.handleEvent(text("/help"));
  assert.deepEqual(client.texts(), [
    "Commands:\n/start — Say hello\n/weather <city> — Weather for a city\n/plain",
  ]);
  // a handler that takes /help wins over the generated one
  const other = setup();
  other.bot.command("help", (ctx) => ctx.reply("custom"));
  await other.bot.handleEvent(text("/help"));
  assert.deepEqual(other.client.texts(), ["custom"]);
  // and it can be switched off
  const quiet = new Bot(new FakeClient(), { help: false });
  await quiet.handleEvent(text("/help"));
  assert.deepEqual((quiet.client as FakeClient).texts(), []);
});

Deno.test("hears: strings match the whole text ignoring case; regexes give the match", async () => {
  const { bot, client } = setup();
  bot.hears("hi", (ctx) => ctx.reply("hello"));
  bot.hears(/^order (\d+)$/i, (ctx) => ctx.reply(`#${ctx.match[1]}`));
  bot.hears([/a+b/g, "x.y"], (ctx) => ctx.reply(`list:${ctx.match[0]}`));
  for (const t of ["hi", " HI ", "hi there", "Order 42", "caab", "caab", "x.y", "xzy"]) {
    await bot.handleEvent(text(t));
  }
  assert.deepEqual(client.texts(), ["hello", "hello", "#42", "list:aab", "list:aab", "list:x.y"]);
  assertValidation(() => bot.hears([], () => {}), "invalid_trigger");
  assertValidation(() => bot.hears(5 as never, () => {}), "invalid_trigger");
});

Deno.test("filter, drop, branch", async () => {
  const { bot, client } = setup();
  const admins = new Set([BOB]);
  bot.filter((ctx) => admins.has(ctx.from)).command("admin", (ctx) => ctx.reply("yes admin"));
  bot.drop((ctx) => admins.has(ctx.from)).command("admin", (ctx) => ctx.reply("no"));
  bot.on("message").branch(
    async (ctx) => await Promise.resolve(ctx.message.attachments.length > 0),
    (ctx) => ctx.reply("file"),
    (ctx) => ctx.reply("text"),
  );
  await bot.handleEvent(text("/admin", BOB));
  await bot.handleEvent(text("/admin", ALICE));
  await bot.handleEvent(text("plain"));
  await bot.handleEvent(text("", ALICE, { attachments: [file()] }));
  assert.deepEqual(client.texts(), ["yes admin", "no", "text", "file"]);
});

Deno.test("route: by key, with a fallback; route composers' commands are listed", async () => {
  const { bot, client } = setup();
  const textRoute = new Composer();
  textRoute.command("inside", "A routed command", (ctx) => ctx.reply("inside"));
  textRoute.use((ctx) => ctx.reply("text route"));
  bot.route((ctx) => ctx.text ? "text" : ctx.type === "reaction" ? "reaction" : undefined, {
    text: textRoute,
    reaction: (ctx) => ctx.reply("reaction route"),
  }, (ctx) => ctx.reply("fallback"));
  await bot.handleEvent(text("hey"));
  await bot.handleEvent(text("/inside"));
  await bot.handleEvent(
    event({ type: "reaction", emoji: "👍", removed: false, target: { timestamp: 1, author: ME } }),
  );
  await bot.handleEvent(event({ type: "typing", typing: true }));
  assert.deepEqual(client.texts(), ["text route", "inside", "reaction route", "fallback"]);
  assert.deepEqual(bot.listCommands(), [{ name: "inside", description: "A routed command" }]);
});

Deno.test("lazy: middleware built per event (single or list)", async () => {
  const { bot, client } = setup();
  bot.lazy((ctx) =>
    ctx.text === "list"
      ? [async (_c: Context, next: () => Promise<void>) => {
        await client.send(ALICE, "one");
        await next();
      }, (c: Context) => c.reply("two")]
      : (c: Context) => c.reply("single")
  );
  await bot.handleEvent(text("list"));
  await bot.handleEvent(text("x"));
  assert.deepEqual(client.texts(), ["one", "two", "single"]);
});

Deno.test("errorBoundary: catches errors inside, not after; next() from the handler goes on", async () => {
  const { bot, client } = setup();
  const caught: BotError[] = [];
  bot.errorBoundary(
    async (err, next) => {
      caught.push(err);
      await err.ctx.reply("sorry");
      if (err.ctx.text === "continue") await next();
    },
    (ctx, next) => {
      if (ctx.text !== "ok") throw new Error("inner boom");
      return next();
    },
  );
  bot.use((ctx) => {
    if (ctx.text === "ok") throw new Error("outer boom");
    return ctx.reply("after");
  });
  await bot.handleEvent(text("fail"));
  await bot.handleEvent(text("continue"));
  await assert.rejects(
    bot.handleEvent(text("ok")),
    (e) => e instanceof BotError && /outer boom/.test(e.message),
  );
  assert.deepEqual(client.texts(), ["sorry", "sorry", "after"]);
  assert.equal(caught.length, 2);
  assert.ok(caught[0] instanceof BotError);
  assert.equal((caught[0].error as Error).message, "inner boom");
});

Deno.test("the bot ignores its own messages: sync copies and messages from itself", async () => {
  const { bot } = setup();
  let count = 0;
  bot.use(() => void count++);
  await bot.handleEvent(text("mine", ME));
  await bot.handleEvent({ ...text("sync copy"), outgoing: true });
  await bot.handleEvent(text("theirs", ALICE));
  assert.equal(count, 1);
});

Deno.test("handleEvent refuses what is not an event", async () => {
  const { bot } = setup();
  await assert.rejects(bot.handleEvent(null as never), /needs an event object/);
});
