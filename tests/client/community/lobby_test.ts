/**
 * Two users in the devnet lobby, through onion v4: posting, reactions, deletion, pins, files
 * and blinded DMs arrive as `community:*` events on the other side.
 */
import assert from "node:assert/strict";
import type {
  CommunityDeletionEvent,
  CommunityDmEvent,
  CommunityMessageEvent,
  CommunityReactionEvent,
} from "../../../src/client/community/mod.ts";
import { identity, record, ROOM_POLL, waitFor, withDevnet } from "./_setup.ts";

Deno.test("lobby: post, react, delete, pin, upload, DM between two users", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const alice = await open(identity(1), { displayName: "Alice" });
    const bob = await open(identity(2));
    const seenByBob = record(bob);
    const seenByAlice = record(alice);
    await alice.start();
    await bob.start();
    const link = devnet.community.joinLink;
    const aliceRoom = await alice.communities.join(link, { pollInterval: ROOM_POLL });
    const bobRoom = await bob.communities.join(link, { pollInterval: ROOM_POLL });
    assert.equal(aliceRoom.room, "lobby");
    assert.ok(aliceRoom.me.startsWith("15"));
    assert.ok(aliceRoom.isMe(aliceRoom.me) && aliceRoom.isMe(alice.sessionId));
    assert.ok(!aliceRoom.isMe(bobRoom.me));
    assert.equal(alice.communities.get(link), aliceRoom);

    // A post reaches Bob with its body, profile and a stable id.
    const posted = await aliceRoom.post("hello lobby");
    const message = await waitFor(
      seenByBob,
      (e) => e.type === "community:message" && e.messageId === posted.id && e,
      "Alice's post",
    ) as CommunityMessageEvent;
    assert.equal(message.body, "hello lobby");
    assert.equal(message.from, aliceRoom.me);
    assert.equal(message.conversation, `${devnet.community.url}/lobby`);
    assert.equal(message.id, `${devnet.community.url}/lobby/${posted.id}`);
    assert.equal(message.profile?.displayName, "Alice");
    assert.equal(message.outgoing, false);
    assert.equal(message.room.publicKey, devnet.community.publicKey);

    // Bob reacts; Alice sees the reaction with Bob as the actor, then its removal.
    await bobRoom.react(posted.id, "👍");
    const reaction = await waitFor(
      seenByAlice,
      (e) => e.type === "community:reaction" && !e.removed && e,
      "Bob's reaction",
    ) as CommunityReactionEvent;
    assert.equal(reaction.emoji, "👍");
    assert.equal(reaction.count, 1);
    assert.equal(reaction.messageId, posted.id);
    assert.ok(aliceRoom.isMe(reaction.from) === false && bobRoom.isMe(reaction.from));
    await bobRoom.unreact(posted.id, "👍");
    await waitFor(
      seenByAlice,
      (e) => e.type === "community:reaction" && e.removed && e.count === 0 && e,
      "the reaction's removal",
    );

    // A reply with an attachment: uploaded to the room, downloadable by Bob.
    const bytes = new TextEncoder().encode("a small file");
    const reply = await aliceRoom.post({
      body: "see file",
      attachments: [{ bytes, fileName: "note.txt", contentType: "text/plain" }],
      quote: { id: message.timestamp, author: aliceRoom.me, text: "hello lobby" },
    });
    const withFile = await waitFor(
      seenByBob,
      (e) => e.type === "community:message" && e.messageId === reply.id && e,
      "the post with a file",
    ) as CommunityMessageEvent;
    assert.equal(withFile.attachments.length, 1);
    assert.equal(withFile.attachments[0].fileName, "note.txt");
    assert.equal(withFile.quote?.id, message.timestamp);
    const fileId = Number(withFile.attachments[0].pointer.id);
    assert.deepEqual(await bobRoom.download(fileId), bytes);
    assert.ok(withFile.attachments[0].url?.endsWith(`/room/lobby/file/${fileId}`));

    // Deleting: Bob sees the deletion.
    await aliceRoom.delete(reply.id);
    const deletion = await waitFor(
      seenByBob,
      (e) => e.type === "community:deletion" && e.messageId === reply.id && e,
      "the deletion",
    ) as CommunityDeletionEvent;
    assert.equal(deletion.id, `${devnet.community.url}/lobby/${reply.id}/deleted`);

    // Pins need an admin: refused for Alice, then allowed.
    await assert.rejects(
      aliceRoom.pin(posted.id),
      (e: Error & { code?: string }) => e.code === "forbidden",
    );
    await devnet.community.admin.addModerator(alice.sessionId, { admin: true });
    await aliceRoom.pin(posted.id);
    assert.deepEqual((await bobRoom.info()).pinnedMessages.map((p) => p.id), [posted.id]);
    await aliceRoom.unpin(posted.id);
    assert.deepEqual((await bobRoom.info()).pinnedMessages, []);

    // Blinded DM: Bob answers Alice in her inbox; she learns his real Session ID.
    const dm = await bobRoom.sendDm(message.from, "psst");
    const received = await waitFor(
      seenByAlice,
      (e) => e.type === "community:dm" && e.messageId === dm.id && e,
      "Bob's DM",
    ) as CommunityDmEvent;
    assert.equal(received.body, "psst");
    assert.equal(received.sessionId, bob.sessionId);
    assert.equal(received.from, bobRoom.me);
    assert.equal(received.conversation, `${devnet.community.url}/dm/${bobRoom.me}`);
    assert.equal(received.outgoing, false);

    // Our own posts are not handed back to us as events.
    await alice.idle();
    assert.ok(
      !seenByAlice.some((e) => e.type === "community:message" && e.messageId === posted.id),
    );
    assert.ok(!seenByBob.some((e) => e.type === "community:dm"), "Bob's own DM is no event");
    assert.ok(!seenByBob.some((e) => e.type === "error"), "no errors at Bob");
  });
});
