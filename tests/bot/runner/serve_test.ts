import assert from "node:assert/strict";
import { join } from "node:path";
import type { Bot } from "../../../src/bot/mod.ts";
import { type RunnerEvent, serve } from "../../../src/runner/mod.ts";
import { createTestNetwork, waitFor } from "../../../src/testing/mod.ts";

Deno.test("serve: two services on one KV file; the standby takes over when the leader stops", async () => {
  await using net = await createTestNetwork();
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-serve-" });
  const events: string[] = [];
  const options = (name: string) => ({
    ...net.clientOptions(),
    kv: join(dir, "bot.kv"),
    identityName: "shared",
    createIdentity: true as const,
    signals: false as const,
    lease: { ttlMs: 500, retryMs: 50 },
    onEvent: (e: RunnerEvent) => void events.push(`${name} ${e.type}`),
    setup: (bot: Bot) => bot.on("message:text", (ctx) => ctx.reply(`${name}: ${ctx.text}`)),
  });
  try {
    const a = await serve(options("a"));
    const b = await serve(options("b"));
    assert.equal(a.sessionId, b.sessionId, "the identity was created once, then loaded");
    assert.equal(a.health().role, "leader");
    assert.equal(b.health().role, "standby");
    assert.equal(b.bot, undefined);

    const alice = await net.createUser("alice");
    await alice.send(a.sessionId, "one");
    assert.equal((await alice.nextMessage()).body, "a: one");

    assert.deepEqual(await a.stop(), { drained: true, ms: (await a.stopped).ms });
    await waitFor(() => b.health().role === "leader", { what: "b leading" });
    await alice.send(b.sessionId, "two");
    assert.equal((await alice.nextMessage()).body, "b: two");
    await b.stop();
    assert.deepEqual(events.filter((e) => e.startsWith("a")), [
      "a elected",
      "a started",
      "a stopping",
      "a deposed",
      "a stopped",
    ]);
    assert.deepEqual(events.filter((e) => e.startsWith("b")).slice(0, 3), [
      "b standby",
      "b elected",
      "b started",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("serve: a failing first start rejects with the reason and closes the store", async () => {
  await using net = await createTestNetwork();
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-serve-" });
  try {
    await assert.rejects(
      serve({
        ...net.clientOptions(),
        kv: join(dir, "bot.kv"),
        identityName: "bot",
        createIdentity: true,
        signals: false,
        onEvent: () => {},
        setup: () => {
          throw new Error("a bug in setup");
        },
      }),
      /a bug in setup/,
    );
    await assert.rejects(
      serve({ kv: join(dir, "bot.kv"), identityName: "nobody", signals: false, setup: () => {} }),
      /nobody/,
    );
    await assert.rejects(
      serve({ kv: join(dir, "bot.kv"), signals: false, setup: () => {} }),
      /needs an identity: pass `identity`, or `identityName`/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
