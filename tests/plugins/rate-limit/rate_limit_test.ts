import assert from "node:assert/strict";
import { Bot } from "../../../src/bot/mod.ts";
import { rateLimit } from "../../../src/plugins/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { ALICE, BOB, event, FakeClient, text } from "../../bot/_helpers.ts";

function setup(options: Parameters<typeof rateLimit>[0]) {
  const client = new FakeClient();
  const bot = new Bot(client, { logSink: () => {} });
  bot.use(rateLimit(options));
  const handled: string[] = [];
  bot.use((ctx) => void handled.push(ctx.text ?? ctx.type));
  return { client, bot, handled };
}

Deno.test("rateLimit: over the limit, events are dropped with one polite reply per window", async () => {
  const { bot, client, handled } = setup({
    limit: 3,
    windowMs: 60_000,
    reply: "Slow down, wait {seconds} s.",
  });
  for (let i = 1; i <= 6; i++) await bot.handleEvent(text(`m${i}`));
  assert.deepEqual(handled, ["m1", "m2", "m3"]);
  assert.deepEqual(client.texts(), ["Slow down, wait 60 s."]);
  // other users are not affected; uncounted event types pass
  await bot.handleEvent(text("hello", BOB));
  await bot.handleEvent(event({ type: "typing", typing: true, from: ALICE }));
  assert.deepEqual(handled, ["m1", "m2", "m3", "hello", "typing"]);
});

Deno.test("rateLimit: a new window lets the user in again (and can warn again)", async () => {
  const { bot, client, handled } = setup({ limit: 1, windowMs: 30 });
  await bot.handleEvent(text("a"));
  await bot.handleEvent(text("b"));
  await bot.handleEvent(text("c"));
  await new Promise((r) => setTimeout(r, 40));
  await bot.handleEvent(text("d"));
  await bot.handleEvent(text("e"));
  assert.deepEqual(handled, ["a", "d"]);
  assert.equal(client.texts().length, 2);
  assert.match(client.texts()[0], /Please wait 1 s/);
});

Deno.test("rateLimit: exempt IDs, silent mode, custom keys and counted event types", async () => {
  const exempt = setup({ limit: 1, exempt: [ALICE], reply: false });
  for (const t of ["a", "b", "c"]) await exempt.bot.handleEvent(text(t));
  assert.deepEqual(exempt.handled, ["a", "b", "c"]);
  const shared = setup({
    limit: 2,
    key: () => "everyone",
    reply: false,
    events: ["message", "reaction"],
  });
  await shared.bot.handleEvent(text("a", ALICE));
  await shared.bot.handleEvent(
    event({ type: "reaction", emoji: "👍", removed: false, target: { timestamp: 1, author: BOB } }),
  );
  await shared.bot.handleEvent(text("c", BOB));
  assert.deepEqual(shared.handled, ["a", "reaction"]);
  assert.deepEqual(shared.client.texts(), []);
});

Deno.test("rateLimit: bad options are named", () => {
  assertValidation(() => rateLimit({ limit: 0 }), "invalid_plugin_config", "rate-limit.limit");
  assertValidation(
    () => rateLimit({ windowMs: 1.5 }),
    "invalid_plugin_config",
    "rate-limit.windowMs",
  );
  assertValidation(
    () => rateLimit({ events: ["mesage" as never] }),
    "invalid_plugin_config",
    "rate-limit.events[0]",
  );
  assertValidation(
    () => rateLimit({ exempt: ["me"] }),
    "invalid_plugin_config",
    "rate-limit.exempt[0]",
  );
});
