/**
 * SIGTERM/SIGINT on a served bot: running handlers finish and their commits are written before
 * the process exits 0; a handler that outlives the drain bound is left in the KV inbox and
 * handled by the next start, never lost.
 */
import assert from "node:assert/strict";
import { createTestNetwork, waitFor } from "../../../src/testing/mod.ts";
import { botHome, nextEvent } from "./_helpers.ts";

Deno.test("SIGTERM: a running handler finishes, its commit is written, exit 0", async () => {
  await using net = await createTestNetwork();
  await using home = await botHome();
  const alice = await net.createUser("alice");
  await using bot = home.start(net.seedUrl);
  await nextEvent(bot, "started");
  await alice.send(home.identity.sessionId, "slow:1500:a");
  await nextEvent(bot, "handling");
  const signalled = performance.now();
  bot.kill("SIGTERM");
  assert.equal((await bot.status).code, 0, bot.stderr());
  assert.ok(performance.now() - signalled >= 1000, "the process waited for the handler");
  assert.match(bot.lines.join("\n"), /"event":"stopped".*"drained":true/);
  assert.deepEqual([...await home.handled()], [["a", 1n]]);
  assert.equal(await home.inbox(), 0);
});

Deno.test("SIGINT: a handler beyond drainMs is cut off, exit 0; the next start handles it", async () => {
  await using net = await createTestNetwork();
  await using home = await botHome();
  const alice = await net.createUser("alice");
  {
    await using bot = home.start(net.seedUrl, { drainMs: 500, hang: true });
    await nextEvent(bot, "started");
    await alice.send(home.identity.sessionId, "hang:b");
    await nextEvent(bot, "handling");
    const signalled = performance.now();
    bot.kill("SIGINT");
    assert.equal((await bot.status).code, 0, bot.stderr());
    const ms = performance.now() - signalled;
    assert.ok(ms >= 500 && ms < 5000, `stopped after ${Math.round(ms)} ms`);
    assert.match(bot.lines.join("\n"), /"event":"stopped".*"drained":false/);
    assert.equal((await home.handled()).size, 0);
    assert.equal(await home.inbox(), 1, "the message waits in the inbox");
  }
  await using again = home.start(net.seedUrl);
  await nextEvent(again, "started");
  await waitFor(async () => (await home.handled()).get("b") === 1n, {
    what: "b handled after the restart",
  });
  assert.equal(await home.inbox(), 0);
  again.kill("SIGTERM");
  assert.equal((await again.status).code, 0, again.stderr());
});
