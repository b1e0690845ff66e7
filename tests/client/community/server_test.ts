/**
 * Server variations: capabilities and the room list, direct HTTP, a server without `blind`
 * (unblinded signing, 05 IDs), rate limits as typed errors, and two rooms polled together.
 */
import assert from "node:assert/strict";
import { CommunityError, type CommunityMessageEvent } from "../../../src/client/community/mod.ts";
import { ValidationError } from "../../../src/core/errors.ts";
import { identity, record, ROOM_POLL, waitFor, withDevnet } from "./_setup.ts";

Deno.test("capabilities, room list, two rooms on one server, join errors", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const { url, publicKey } = devnet.community;
    await devnet.community.admin.createRoom("second", "Second room");
    const alice = await open(identity(20));
    const bob = await open(identity(21));
    const seen = record(bob);
    await alice.start();
    await bob.start();
    assert.deepEqual((await bob.communities.capabilities(url, publicKey)).sort(), [
      "blind",
      "reactions",
      "sogs",
    ]);
    const rooms = await bob.communities.rooms(url, publicKey);
    assert.deepEqual(rooms.map((r) => r.token).sort(), ["lobby", "second"]);
    assert.equal(rooms.find((r) => r.token === "second")?.name, "Second room");

    const second = `${url}/second?public_key=${publicKey}`;
    for (const link of [devnet.community.joinLink, second]) {
      await bob.communities.join(link, { pollInterval: ROOM_POLL });
    }
    const a1 = await alice.communities.join(devnet.community.joinLink, { pollInterval: ROOM_POLL });
    const a2 = await alice.communities.join(second, {
      pollInterval: ROOM_POLL,
      transport: "direct",
    });
    const p1 = await a1.post("in lobby");
    const p2 = await a2.post("in second");
    const e1 = await waitFor(
      seen,
      (e) =>
        e.type === "community:message" && e.messageId === p1.id && e.room.room === "lobby" && e,
      "lobby post",
    ) as CommunityMessageEvent;
    const e2 = await waitFor(
      seen,
      (e) =>
        e.type === "community:message" && e.messageId === p2.id && e.room.room === "second" && e,
      "second post",
    ) as CommunityMessageEvent;
    assert.equal(e1.conversation, `${url}/lobby`);
    assert.equal(e2.conversation, `${url}/second`);
    assert.deepEqual((await bob.communities.list()).map((c) => c.room).sort(), ["lobby", "second"]);

    await bob.communities.leave(second);
    assert.equal(bob.communities.get(second), undefined);
    assert.deepEqual((await bob.communities.list()).map((c) => c.room), ["lobby"]);

    await assert.rejects(
      bob.communities.join(`${url}/nosuchroom?public_key=${publicKey}`),
      (e) => e instanceof CommunityError && e.code === "not_found",
    );
    await assert.rejects(
      bob.communities.join("not a link"),
      (e) => e instanceof ValidationError && e.code === "bad_join_link",
    );
    await assert.rejects(
      bob.communities.capabilities("ftp://x", publicKey),
      (e) => e instanceof ValidationError,
    );
  });
});

Deno.test("a server without blind: unblinded auth, 05 IDs, rate limits as typed errors", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const alice = await open(identity(22));
    const bob = await open(identity(23));
    const seen = record(bob);
    await alice.start();
    await bob.start();
    const link = devnet.community.joinLink;
    assert.ok(
      !(await bob.communities.capabilities(devnet.community.url, devnet.community.publicKey))
        .includes("blind"),
    );
    const room = await alice.communities.join(link, { pollInterval: ROOM_POLL });
    await bob.communities.join(link, { pollInterval: ROOM_POLL });
    const first = await room.post("plain one");
    const event = await waitFor(
      seen,
      (e) => e.type === "community:message" && e.messageId === first.id && e,
      "the post",
    ) as CommunityMessageEvent;
    assert.equal(event.from, alice.sessionId, "without blinding the poster is the 05 ID");
    assert.ok(room.isMe(event.from));
    await room.post("plain two");
    await assert.rejects(
      room.post("three is too many"),
      (e) => e instanceof CommunityError && e.code === "rate_limited" && e.retryable,
    );
  }, { community: { requireBlind: false, rateLimitSize: 2, rateLimitInterval: 3600 } });
});
