import assert from "node:assert/strict";
import { join } from "node:path";
import { Bot, type BotEvent, type Context, type SendInput } from "../../src/bot/mod.ts";
import { assertValidation } from "../assertions.ts";
import { ALICE, event, FakeClient, file, ME, text } from "./_helpers.ts";

async function run(handler: (ctx: Context) => unknown, incoming: BotEvent = text("hello there")) {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.catch(() => {});
  bot.use(handler);
  await bot.handleEvent(incoming);
  return client;
}

Deno.test("ctx shortcuts: from, chat, id, type, timestamp, message, text, me", async () => {
  const incoming = text("hello there");
  let seen: Record<string, unknown> = {};
  await run((ctx) => {
    seen = {
      from: ctx.from,
      chat: ctx.chat,
      id: ctx.id,
      type: ctx.type,
      timestamp: ctx.timestamp,
      message: ctx.message,
      text: ctx.text,
      me: ctx.me,
      reaction: ctx.reaction,
      receipt: ctx.receipt,
    };
  }, incoming);
  assert.deepEqual(seen, {
    from: ALICE,
    chat: ALICE,
    id: incoming.id,
    type: "message",
    timestamp: incoming.timestamp,
    message: incoming,
    text: "hello there",
    me: ME,
    reaction: undefined,
    receipt: undefined,
  });
});

Deno.test("ctx.reply: to the chat, text or input, quoting on request", async () => {
  const incoming = text("question?");
  const client = await run(async (ctx) => {
    await ctx.reply("plain");
    await ctx.reply({ body: "with timer", expiresInSeconds: 60 });
    await ctx.reply("quoted", { quote: true });
    await ctx.reply("other quote", { quote: { timestamp: 5, author: ME } });
  }, incoming);
  const inputs = client.sent.map((s) => (s as { input: string | SendInput }).input);
  assert.deepEqual(client.sent.map((s) => [s.method, s.to]), Array(4).fill(["send", ALICE]));
  assert.deepEqual(inputs, [
    { body: "plain" },
    { body: "with timer", expiresInSeconds: 60 },
    { body: "quoted", quote: { timestamp: incoming.timestamp, author: ALICE, text: "question?" } },
    { body: "other quote", quote: { timestamp: 5, author: ME } },
  ]);
});

Deno.test("ctx.replyWithFile: bytes, a path (file name from it), an input; caption and body", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "notes.txt");
  await Deno.writeTextFile(path, "file body");
  try {
    const client = await run(async (ctx) => {
      await ctx.replyWithFile(new Uint8Array([1, 2, 3]), { fileName: "a.bin", body: "bytes" });
      await ctx.replyWithFile(path, { caption: "from disk" });
      await ctx.replyWithFile(new URL(`file://${path}`));
      await ctx.replyWithFile({ bytes: new Uint8Array([9]), fileName: "x.dat" }, { quote: true });
    });
    const inputs = client.sent.map((s) => (s as { input: SendInput }).input);
    assert.equal(inputs[0].body, "bytes");
    assert.deepEqual(inputs[0].attachments, [{
      bytes: new Uint8Array([1, 2, 3]),
      fileName: "a.bin",
    }]);
    assert.deepEqual(inputs[1].attachments, [{
      bytes: new TextEncoder().encode("file body"),
      fileName: "notes.txt",
      caption: "from disk",
    }]);
    assert.equal((inputs[2].attachments![0] as { fileName: string }).fileName, "notes.txt");
    assert.equal(inputs[3].quote?.author, ALICE);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ctx.replyWithFile refuses what is not a file", async () => {
  let error: unknown;
  await run(async (ctx) => {
    try {
      await ctx.replyWithFile(42 as never);
    } catch (e) {
      error = e;
    }
  });
  assertValidation(
    () => {
      throw error;
    },
    "invalid_attachment",
    "file",
  );
});

Deno.test("ctx.react, typing, markRead, acceptRequest, declineRequest, block", async () => {
  const incoming = text("hey");
  const client = await run(async (ctx) => {
    await ctx.react("👍");
    await ctx.react("👍", { remove: true });
    await ctx.typing();
    await ctx.typing(false);
    await ctx.markRead();
    await ctx.acceptRequest();
    await ctx.declineRequest();
    await ctx.block();
  }, incoming);
  const target = { timestamp: incoming.timestamp, author: ALICE };
  assert.deepEqual(client.sent.map(({ at: _at, ...call }) => call), [
    { method: "react", to: ALICE, target, emoji: "👍", remove: false },
    { method: "react", to: ALICE, target, emoji: "👍", remove: true },
    { method: "typing", to: ALICE, on: true },
    { method: "typing", to: ALICE, on: false },
    { method: "markRead", to: ALICE, timestamps: [incoming.timestamp] },
    { method: "acceptRequest", to: ALICE },
    { method: "declineRequest", to: ALICE },
    { method: "block", to: ALICE },
  ]);
});

Deno.test("message-only methods explain themselves on other events", async () => {
  const errors: unknown[] = [];
  const typing = event({ type: "typing", typing: true });
  await run(async (ctx) => {
    for (
      const call of [
        () => ctx.react("👍"),
        () => ctx.markRead(),
        () => ctx.reply("x", { quote: true }),
      ]
    ) {
      await call().catch((e) => errors.push(e));
    }
  }, typing);
  assert.equal(errors.length, 3);
  for (const e of errors) {
    assertValidation(
      () => {
        throw e;
      },
      "no_message",
      "ctx",
    );
  }
  assert.match(
    (errors[0] as Error).message,
    /ctx\.react\(\) needs a message, but this is a 'typing' event/,
  );
  let emptyEmoji: unknown;
  await run((ctx) => ctx.react("  ").catch((e) => void (emptyEmoji = e)));
  assertValidation(() => {
    throw emptyEmoji;
  }, "invalid_emoji");
});

Deno.test("ctx.session / ctx.conversation without their plugin say what to install", async () => {
  const messages: string[] = [];
  await run((ctx) => {
    for (const property of ["session", "conversation"]) {
      try {
        void (ctx as unknown as Record<string, unknown>)[property];
      } catch (e) {
        messages.push((e as Error).message);
      }
    }
  });
  assert.match(
    messages[0],
    /ctx\.session is not available: install its plugin first, e\.g\. bot\.use\(session\(/,
  );
  assert.match(messages[1], /bot\.use\(conversation\(\)\)/);
});

Deno.test("ctx.tx is the event's inbox transaction", async () => {
  const incoming = text("x");
  let same = false;
  await run((ctx) => void (same = ctx.tx === incoming.tx), incoming);
  assert.ok(same);
});

Deno.test("attachments metadata reaches handlers", async () => {
  let count = 0;
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.on("message:attachments", (ctx) => void (count = ctx.message.attachments.length));
  await bot.handleEvent(text("", ALICE, { attachments: [file(), file(true)] }));
  assert.equal(count, 2);
});

Deno.test("ctx.download: the first attachment (or the one given); explains when it cannot", async () => {
  const named = { ...file(), fileName: "a.txt" };
  const second = { ...file(), fileName: "b.txt" };
  const got: string[] = [];
  const errors: unknown[] = [];
  await run(async (ctx) => {
    got.push(new TextDecoder().decode((await ctx.download()).bytes));
    got.push(new TextDecoder().decode((await ctx.download(second)).bytes));
  }, text("", ALICE, { attachments: [named, second] }));
  assert.deepEqual(got, ["content of a.txt", "content of b.txt"]);
  await run((ctx) => ctx.download().catch((e) => void errors.push(e)));
  const bare = new FakeClient();
  (bare as { download?: unknown }).download = undefined;
  const bot = new Bot(bare);
  bot.use((ctx) => ctx.download().catch((e) => void errors.push(e)));
  await bot.handleEvent(text("", ALICE, { attachments: [named] }));
  assertValidation(() => {
    throw errors[0];
  }, "no_attachment");
  assertValidation(() => {
    throw errors[1];
  }, "unsupported");
});
