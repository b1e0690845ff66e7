import assert from "node:assert/strict";
import { Bot, BotError, type Context } from "../../../src/bot/mod.ts";
import { session, type SessionFlavor } from "../../../src/plugins/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { ALICE, BOB, FakeClient, ME, text } from "../../bot/_helpers.ts";

type Counter = { count: number; items?: string[] };
type C = Context & SessionFlavor<Counter | undefined>;

async function withKv(fn: (kv: Deno.Kv) => Promise<void>): Promise<void> {
  const kv = await Deno.openKv(":memory:");
  try {
    await fn(kv);
  } finally {
    kv.close();
  }
}

function counterBot(kv: Deno.Kv, options: Parameters<typeof session<Counter>>[0] = {}) {
  const client = new FakeClient();
  const bot = new Bot<C>(client, { kv });
  bot.catch(() => {});
  bot.use(session<Counter>({ initial: () => ({ count: 0 }), ...options }));
  return { client, bot };
}

const key = (chat: string) => ["chat", ME, chat, "session"];

Deno.test("session: per-conversation state, stored as { v, data } under the chat key", async () => {
  await withKv(async (kv) => {
    const { bot, client } = counterBot(kv);
    bot.on("message", (ctx) => ctx.reply(`#${++ctx.session!.count}`));
    await bot.handleEvent(text("a", ALICE));
    await bot.handleEvent(text("b", ALICE));
    await bot.handleEvent(text("c", BOB));
    assert.deepEqual(client.texts(), ["#1", "#2", "#1"]);
    assert.deepEqual((await kv.get(key(ALICE))).value, { v: 1, data: { count: 2 } });
    assert.deepEqual((await kv.get(key(BOB))).value, { v: 1, data: { count: 1 } });
  });
});

Deno.test("session: nothing is written when the session is unchanged or untouched", async () => {
  await withKv(async (kv) => {
    const { bot } = counterBot(kv);
    bot.command("peek", (ctx) => ctx.reply(String(ctx.session!.count)));
    bot.command("inc", (ctx) => void ctx.session!.count++);
    await bot.handleEvent(text("/peek"));
    await bot.handleEvent(text("nothing"));
    assert.equal((await kv.get(key(ALICE))).versionstamp, null);
    await bot.handleEvent(text("/inc"));
    const stamp = (await kv.get(key(ALICE))).versionstamp;
    await bot.handleEvent(text("/peek"));
    assert.equal((await kv.get(key(ALICE))).versionstamp, stamp);
  });
});

Deno.test("session: a plain initial value is copied per chat; assigning undefined deletes", async () => {
  await withKv(async (kv) => {
    const client = new FakeClient();
    const bot = new Bot<C>(client, { kv });
    bot.use(session<Counter>({ initial: { count: 0, items: [] } }));
    bot.command("add", (ctx) => void ctx.session!.items!.push(ctx.match));
    bot.command("reset", (ctx) => void (ctx.session = undefined));
    await bot.handleEvent(text("/add x", ALICE));
    await bot.handleEvent(text("/add y", BOB));
    assert.deepEqual((await kv.get(key(ALICE))).value, { v: 1, data: { count: 0, items: ["x"] } });
    assert.deepEqual((await kv.get(key(BOB))).value, { v: 1, data: { count: 0, items: ["y"] } });
    await bot.handleEvent(text("/reset", ALICE));
    assert.equal((await kv.get(key(ALICE))).value, null);
    await bot.handleEvent(text("/reset", ALICE)); // deleting nothing is fine
  });
});

Deno.test("session: a failing handler changes nothing (the retry starts from the stored value)", async () => {
  await withKv(async (kv) => {
    const { bot } = counterBot(kv);
    bot.on("message", (ctx) => {
      ctx.session!.count += 10;
      if (ctx.text === "fail") throw new Error("boom");
    });
    await bot.handleEvent(text("ok"));
    await assert.rejects(bot.handleEvent(text("fail")), BotError);
    assert.deepEqual((await kv.get(key(ALICE))).value, { v: 1, data: { count: 10 } });
  });
});

Deno.test("session: concurrent events of one chat in one process are serialized: no update lost", async () => {
  await withKv(async (kv) => {
    const { bot } = counterBot(kv);
    bot.on("message", async (ctx) => {
      const seen = ctx.session!.count;
      await new Promise((r) => setTimeout(r, 1));
      ctx.session!.count = seen + 1;
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => bot.handleEvent(text(`m${i}`))));
    assert.deepEqual((await kv.get(key(ALICE))).value, { v: 1, data: { count: 20 } });
  });
});

Deno.test("session: a concurrent update elsewhere fails the commit; the retried event sees it", async () => {
  await withKv(async (kv) => {
    // Two bots (two processes) share one KV store and one chat.
    const a = counterBot(kv);
    const b = counterBot(kv);
    const errors: unknown[] = [];
    for (const { bot } of [a, b]) {
      bot.catch((err) => void errors.push(err.error));
      bot.on("message", async (ctx) => {
        const seen = ctx.session!.count;
        await new Promise((r) => setTimeout(r, 2));
        ctx.session!.count = seen + 1;
      });
      await bot.start();
    }
    const deliveries = [];
    for (let i = 0; i < 6; i++) {
      deliveries.push(a.client.deliver(text(`a${i}`), 20), b.client.deliver(text(`b${i}`), 20));
    }
    assert.deepEqual(await Promise.all(deliveries), Array(12).fill(true));
    assert.deepEqual((await kv.get(key(ALICE))).value, { v: 1, data: { count: 12 } });
    assert.ok(errors.length > 0, "the two processes should have collided at least once");
    for (const e of errors) assert.equal((e as { code: string }).code, "session_conflict");
    await a.bot.stop();
    await b.bot.stop();
  });
});

Deno.test("session: TTL forgets a session after its last change", async () => {
  await withKv(async (kv) => {
    const { bot, client } = counterBot(kv, { ttlMs: 60_000 });
    bot.on("message", (ctx) => ctx.reply(`#${++ctx.session!.count}`));
    await bot.handleEvent(text("a"));
    const stored = (await kv.get<{ exp: number }>(key(ALICE))).value!;
    assert.ok(stored.exp > Date.now() + 50_000 && stored.exp <= Date.now() + 60_000);
    // an expired record (KV's expireIn is best effort) reads as a new session
    await kv.set(key(ALICE), { v: 1, data: { count: 41 }, exp: Date.now() - 1 });
    await bot.handleEvent(text("b"));
    await kv.set(key(ALICE), { v: 1, data: { count: 41 }, exp: Date.now() + 10_000 });
    await bot.handleEvent(text("c"));
    assert.deepEqual(client.texts(), ["#1", "#1", "#42"]);
  });
});

Deno.test("session: migrations bring old sessions to the current version", async () => {
  await withKv(async (kv) => {
    await kv.set(key(ALICE), { v: 1, data: { n: 5 } });
    await kv.set(key(BOB), { v: 2, data: { count: 7 } });
    const client = new FakeClient();
    const bot = new Bot<Context & SessionFlavor<{ count: number; label: string }>>(client, { kv });
    bot.use(session({
      initial: () => ({ count: 0, label: "new" }),
      version: 3,
      migrations: {
        2: (old: { n: number }) => ({ count: old.n }),
        3: (old: { count: number }) => ({ ...old, label: "migrated" }),
      },
    }));
    bot.on("message", (ctx) => ctx.reply(`${ctx.session.label} ${ctx.session.count}`));
    await bot.handleEvent(text("x", ALICE));
    await bot.handleEvent(text("x", BOB));
    assert.deepEqual(client.texts(), ["migrated 5", "migrated 7"]);
    // migrated sessions are written back even though the handler only read them
    assert.deepEqual((await kv.get(key(ALICE))).value, {
      v: 3,
      data: { count: 5, label: "migrated" },
    });
  });
});

Deno.test("session: a session newer than the bot is an error, not silently reset", async () => {
  await withKv(async (kv) => {
    await kv.set(key(ALICE), { v: 4, data: {} });
    const { bot } = counterBot(kv);
    bot.use(() => {});
    await assert.rejects(
      bot.handleEvent(text("x")),
      (e) => e instanceof BotError && /has version 4, newer than this bot's 1/.test(e.message),
    );
    await kv.set(key(ALICE), "garbage");
    await assert.rejects(bot.handleEvent(text("x")), /is not a session record/);
  });
});

Deno.test("session: config errors name the field; no KV store is refused at install", () => {
  assert.match(
    assertValidation(
      () => session({ version: 3, migrations: { 2: (x) => x } }),
      "invalid_plugin_config",
      "session.migrations",
    )
      .message,
    /migrations\[3\] \(version 2 → 3\) is missing/,
  );
  assertValidation(() => session({ ttlMs: -5 }), "invalid_plugin_config", "session.ttlMs");
  assertValidation(() => session({ key: "chat" as never }), "invalid_plugin_config", "session.key");
  assertValidation(
    () => session({ initial: Symbol("x") as never }),
    "invalid_plugin_config",
    "session.initial",
  );
  assert.throws(
    () => new Bot(new FakeClient()).use(session()),
    /plugin 'session' needs a Deno KV store/,
  );
});

Deno.test("session: a custom key (per user), and events without one", async () => {
  await withKv(async (kv) => {
    const client = new FakeClient();
    const bot = new Bot<C>(client, { kv });
    bot.catch(() => {});
    bot.use(session<Counter>({
      initial: () => ({ count: 0 }),
      key: (ctx) => ctx.type === "message" ? `user:${ctx.from}` : undefined,
    }));
    bot.on("message", (ctx) => void ctx.session!.count++);
    bot.on("typing", (ctx) => void ctx.session);
    await bot.handleEvent(text("x"));
    assert.deepEqual((await kv.get(["chat", ME, `user:${ALICE}`, "session"])).value, {
      v: 1,
      data: { count: 1 },
    });
    await assert.rejects(
      bot.handleEvent({ ...text("t"), type: "typing", typing: true } as never),
      /has no session: the session key function returned undefined/,
    );
  });
});

Deno.test("session: a value over KV's 64 KiB limit is reported clearly", async () => {
  await withKv(async (kv) => {
    const { bot } = counterBot(kv);
    bot.on("message", (ctx) => void (ctx.session!.items = ["x".repeat(70_000)]));
    await assert.rejects(bot.handleEvent(text("big")), /KV values are limited to 64 KiB/);
  });
});
