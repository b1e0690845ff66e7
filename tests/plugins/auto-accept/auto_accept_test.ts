import assert from "node:assert/strict";
import { Bot } from "../../../src/bot/mod.ts";
import { autoAccept } from "../../../src/plugins/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { ALICE, BOB, event, FakeClient, text } from "../../bot/_helpers.ts";

function setup(options: Parameters<typeof autoAccept>[0]) {
  const client = new FakeClient();
  const bot = new Bot(client);
  bot.use(autoAccept(options));
  const seen: string[] = [];
  bot.use((ctx) => void seen.push(`${ctx.type}:${ctx.from === ALICE ? "alice" : "bob"}`));
  return { client, bot, seen };
}

/** What the client does for a stranger's first message: a request event, then the message. */
async function firstMessage(bot: Bot, from: string) {
  await bot.handleEvent(event({ type: "request", from, body: "hi" }));
  await bot.handleEvent(text("hi", from, { request: true }));
}

const calls = (client: FakeClient) =>
  client.sent.map((s) => `${s.method}:${s.to === ALICE ? "alice" : "bob"}`);

Deno.test("autoAccept: everyone is accepted and greeted; handlers see the request and the message", async () => {
  const { bot, client, seen } = setup({ greeting: "Welcome!" });
  await firstMessage(bot, ALICE);
  assert.deepEqual(calls(client), ["acceptRequest:alice", "send:alice"]);
  assert.deepEqual(client.texts(), ["Welcome!"]);
  assert.deepEqual(seen, ["request:alice", "message:alice"]);
});

Deno.test("autoAccept: allowlist accepts listed IDs (or isAllowed), ignores the rest", async () => {
  const { bot, client, seen } = setup({ policy: "allowlist", allow: [ALICE.toUpperCase()] });
  await firstMessage(bot, ALICE);
  await firstMessage(bot, BOB);
  await bot.handleEvent(text("accepted contacts always pass", BOB));
  assert.deepEqual(calls(client), ["acceptRequest:alice"]);
  assert.deepEqual(seen, ["request:alice", "message:alice", "message:bob"]);

  const fn = setup({ policy: "allowlist", isAllowed: (id) => Promise.resolve(id === BOB) });
  await firstMessage(fn.bot, ALICE);
  await firstMessage(fn.bot, BOB);
  assert.deepEqual(calls(fn.client), ["acceptRequest:bob"]);
});

Deno.test("autoAccept: denied requests are declined or blocked on request", async () => {
  const decline = setup({ policy: "nobody", denied: "decline" });
  await firstMessage(decline.bot, ALICE);
  assert.deepEqual(calls(decline.client), ["declineRequest:alice"]);
  assert.deepEqual(decline.seen, []);
  const block = setup({ policy: "allowlist", allow: [BOB], denied: "block" });
  await firstMessage(block.bot, ALICE);
  assert.deepEqual(calls(block.client), ["block:alice"]);
});

Deno.test("autoAccept: bad options are named", () => {
  assert.match(
    assertValidation(
      () => autoAccept({ allow: [ALICE, "05nothex"] }),
      "invalid_plugin_config",
      "auto-accept.allow[1]",
    )
      .message,
    /'allow\[1\]' must be a Session ID/,
  );
  assert.match(
    assertValidation(
      () => autoAccept({ policy: "allowlist" }),
      "invalid_plugin_config",
      "auto-accept.allow",
    ).message,
    /policy 'allowlist' needs allow/,
  );
  assertValidation(
    () => autoAccept({ policy: "some" as never }),
    "invalid_plugin_config",
    "auto-accept.policy",
  );
  assertValidation(
    () => autoAccept({ denied: "drop" as never }),
    "invalid_plugin_config",
    "auto-accept.denied",
  );
});
