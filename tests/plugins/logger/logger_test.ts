import assert from "node:assert/strict";
import { Bot, definePlugin, type LogRecord } from "../../../src/bot/mod.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import { logger } from "../../../src/plugins/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { ALICE, FakeClient, text } from "../../bot/_helpers.ts";

function setup(options: Parameters<typeof logger>[0] = {}) {
  const records: LogRecord[] = [];
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.catch(() => {});
  bot.use(logger({ sink: (r) => void records.push(r), ...options }));
  return { client, bot, records };
}

Deno.test("logger: one record per event and per send, with outcome and duration", async () => {
  const { bot, records } = setup();
  bot.on("message:text", (ctx) => ctx.reply("pong"));
  const incoming = text("ping");
  await bot.handleEvent(incoming);
  const [sent, handled] = records;
  assert.equal(sent.msg, "sent");
  assert.equal(sent.method, "send");
  assert.equal(sent.to, ALICE);
  assert.equal(typeof sent.ms, "number");
  assert.equal(handled.msg, "event handled");
  assert.equal(handled.level, "info");
  assert.equal(handled.type, "message");
  assert.equal(handled.id, incoming.id);
  assert.equal(handled.textLength, 4);
  assert.equal(handled.text, undefined, "no message text unless bodies: true");
  assert.match(handled.time, /^\d{4}-\d\d-\d\dT/);
});

Deno.test("logger: failures are logged as errors and still fail the event", async () => {
  const { bot, records, client } = setup();
  bot.use(() => {
    throw new Error("kaput");
  });
  await assert.rejects(bot.handleEvent(text("x")));
  const failed = records.find((r) => r.msg === "event failed")!;
  assert.equal(failed.level, "error");
  assert.deepEqual(failed.error, { name: "Error", message: "kaput" });
  client.failSends = new Error("store failed");
  await assert.rejects(bot.api.send(ALICE, "x"));
  assert.equal(records.at(-1)!.msg, "send failed");
  assert.equal(records.at(-1)!.level, "warn");
});

Deno.test("logger: the level filters; json and pretty lines go to stdout by default", async () => {
  const { bot, records } = setup({ level: "warn" });
  bot.use((ctx) => ctx.reply("x"));
  await bot.handleEvent(text("x"));
  assert.deepEqual(records, []);
  const printed: string[] = [];
  const original = console.log;
  console.log = (line: string) => void printed.push(line);
  try {
    for (const format of ["json", "pretty"] as const) {
      const bot2 = new Bot(new FakeClient());
      bot2.use(logger({ format, events: false, sends: false }));
      bot2.log.info("hello world", { n: 1, big: 2n });
    }
  } finally {
    console.log = original;
  }
  assert.deepEqual(JSON.parse(printed[0]), {
    ...JSON.parse(printed[0]),
    level: "info",
    msg: "hello world",
    n: 1,
    big: "2",
  });
  assert.match(printed[1], /^\d\d:\d\d:\d\d\.\d{3} INFO {2}hello world n=1 big=2$/);
});

Deno.test("logger: never logs secrets — phrases, seeds, passphrases, tokens, keys", async () => {
  const identity = Identity.generate();
  const mnemonic = identity.mnemonic();
  const seedHex = toHex(identity.exportSeed());
  const passphrase = "correct-horse-battery-staple";
  const token = "tok_9f8e7d6c5b4a";
  const { bot, records } = setup({ level: "debug", bodies: true });
  const leaky = definePlugin({
    name: "leaky",
    version: "1.0.0",
    install(api) {
      api.log.info("configured", {
        passphrase,
        apiToken: token,
        nested: { seed: seedHex, privateKey: "k" },
        identity,
      });
      api.use(async (_ctx, next) => {
        api.log.debug("about to fail", { note: `token=${token} and seed ${seedHex}` });
        await next();
        throw new Error(
          `could not decrypt with passphrase: ${passphrase} (Authorization: Bearer ${token})`,
        );
      });
    },
  });
  bot.use(leaky());
  bot.on("message", (ctx) => ctx.reply(`you sent: ${ctx.text}`));
  await assert.rejects(bot.handleEvent(text(`my recovery phrase is ${mnemonic}, keep it safe`)));
  bot.log.error("url", { url: `https://bot:${passphrase}@example.com/hook` });
  const output = JSON.stringify(records);
  for (
    const secret of [
      passphrase,
      token,
      seedHex,
      mnemonic,
      mnemonic.split(" ").slice(0, 3).join(" "),
    ]
  ) {
    assert.ok(!output.includes(secret), `leaked ${secret}`);
  }
  assert.ok(output.includes("[redacted]"));
  assert.ok(output.includes(identity.sessionId), "public data stays");
  assert.ok(output.includes("my recovery phrase is [redacted]"), "the rest of the text stays");
});

Deno.test("logger: bad options are named", () => {
  assertValidation(
    () => logger({ level: "loud" as never }),
    "invalid_plugin_config",
    "logger.level",
  );
  assertValidation(
    () => logger({ sink: "stdout" as never }),
    "invalid_plugin_config",
    "logger.sink",
  );
});

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
