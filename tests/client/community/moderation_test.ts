/** Moderation calls by a moderator of the lobby, and what they do to another user. */
import assert from "node:assert/strict";
import { CommunityError, type CommunityMessageEvent } from "../../../src/client/community/mod.ts";
import { ValidationError } from "../../../src/core/errors.ts";
import { identity, record, ROOM_POLL, waitFor, withDevnet } from "./_setup.ts";

const refused = (code: string) => (e: unknown) => e instanceof CommunityError && e.code === code;

Deno.test("moderation: mute, ban, moderators, delete-all, done by a room admin", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const mod = await open(identity(3));
    const user = await open(identity(4));
    const seenByMod = record(mod);
    await mod.start();
    await user.start();
    const link = devnet.community.joinLink;
    const modRoom = await mod.communities.join(link, { pollInterval: ROOM_POLL });
    const userRoom = await user.communities.join(link, { pollInterval: ROOM_POLL });

    // Not yet a moderator: refused with a typed error.
    await assert.rejects(modRoom.mute(userRoom.me, { seconds: 60 }), refused("forbidden"));
    await devnet.community.admin.addModerator(mod.sessionId, { admin: true });
    assert.equal((await modRoom.info()).admin, true);

    // Timed mute (one /sequence): the user cannot post, then can again after unmute.
    const first = await userRoom.post("before mute");
    await modRoom.mute(userRoom.me, { seconds: 3600 });
    await assert.rejects(userRoom.post("muted"), refused("forbidden"));
    assert.equal((await userRoom.info()).write, false);
    await modRoom.unmute(userRoom.me);
    const second = await userRoom.post("after unmute");

    // Delete everything the user posted: both posts go, as deletion events.
    await waitFor(
      seenByMod,
      (e) => e.type === "community:message" && e.messageId === second.id,
      "the 2nd post",
    );
    await modRoom.deleteAllFrom(userRoom.me);
    for (const id of [first.id, second.id]) {
      await waitFor(
        seenByMod,
        (e) => e.type === "community:deletion" && e.messageId === id,
        `deletion of ${id}`,
      );
    }

    // Ban by the 05 Session ID (the server maps it to the blinded one), then unban.
    await modRoom.ban(user.sessionId);
    await assert.rejects(
      userRoom.post("banned"),
      (e) => e instanceof CommunityError && e.status === 403,
    );
    await modRoom.unban(user.sessionId);
    const third = await userRoom.post("back");
    const back = await waitFor(
      seenByMod,
      (e) => e.type === "community:message" && e.messageId === third.id && e,
      "the post after unban",
    ) as CommunityMessageEvent;
    assert.ok(modRoom.isMe(back.from) === false);

    // Moderator rights to the user and back.
    await modRoom.addModerator(userRoom.me);
    assert.equal((await userRoom.info()).moderator, true);
    assert.ok((await modRoom.info()).moderators.some((id) => userRoom.isMe(id)));
    await modRoom.removeModerator(userRoom.me);
    assert.equal((await userRoom.info()).moderator, false);

    // The user (no longer a moderator) deletes the moderator's post: refused.
    const modPost = await modRoom.post("mod post");
    await assert.rejects(
      userRoom.delete(modPost.id),
      (e) => e instanceof CommunityError && e.status === 403,
    );

    // Bad input never reaches the server.
    await assert.rejects(
      modRoom.ban("05xyz"),
      (e) => e instanceof ValidationError && e.code === "bad_session_id",
    );
    await assert.rejects(
      modRoom.mute(userRoom.me, { seconds: -1 }),
      (e) => e instanceof ValidationError,
    );
    await assert.rejects(modRoom.react(-1, "👍"), (e) => e instanceof ValidationError);
    await assert.rejects(modRoom.react(1, ""), (e) => e instanceof ValidationError);
    await assert.rejects(modRoom.sendDm(user.sessionId, "hi"), (e) => e instanceof ValidationError);
  });
});
