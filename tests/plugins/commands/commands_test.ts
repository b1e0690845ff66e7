import assert from "node:assert/strict";
import { Bot } from "../../../src/bot/mod.ts";
import { commands } from "../../../src/plugins/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { FakeClient, text } from "../../bot/_helpers.ts";

function setup(options: Parameters<typeof commands>[0] = {}) {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.use(commands(options));
  bot.command("start", "Say hello", (ctx) => ctx.reply("hello"));
  bot.command({ name: "weather", usage: "<city>" }, (ctx) => ctx.reply(`sunny in ${ctx.match}`));
  bot.command({ name: "debug", hidden: true }, (ctx) => ctx.reply("debug"));
  bot.on("message:text", (ctx) => ctx.reply(`text: ${ctx.text}`));
  return { client, bot };
}

Deno.test("commands: /help lists every visible command, itself included, with added descriptions", async () => {
  const { bot, client } = setup({
    header: "I understand:",
    footer: "Questions? Write to @support",
    descriptions: { weather: "Weather for a city" },
  });
  await bot.handleEvent(text("/help"));
  assert.deepEqual(client.texts(), [[
    "I understand:",
    "/help — Show this list",
    "/start — Say hello",
    "/weather <city> — Weather for a city",
    "Questions? Write to @support",
  ].join("\n")]);
});

Deno.test("commands: a command nobody handles gets the unknown reply; handled ones and text do not", async () => {
  const { bot, client } = setup();
  await bot.handleEvent(text("/start"));
  await bot.handleEvent(text("/weather Oslo"));
  await bot.handleEvent(text("/debug"));
  await bot.handleEvent(text("/dance now"));
  await bot.handleEvent(text("just text"));
  assert.deepEqual(client.texts(), [
    "hello",
    "sunny in Oslo",
    "debug",
    "text: /dance now",
    "Unknown command /dance. Send /help for the list.",
    "text: just text",
  ]);
});

Deno.test("commands: custom and silenced unknown replies; another help name", async () => {
  const custom = setup({ unknown: "No /{command} here, try /aide", help: "/aide" });
  await custom.bot.handleEvent(text("/nope"));
  await custom.bot.handleEvent(text("/aide"));
  assert.equal(custom.client.texts()[1], "No /nope here, try /aide");
  assert.match(custom.client.texts()[2], /^Commands:\n\/aide — Show this list\n/);
  const silent = setup({ unknown: false });
  await silent.bot.handleEvent(text("/nope"));
  assert.deepEqual(silent.client.texts(), ["text: /nope"]);
});

Deno.test("commands: help: false leaves /help to the bot's built-in one (no unknown reply)", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.use(commands({ help: false }));
  bot.command("start", "Say hello", () => {});
  await bot.handleEvent(text("/help"));
  assert.deepEqual(client.texts(), ["Commands:\n/start — Say hello"]);
});

Deno.test("commands: bad options are named", () => {
  assertValidation(() => commands({ help: "two words" }), "invalid_plugin_config", "commands.help");
  assertValidation(() => commands({ unknown: "" }), "invalid_plugin_config", "commands.unknown");
  assertValidation(() => commands({ descriptions: { "bad name": "x" } }), "invalid_plugin_config");
});
