import assert from "node:assert/strict";
import { Bot } from "../../../src/bot/mod.ts";
import { throttle } from "../../../src/plugins/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { ALICE, BOB, FakeClient } from "../../bot/_helpers.ts";

Deno.test("throttle: a burst goes out at once, then one per interval, in order, per recipient", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.use(throttle({ intervalMs: 40, burst: 2 }));
  await bot.init();
  const started = performance.now();
  await Promise.all([
    bot.api.send(ALICE, "1"),
    bot.api.send(ALICE, "2"),
    bot.api.send(ALICE, "3"),
    bot.api.send(ALICE, "4"),
    bot.api.send(BOB, "other"),
  ]);
  const at = (body: string) =>
    client.sent.find((s) => s.method === "send" && s.input === body)!.at - started;
  assert.deepEqual(client.texts(ALICE), ["1", "2", "3", "4"]);
  assert.ok(at("1") < 20 && at("2") < 20, "the burst is immediate");
  assert.ok(at("other") < 20, "other recipients are not held up");
  assert.ok(at("3") >= 35, `third waits one interval (${at("3")})`);
  assert.ok(at("4") >= 75, `fourth waits two intervals (${at("4")})`);
});

Deno.test("throttle: only the configured methods are paced", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.use(throttle({ intervalMs: 10_000, burst: 1, methods: ["send"] }));
  await bot.api.send(ALICE, "1");
  const started = performance.now();
  await bot.api.typing(ALICE);
  await bot.api.block(ALICE);
  assert.ok(performance.now() - started < 50);
});

Deno.test("throttle: stopping the bot ends a paced wait with an error (the event is retried later)", async () => {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.use(throttle({ intervalMs: 60_000, burst: 1 }));
  await bot.start();
  await bot.api.send(ALICE, "1");
  const waiting = bot.api.send(ALICE, "2");
  await bot.stop();
  await assert.rejects(waiting, (e) => (e as { code?: string }).code === "stopped");
  assert.deepEqual(client.texts(), ["1"]);
});

Deno.test("throttle: bad options are named", () => {
  assertValidation(() => throttle({ burst: 0 }), "invalid_plugin_config", "throttle.burst");
  assertValidation(
    () => throttle({ methods: ["fly" as never] }),
    "invalid_plugin_config",
    "throttle.methods[0]",
  );
});
