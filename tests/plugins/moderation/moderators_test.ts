/**
 * Moderator awareness: room moderators and admins (from the room info, compared by the abs
 * rule) and the bot itself are never moderated; the list is cached and a failed read keeps
 * the last known one, logged once.
 */
import assert from "node:assert/strict";
import { Bot, type RoomInfo } from "../../../src/bot/mod.ts";
import { createLogger } from "../../../src/bot/logger.ts";
import { blind15Ids, Identity } from "../../../src/crypto/mod.ts";
import { createModeratorCache, moderation } from "../../../src/plugins/moderation/mod.ts";
import {
  ALICE,
  ALICE_BLINDED,
  BOB_BLINDED,
  FakeCommunity,
  FakeCommunityClient,
  ME_BLINDED,
  post,
  SERVER_KEY,
} from "../../bot/_community.ts";

/** Alice as the server lists her: the other sign candidate, so only the abs rule matches. */
const ALICE_LISTED = blind15Ids(ALICE, SERVER_KEY)[1];

/** A room whose info lists `moderators`/`admins`; `failInfo` makes reading it fail. */
class StaffedRoom extends FakeCommunity {
  moderators: string[] = [];
  admins: string[] = [];
  failInfo = false;
  infoReads = 0;
  override info(): Promise<RoomInfo> {
    this.infoReads++;
    if (this.failInfo) return Promise.reject(new Error("room info unavailable (timeout)"));
    return Promise.resolve(
      {
        token: "lobby",
        name: "Lobby",
        moderators: this.moderators,
        admins: this.admins,
      } as unknown as RoomInfo,
    );
  }
}

class StaffedClient extends FakeCommunityClient {
  override readonly community = new StaffedRoom();
}

function setup(exemptModerators?: boolean) {
  const client = new StaffedClient();
  const bot = new Bot(client, { logSink: () => {} });
  bot.use(
    moderation({
      words: ["spam"],
      ...(exemptModerators === undefined ? {} : { exemptModerators }),
    }),
  );
  const reached: string[] = [];
  bot.on("community:message", (ctx) => void reached.push(ctx.text ?? ""));
  return { bot, room: client.community, reached };
}

Deno.test("moderators: room moderators and admins are left alone by default; others are not", async () => {
  const { bot, room, reached } = setup();
  assert.notEqual(ALICE_LISTED, ALICE_BLINDED);
  room.moderators = [ALICE_LISTED];
  room.admins = [BOB_BLINDED];
  await bot.handleEvent(post("spam from a moderator"));
  await bot.handleEvent(post("spam from an admin", BOB_BLINDED));
  assert.deepEqual(room.calls, []);
  assert.deepEqual(reached, ["spam from a moderator", "spam from an admin"]);
  const carol = blind15Ids(Identity.fromSeed("0d".repeat(32)).sessionId, SERVER_KEY)[0];
  const offending = post("spam from a user", carol);
  await bot.handleEvent(offending);
  assert.deepEqual(room.of("delete"), [[offending.messageId]]);
  assert.equal(room.infoReads, 1); // read once, then cached
});

Deno.test("moderators: exemptModerators: false moderates them too; the bot never acts on itself", async () => {
  const { bot, room, reached } = setup(false);
  room.moderators = [ALICE_LISTED];
  const spam = post("spam from a moderator");
  await bot.handleEvent(spam);
  assert.deepEqual(room.of("delete"), [[spam.messageId]]);
  assert.equal(room.infoReads, 0);
  // The bot's own post (its listed ID is the sign-flipped candidate) and an outgoing echo:
  // the Bot drops them before middleware, and the plugin checks again (defence in depth).
  await bot.handleEvent(post("spam by the bot", ME_BLINDED));
  await bot.handleEvent(post("spam echoed", BOB_BLINDED, { outgoing: true }));
  assert.equal(room.of("delete").length, 1);
  assert.deepEqual(room.of("mute"), []);
  assert.deepEqual(reached, []);
});

Deno.test("moderators: cached per room for refreshMs; a failed read keeps the last list, logged once", async () => {
  const room = new StaffedRoom();
  room.moderators = [ALICE]; // a Session ID in the list matches its blinded ID too
  const logs: string[] = [];
  const log = createLogger(() => ({ sink: (r) => void logs.push(r.msg), level: "warn" }));
  let clock = 0;
  const moderators = createModeratorCache({ log, refreshMs: 60_000, now: () => clock });

  assert.equal(await moderators.isModerator(room, ALICE_BLINDED), true);
  assert.equal(await moderators.isModerator(room, BOB_BLINDED), false);
  clock = 59_999;
  assert.equal(await moderators.isModerator(room, ALICE_BLINDED), true);
  assert.equal(room.infoReads, 1);

  room.failInfo = true;
  for (clock of [60_000, 120_000, 180_000]) {
    assert.equal(await moderators.isModerator(room, ALICE_BLINDED), true, `at ${clock}`);
  }
  assert.equal(room.infoReads, 4);
  assert.equal(logs.filter((m) => /could not read the room's moderators/.test(m)).length, 1);

  // Back: the new list replaces the old, and a later failure is reported again.
  room.failInfo = false;
  room.moderators = [];
  clock = 240_000;
  assert.equal(await moderators.isModerator(room, ALICE_BLINDED), false);
  room.failInfo = true;
  clock = 300_000;
  await moderators.isModerator(room, ALICE_BLINDED);
  assert.equal(logs.length, 2);
});

Deno.test("moderators: posts arriving together share one read of the room", async () => {
  const room = new StaffedRoom();
  room.admins = [ALICE_LISTED];
  const log = createLogger(() => ({ sink: () => {}, level: "warn" }));
  const moderators = createModeratorCache({ log });
  const answers = await Promise.all([
    moderators.isModerator(room, ALICE_BLINDED),
    moderators.isModerator(room, BOB_BLINDED),
    moderators.isModerator(room, ALICE_BLINDED),
  ]);
  assert.deepEqual(answers, [true, false, true]);
  assert.equal(room.infoReads, 1);
});
