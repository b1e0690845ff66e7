/**
 * Room details between polls: `pollInfo/<info_updates>` keeps our standing and the active users
 * current every round and the details (moderators, name) whenever the server bumps
 * `info_updates`; `room.details()` answers without a request.
 */
import assert from "node:assert/strict";
import { createRoomDetails } from "../../../src/client/community/room_details.ts";
import { isBlindedIdOf } from "../../../src/crypto/blinding.ts";
import { identity, ROOM_POLL, withDevnet } from "./_setup.ts";
import { until } from "../session/_setup.ts";

Deno.test("room details: first the room, then pollInfo; standing every round, details on change", () => {
  const details = createRoomDetails();
  assert.equal(details.get(), undefined);
  assert.equal(details.path("lobby"), "/room/lobby");
  assert.equal(details.apply({ token: "lobby", active_users: 3 }), false, "nothing to merge into");
  assert.equal(
    details.apply({ token: "lobby", name: "Lobby", info_updates: 4, moderators: ["15aa"] }),
    true,
  );
  assert.equal(details.path("lobby"), "/room/lobby/pollInfo/4");
  assert.deepEqual(details.get()?.moderators, ["15aa"]);
  // Standing only: merged; the same standing again is no change.
  assert.equal(details.apply({ token: "lobby", active_users: 9, read: true, write: false }), true);
  assert.equal(details.get()?.write, false);
  assert.equal(details.get()?.activeUsers, 9);
  assert.equal(details.apply({ token: "lobby", read: true, write: false }), false);
  // Details moved on: replaced, and the next poll asks from the new counter.
  details.apply({ token: "lobby", details: { token: "lobby", name: "Renamed", info_updates: 5 } });
  assert.equal(details.get()?.name, "Renamed");
  assert.equal(details.path("lobby"), "/room/lobby/pollInfo/5");
  // Garbage changes nothing; a details object without a token is a typed error.
  assert.equal(details.apply("nope"), false);
  assert.throws(() => details.apply({ details: { name: "x" } }), /no token/);
  assert.equal(details.get()?.name, "Renamed");
});

Deno.test("room details on the devnet: a new moderator and a mute show up after a poll", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const alice = await open(identity(1));
    await alice.start();
    const room = await alice.communities.join(devnet.community.joinLink, {
      pollInterval: ROOM_POLL,
    });
    assert.equal(room.details()?.token, "lobby", "known from the join");
    assert.equal(room.details()?.write, true);

    const bob = identity(2);
    await devnet.community.admin.addModerator(bob.sessionId);
    const isBob = (id: string) => isBlindedIdOf(id, bob.sessionId, devnet.community.publicKey);
    await until(() => room.details()?.moderators.some(isBob), 10_000, "the new moderator");
    await devnet.community.admin.setPermissions(alice.sessionId, { write: false });
    await until(() => room.details()?.write === false, 10_000, "our mute in the details");
    await devnet.community.admin.setPermissions(alice.sessionId, { write: null });
    await until(() => room.details()?.write === true, 10_000, "the mute lifted");
  });
});
