import assert from "node:assert/strict";
import { join } from "node:path";
import { echo } from "../../examples/echo.ts";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { spawn } from "../_spawn.ts";

Deno.test("examples/echo.ts: answers with the same text, quoting it", async () => {
  await using net = await createTestNetwork();
  const bot = await net.createBot(echo);
  const alice = await net.createUser("alice");
  const sent = await alice.send("hello, bot");
  const reply = await alice.nextMessage({ from: bot });
  assert.equal(reply.body, "hello, bot");
  assert.equal(reply.quote?.timestamp, sent.timestamp);
});

Deno.test("examples/echo.ts runs as a service: answers, then SIGTERM exits 0", async () => {
  await using net = await createTestNetwork();
  const alice = await net.createUser("alice");
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-echo-" });
  try {
    await using echoBot = spawn("examples/echo.ts", [
      "--network",
      net.seedUrl,
      "--kv",
      join(dir, "echo.kv"),
    ]);
    const [, botId] = (await echoBot.line(/^echo bot \w+ is running/)).match(/^echo bot (\w+)/)!;
    await alice.send(botId, "are you there?");
    assert.equal((await alice.nextMessage({ from: botId })).body, "are you there?");
    echoBot.kill("SIGTERM");
    assert.equal((await echoBot.status).code, 0, echoBot.stderr());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
