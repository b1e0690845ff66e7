import assert from "node:assert/strict";
import { createEventLog, eventLogPlugin } from "../../src/bridge/mod.ts";
import { createTestNetwork, waitFor } from "../../src/testing/mod.ts";

Deno.test("eventLogPlugin: a bot's events are logged before its handlers run", async () => {
  await using net = await createTestNetwork();
  using kv = await Deno.openKv(":memory:");
  const log = createEventLog(kv);
  const seenByHandler: boolean[] = [];
  await net.createBot((bot) => {
    bot.use(eventLogPlugin(log));
    bot.on("message:text", async (ctx) => {
      const page = await log.since("0", { types: ["message"] });
      seenByHandler.push(page.events.some((e) => e.payload.body === ctx.text));
      await ctx.reply("ok");
    });
  });
  const alice = await net.createUser("alice");
  await alice.send("log me");
  assert.equal((await alice.nextMessage()).body, "ok");
  assert.deepEqual(seenByHandler, [true]);
  const page = await waitFor(async () => {
    const p = await log.since("0", { types: ["message"] });
    return p.events.length >= 1 && p;
  });
  assert.equal(page.events[0].payload.from, alice.sessionId);
  assert.equal(page.events[0].payload.body, "log me");
});
