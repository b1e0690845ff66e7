/**
 * End to end on the local devnet: a real user messages a real bot (SessionClient, inbox,
 * onion routing); the webhooks plugin queues each event in the inbox commit and the worker
 * POSTs it to a real receiver, signed.
 */
import assert from "node:assert/strict";
import { webhooks } from "../../../src/plugins/mod.ts";
import { createTestNetwork } from "../../../src/testing/mod.ts";
import { createWebhooks } from "../../../src/webhook/mod.ts";
import { startReceiver, until } from "../../webhook/_receiver.ts";

Deno.test("e2e (devnet): messages to a bot arrive at a webhook receiver, signed and in order", async () => {
  await using receiver = await startReceiver();
  const kv = await Deno.openKv(":memory:");
  try {
    await using net = await createTestNetwork();
    const queue = createWebhooks({ kv });
    const endpoint = await queue.endpoints.add({ url: receiver.url, allowPrivate: true });
    receiver.secret = endpoint.secret;
    const bot = await net.createBot((bot) => {
      bot.use(webhooks({ webhooks: queue }));
      bot.on("message:text", (ctx) => ctx.reply(`got ${ctx.text}`));
    }, { kv });
    const alice = await net.createUser("alice");
    for (const body of ["first", "second", "third"]) {
      await alice.send(body);
      assert.equal((await alice.nextMessage()).body, `got ${body}`);
    }
    await until(() => receiver.delivered().length >= 3, "three webhook deliveries", 20_000);
    const got = receiver.delivered().filter((r) => r.payload.type === "message");
    assert.deepEqual(got.map((r) => r.payload.body), ["first", "second", "third"]);
    for (const r of got) {
      assert.ok(r.verified, r.verifyError);
      assert.equal(r.payload.conversation, alice.sessionId);
      assert.equal((r.payload as { from?: string }).from, alice.sessionId);
      assert.equal((r.payload as { identity?: string }).identity, bot.me);
      assert.equal(r.headers.get("webhook-id"), r.payload.id);
    }
    await bot.stop();
  } finally {
    kv.close();
  }
});
