import assert from "node:assert/strict";
import { Bot, type BotEvent } from "../../../src/bot/mod.ts";
import { createTx } from "../../../src/client/session/tx.ts";
import { webhooks } from "../../../src/plugins/mod.ts";
import { createWebhooks } from "../../../src/webhook/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { ALICE, BOB, FakeClient, text } from "../../bot/_helpers.ts";
import { startReceiver, until } from "../../webhook/_receiver.ts";

/** Delivers like the inbox: a fresh `tx` per try, its ops committed only when a try succeeds. */
async function deliverLikeInbox(kv: Deno.Kv, client: FakeClient, event: BotEvent, tries = 3) {
  for (let i = 0; i < tries; i++) {
    const recorder = createTx();
    try {
      await client.emit({ ...event, tx: recorder.tx } as BotEvent);
    } catch {
      continue;
    }
    const atomic = kv.atomic();
    for (const op of recorder.ops) op(atomic);
    assert.ok((await atomic.commit()).ok);
    return true;
  }
  return false;
}

Deno.test("plugin: every handled event is queued in the inbox commit; failed tries send nothing", async () => {
  const kv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver();
  const queue = createWebhooks({ kv });
  const endpoint = await queue.endpoints.add({
    url: receiver.url,
    allowPrivate: true,
    events: ["message", "reaction"],
  });
  receiver.secret = endpoint.secret;
  const client = new FakeClient();
  const bot = new Bot(client, { kv, logSink: () => {} });
  bot.use(webhooks({ webhooks: queue, attachmentUrl: (id) => `https://bot.example/files/${id}` }));
  let failOnce = true;
  bot.on("message:text", (ctx) => {
    if (ctx.text === "poison") throw new Error("always fails");
    if (ctx.text === "flaky" && failOnce) {
      failOnce = false;
      throw new Error("handler hiccup");
    }
  });
  await bot.start(); // starts the worker too
  try {
    const events = [text("one"), text("flaky"), text("from bob", BOB), text("two")];
    for (const event of events) assert.ok(await deliverLikeInbox(kv, client, event));
    // dead-lettered by the inbox: its deliveries were never committed, so never sent
    const poison = text("poison");
    assert.equal(await deliverLikeInbox(kv, client, poison), false);
    await until(async () => (await queue.stats()).delivered === 4, "four deliveries");
    const bodies = (from: string) =>
      receiver.delivered().filter((r) => r.payload.conversation === from).map((r) =>
        r.payload.body
      );
    assert.deepEqual(bodies(ALICE), ["one", "flaky", "two"], "in order, the retried one once");
    assert.deepEqual(bodies(BOB), ["from bob"]);
    for (const r of receiver.received) {
      assert.ok(r.verified, r.verifyError);
      assert.equal(r.payload.id, r.headers.get("webhook-id"));
      assert.equal((r.payload as { schema?: string }).schema, "sessionbot.event/v1");
    }
    assert.equal(receiver.received.length, 4);
    const ids = (await queue.deliveries()).map((d) => d.eventId);
    assert.equal(ids.length, 4);
    assert.ok(!ids.includes(`${poison.id}:message`));
  } finally {
    await bot.stop(); // stops the worker
    kv.close();
  }
});

Deno.test("plugin: a queue on another store still works (not atomic) and says so once", async () => {
  const botKv = await Deno.openKv(":memory:");
  const hookKv = await Deno.openKv(":memory:");
  await using receiver = await startReceiver();
  const queue = createWebhooks({ kv: hookKv });
  await queue.endpoints.add({ url: receiver.url, allowPrivate: true });
  const client = new FakeClient();
  const warnings: string[] = [];
  const bot = new Bot(client, {
    kv: botKv,
    logSink: (r) => void (r.level === "warn" && warnings.push(r.msg)),
  });
  bot.use(webhooks({ webhooks: queue }));
  await bot.start();
  try {
    await deliverLikeInbox(botKv, client, text("a"));
    await deliverLikeInbox(botKv, client, text("b"));
    await until(() => receiver.delivered().length === 2, "two deliveries");
    assert.equal(warnings.filter((w) => /not atomic/.test(w)).length, 1);
  } finally {
    await bot.stop();
    botKv.close();
    hookKv.close();
  }
});

Deno.test("plugin: options are checked", () => {
  assertValidation(() => webhooks({} as never), "invalid_plugin_config", "webhooks.webhooks");
  assertValidation(
    () => webhooks({ webhooks: { enqueue() {} } as never }),
    "invalid_plugin_config",
    "webhooks.webhooks",
  );
});

Deno.test("plugin: an event too big to send is still handled (and the reason logged)", async () => {
  const kv = await Deno.openKv(":memory:");
  const queue = createWebhooks({ kv });
  await queue.endpoints.add({ url: "http://127.0.0.1:9/never", allowPrivate: true });
  const client = new FakeClient();
  const errors: string[] = [];
  const bot = new Bot(client, {
    kv,
    logSink: (r) => void (r.level === "error" && errors.push(r.msg)),
  });
  bot.use(webhooks({ webhooks: queue, runWorker: false }));
  const handled: string[] = [];
  bot.on("message:text", (ctx) => void handled.push(ctx.text.slice(0, 5)));
  await bot.start();
  try {
    assert.ok(await deliverLikeInbox(kv, client, text("x".repeat(200_001))));
    assert.deepEqual(handled, ["xxxxx"]);
    assert.deepEqual(errors, ["webhooks: event not sent"]);
    assert.deepEqual(await queue.deliveries(), []);
  } finally {
    await bot.stop();
    kv.close();
  }
});
