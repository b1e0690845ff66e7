import assert from "node:assert/strict";
import type { SessionClient } from "../../../src/client/session/mod.ts";
import { healthHandler, onShutdown, runBot } from "../../../src/runner/mod.ts";
import { createTestNetwork, waitFor } from "../../../src/testing/mod.ts";

Deno.test("runBot: stop() lets a running handler finish and commit", async () => {
  await using net = await createTestNetwork();
  await using kv = await Deno.openKv(":memory:");
  let started = false;
  const bot = await net.createBot((bot) =>
    bot.on("message:text", async (ctx) => {
      started = true;
      await new Promise((r) => setTimeout(r, 300));
      ctx.tx.set(["done", ctx.text], true);
    }), { start: false, kv });
  const run = await runBot(bot, { signals: false, watchdog: false, onEvent: () => {} });
  const alice = await net.createUser("alice");
  await alice.send("slow");
  await waitFor(() => started);
  const result = await run.stop();
  assert.equal(result.drained, true);
  assert.ok(result.ms >= 200, `stopped after ${result.ms} ms`);
  assert.equal((await kv.get(["done", "slow"])).value, true);
  assert.deepEqual(await run.stopped, result);
  assert.equal(await run.stop(), result, "stop() is idempotent");
});

Deno.test("runBot: the drain is bounded; the cut-off message stays in the inbox", async () => {
  await using net = await createTestNetwork();
  await using kv = await Deno.openKv(":memory:");
  const release = Promise.withResolvers<void>();
  let started = false;
  const bot = await net.createBot((bot) =>
    bot.on("message:text", async () => {
      started = true;
      await release.promise;
    }), { start: false, kv });
  const run = await runBot(bot, {
    signals: false,
    watchdog: false,
    drainMs: 200,
    onEvent: () => {},
  });
  await (await net.createUser("alice")).send("stuck");
  await waitFor(() => started);
  const result = await run.stop();
  assert.equal(result.drained, false);
  assert.ok(result.ms >= 190 && result.ms < 1000, `stopped after ${result.ms} ms`);
  release.resolve();
  await (bot.client as SessionClient).stop(); // let the cut-off stop finish before the test ends
});

Deno.test("onShutdown: the first signal drains then exits with the code; a second exits at once", async () => {
  const codes: number[] = [];
  const draining = Promise.withResolvers<void>();
  const signals: string[] = [];
  const dispose = onShutdown(async (signal) => {
    signals.push(signal);
    await draining.promise;
    return 0;
  }, { signals: ["SIGUSR2"], exit: (code) => void codes.push(code) });
  try {
    Deno.kill(Deno.pid, "SIGUSR2");
    await waitFor(() => signals.length === 1);
    Deno.kill(Deno.pid, "SIGUSR2");
    await waitFor(() => codes.length === 1);
    assert.deepEqual(codes, [130], "the second signal does not wait");
    draining.resolve();
    await waitFor(() => codes.length === 2);
    assert.deepEqual(codes, [130, 0]);
  } finally {
    dispose();
  }
});

Deno.test("healthHandler: 200 while healthy, 503 with the reason otherwise", async () => {
  let health = { healthy: true, role: "leader" };
  const handler = healthHandler({ health: () => health });
  assert.equal(handler(new Request("http://x/")).status, 200);
  health = { healthy: false, role: "leader" };
  const response = handler(new Request("http://x/"));
  assert.equal(response.status, 503);
  assert.deepEqual(await response.json(), { healthy: false, role: "leader" });
});
