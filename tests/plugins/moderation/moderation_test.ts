/**
 * The moderation plugin's dispatch: what it does about a post (a stand-in room records the
 * calls; tests/plugins/moderation/moderation_devnet_test.ts checks the effects on a real server).
 */
import assert from "node:assert/strict";
import { Bot } from "../../../src/bot/mod.ts";
import { ValidationError } from "../../../src/core/errors.ts";
import { moderation, type ModerationOptions } from "../../../src/plugins/mod.ts";
import {
  ALICE,
  ALICE_BLINDED,
  BOB_BLINDED,
  dm,
  FakeCommunityClient,
  post,
} from "../../bot/_community.ts";

function setup(options: ModerationOptions) {
  const client = new FakeCommunityClient();
  const bot = new Bot(client, { logSink: () => {} });
  bot.use(moderation(options));
  const reached: string[] = [];
  bot.on("community:message", (ctx) => void reached.push(ctx.text ?? ""));
  return { bot, room: client.community, reached };
}

Deno.test("moderation: a banned word's post is deleted, its author warned, then muted", async () => {
  const { bot, room, reached } = setup({ words: ["spam*"], muteSeconds: 120 });
  const first = post("buy my spam");
  await bot.handleEvent(post("hello all"));
  await bot.handleEvent(first);
  assert.deepEqual(room.of("delete"), [[first.messageId]]);
  assert.deepEqual(room.posts(), [
    `@${ALICE_BLINDED} please keep to the room rules: a banned word. Next time you will be muted for 2 min.`,
  ]);
  const second = post("SPAMMING again");
  await bot.handleEvent(second);
  assert.deepEqual(room.of("delete"), [[first.messageId], [second.messageId]]);
  assert.deepEqual(room.of("mute"), [[ALICE_BLINDED, { seconds: 120 }]]);
  assert.equal(room.posts()[1], `@${ALICE_BLINDED} is muted for 2 min: a banned word.`);
  assert.deepEqual(reached, ["hello all"]); // removed posts never reach later handlers
});

Deno.test("moderation: a flooder is warned on the first post over the limit, muted on the next", async () => {
  const { bot, room, reached } = setup({ flood: { limit: 3, windowMs: 60_000 }, warnings: 1 });
  for (let i = 1; i <= 5; i++) await bot.handleEvent(post(`msg ${i}`));
  await bot.handleEvent(post("calm", BOB_BLINDED));
  assert.deepEqual(reached, ["msg 1", "msg 2", "msg 3", "calm"]);
  assert.equal(room.of("delete").length, 2);
  assert.deepEqual(room.of("mute"), [[ALICE_BLINDED, { seconds: 600 }]]);
  assert.match(room.posts()[0], /posting too fast \(4 posts in 60 s\)/);
});

Deno.test("moderation: links blocked but allowed domains; bans after repeated mutes; custom rule", async () => {
  const { bot, room } = setup({
    links: "block",
    allowDomains: ["getsession.org"],
    warnings: 0,
    banAfterMutes: 2,
    flood: false,
    check: (text) => text.includes("🤬") ? "no swearing" : undefined,
    messages: { mute: false },
  });
  await bot.handleEvent(post("docs at https://getsession.org/faq"));
  await bot.handleEvent(post("win at scam.xyz"));
  await bot.handleEvent(post("🤬"));
  assert.deepEqual(room.of("mute"), [[ALICE_BLINDED, { seconds: 600 }]]);
  assert.deepEqual(room.of("ban"), [[ALICE_BLINDED, {}]]);
  assert.deepEqual(room.posts(), [`@${ALICE_BLINDED} is banned from this room: no swearing.`]);
});

Deno.test("moderation: exempt users, rooms not listed and DMs are left alone; edits are checked", async () => {
  const { bot, room, reached } = setup({ words: ["spam"], exempt: [ALICE], rooms: ["lobby"] });
  await bot.handleEvent(post("spam from an exempt admin"));
  const elsewhere = post("spam elsewhere", BOB_BLINDED);
  await bot.handleEvent({ ...elsewhere, room: { ...elsewhere.room, room: "other" } });
  await bot.handleEvent(dm("spam in a DM", BOB_BLINDED));
  assert.deepEqual(room.calls, []);
  assert.deepEqual(reached, ["spam from an exempt admin", "spam elsewhere"]);
  const edit = post("now with spam", BOB_BLINDED, { edited: true });
  await bot.handleEvent(edit);
  assert.deepEqual(room.of("delete"), [[edit.messageId]]);
});

Deno.test("moderation: a refused action (not a moderator) is logged, not retried forever", async () => {
  const client = new FakeCommunityClient();
  const logs: string[] = [];
  const bot = new Bot(client, { logSink: (r) => void logs.push(r.msg), logLevel: "warn" });
  bot.use(moderation({ words: ["spam"] }));
  client.community.fail.add("delete");
  await bot.handleEvent(post("spam"));
  assert.match(logs.join("\n"), /could not delete the post; is the bot a moderator/);
  assert.equal(client.community.posts().length, 1); // the warning still went out
});

Deno.test("moderation: bad options are refused at moderation({…}), naming the field", () => {
  const cases: [ModerationOptions, RegExp][] = [
    [{ words: ["ok", " "] }, /'words\[1\]' is not a usable word/],
    [{ links: "block", allowDomains: ["not a domain"] }, /'allowDomains\[0\]' is not a domain/],
    [{ allowDomains: ["getsession.org"] }, /allowDomains.*links: "block"/],
    [{ flood: { limit: 0 } }, /flood\.limit/],
    [{ muteSeconds: 0 }, /muteSeconds/],
    [{ exempt: ["alice"] }, /exempt\[0\].*Session ID/],
    [{ exemptModerators: "yes" } as unknown as ModerationOptions, /exemptModerators/],
    [{ strikeTtlMs: 0 }, /strikeTtlMs/],
    [{ wrods: ["x"] } as ModerationOptions, /unknown option 'wrods'.*words/],
  ];
  for (const [options, pattern] of cases) {
    assert.throws(
      () => moderation(options),
      (e) => e instanceof ValidationError && pattern.test(e.message),
      JSON.stringify(options),
    );
  }
});
