/** Moderators, bans, timed mutes through /sequence, delete-all, whispers and the rate limit. */
import assert from "node:assert/strict";
import { send, user, withCommunity } from "./_helpers.ts";

Deno.test("moderators: admins appoint over HTTP; rules for admin/moderator flags; 403 otherwise", () =>
  withCommunity(async (t) => {
    const admin = user(t, 9);
    const alice = user(t, 1);
    const bob = user(t, 2);
    await t.server.admin.addModerator(admin.identity.sessionId, { admin: true });
    const denied = await alice.request("POST", `/user/${bob.id}/moderator`, {
      rooms: ["lobby"],
      moderator: true,
    });
    assert.equal(denied.status, 403);
    const made = await admin.request("POST", `/user/${bob.id}/moderator`, {
      rooms: ["lobby"],
      moderator: true,
      visible: true,
    });
    assert.equal(made.status, 200, made.text);
    assert.equal(typeof made.json.info_updates.lobby, "number");
    assert.deepEqual((await send(`${t.url}/room/lobby`)).json.moderators, [bob.id]);
    const asMod = (await bob.request("GET", "/room/lobby")).json;
    assert.deepEqual([asMod.moderator, asMod.admin, asMod.default_write], [true, undefined, true]);
    const bad = await admin.request("POST", `/user/${bob.id}/moderator`, {
      rooms: ["lobby"],
      admin: true,
      moderator: false,
    });
    assert.equal(bad.status, 400);
    assert.equal(
      (await admin.request("POST", `/user/${bob.id}/moderator`, { moderator: true })).status,
      400,
    );
    assert.equal(
      (await admin.request("POST", `/user/${bob.id}/moderator`, { rooms: ["x"], moderator: true }))
        .status,
      404,
    );
    // Global appointments need a global admin.
    assert.equal(
      (await admin.request("POST", `/user/${bob.id}/moderator`, { global: true, moderator: true }))
        .status,
      403,
    );
    await admin.request("POST", `/user/${bob.id}/moderator`, {
      rooms: ["lobby"],
      moderator: false,
    });
    assert.deepEqual((await send(`${t.url}/room/lobby`)).json.moderators, []);
    assert.equal((await alice.request("POST", "/user/bad/moderator", {})).status, 400);
  }));

Deno.test("room and global bans (timed or not) by a moderator named by Session ID", () =>
  withCommunity(async (t) => {
    const mod = user(t, 3);
    const alice = user(t, 1);
    await t.server.admin.addModerator(mod.identity.sessionId);
    assert.equal((await alice.post("lobby", "before")).status, 201);
    // Ban by the 05 Session ID: it names the same user as the blinded id.
    const ban = await mod.request("POST", `/user/${alice.identity.sessionId}/ban`, {
      rooms: ["lobby"],
      timeout: 60,
    });
    assert.deepEqual([ban.status, ban.json], [200, {}]);
    assert.equal((await alice.post("lobby", "during")).status, 403);
    assert.equal((await alice.request("GET", "/room/lobby/messages/recent")).status, 403);
    assert.equal((await alice.request("GET", "/room/lobby")).status, 404);
    const perms = await mod.request("GET", `/room/lobby/permissions/${alice.id}`);
    assert.equal(perms.json.banned, true);
    t.clock.now += 61_000;
    assert.equal((await alice.post("lobby", "after")).status, 201);

    assert.equal(
      (await mod.request("POST", `/user/${alice.id}/ban`, { global: true })).status,
      403,
      "only global moderators ban globally",
    );
    await t.server.admin.addModerator(mod.id, { global: true });
    assert.equal(
      (await mod.request("POST", `/user/${alice.id}/ban`, { global: true })).status,
      200,
    );
    assert.equal((await alice.request("GET", "/capabilities")).status, 403);
    assert.equal(
      (await mod.request("POST", `/user/${alice.id}/unban`, { global: true })).status,
      200,
    );
    assert.equal((await alice.request("GET", "/capabilities")).status, 200);
    assert.equal(
      (await alice.request("POST", `/user/${mod.id}/ban`, { rooms: ["lobby"] })).status,
      403,
    );
    assert.equal(
      (await mod.request("POST", `/user/${alice.id}/ban`, { rooms: ["lobby"], timeout: -1 }))
        .status,
      400,
    );
  }));

Deno.test("a timed mute: permissions write=false + futurePermissions write=true in one /sequence", () =>
  withCommunity(async (t) => {
    const mod = user(t, 3);
    const alice = user(t, 1);
    await t.server.admin.addModerator(mod.id);
    const mute = await mod.request("POST", "/sequence", [
      { method: "POST", path: `/room/lobby/permissions/${alice.id}`, json: { write: false } },
      {
        method: "POST",
        path: `/room/lobby/futurePermissions/${alice.id}`,
        json: { write: true, in: 600 },
      },
    ]);
    assert.equal(mute.status, 200);
    assert.deepEqual(mute.json.map((r: { code: number }) => r.code), [200, 200]);
    assert.equal(mute.json[0].body.write, false);
    assert.equal(mute.json[1].body[0].write, true);
    const muted = await alice.post("lobby", "can I talk?");
    assert.equal(muted.status, 403);
    assert.equal((await alice.request("GET", "/room/lobby")).json.write, false);
    assert.equal((await alice.request("GET", "/room/lobby/messages/recent")).status, 200);
    const scheduled = await mod.request("GET", "/room/lobby/futurePermissions");
    assert.equal(scheduled.json.length, 1);
    t.clock.now += 601_000;
    assert.equal((await alice.post("lobby", "free again")).status, 201);
    assert.deepEqual((await mod.request("GET", "/room/lobby/futurePermissions")).json, []);
    // Non-moderators cannot; a sequence stops at the first failure.
    const refused = await alice.request("POST", "/sequence", [
      { method: "POST", path: `/room/lobby/permissions/${mod.id}`, json: { write: false } },
      { method: "GET", path: "/capabilities" },
    ]);
    assert.deepEqual(refused.json.map((r: { code: number }) => r.code), [403]);
    const badIn = await mod.request("POST", `/room/lobby/futurePermissions/${alice.id}`, {
      write: true,
      in: 0,
    });
    assert.equal(badIn.status, 400);
  }));

Deno.test("delete all posts of a user; admins' posts only by admins", () =>
  withCommunity(async (t) => {
    const mod = user(t, 3);
    const alice = user(t, 1);
    const bob = user(t, 2);
    await t.server.admin.addModerator(mod.id);
    await alice.post("lobby", "spam 1");
    await alice.post("lobby", "spam 2");
    const keep = (await bob.post("lobby", "fine")).json;
    assert.equal((await bob.request("DELETE", `/room/lobby/all/${alice.id}`)).status, 403);
    const wiped = await mod.request("DELETE", `/room/lobby/all/${alice.id}`);
    assert.deepEqual([wiped.status, wiped.json], [200, {}]);
    const left = (await send(`${t.url}/room/lobby/messages/recent`)).json;
    assert.deepEqual(left.map((m: { id: number }) => m.id), [keep.id]);
    const since = (await send(`${t.url}/room/lobby/messages/since/3`)).json;
    assert.equal(since.filter((m: { deleted?: boolean }) => m.deleted).length, 2);
    assert.equal((await mod.request("DELETE", `/room/lobby/all/${alice.id}`)).status, 404);
    const admin = user(t, 9);
    await t.server.admin.addModerator(admin.id, { admin: true });
    await admin.post("lobby", "admin post");
    assert.equal((await mod.request("DELETE", `/room/lobby/all/${admin.id}`)).status, 403);
    const everywhere = await mod.request("DELETE", `/rooms/all/${bob.id}`);
    assert.deepEqual(everywhere.json, { total: 1, rooms: { lobby: 1 } });
  }));

Deno.test("whispers: only moderators send them; only the target and moderators see them", () =>
  withCommunity(async (t) => {
    const mod = user(t, 3);
    const alice = user(t, 1);
    const bob = user(t, 2);
    await t.server.admin.addModerator(mod.id);
    assert.equal((await alice.post("lobby", "psst", { whisper_to: bob.id })).status, 403);
    const w = await mod.post("lobby", "warning", { whisper_to: alice.id });
    assert.equal(w.status, 201);
    assert.deepEqual([w.json.whisper, w.json.whisper_mods, w.json.whisper_to], [
      true,
      false,
      alice.id,
    ]);
    const ids = async (u: typeof alice) =>
      (await u.request("GET", "/room/lobby/messages/since/0")).json.map((m: { id: number }) =>
        m.id
      );
    assert.deepEqual(await ids(alice), [w.json.id]);
    assert.deepEqual(await ids(bob), []);
    assert.deepEqual(await ids(mod), [w.json.id]);
    assert.deepEqual((await send(`${t.url}/room/lobby/messages/recent`)).json, []);
  }));

Deno.test("rate limit: the 6th post within 16 s gets 429; admins are exempt; it recovers", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const admin = user(t, 9);
    await t.server.admin.addModerator(admin.id, { admin: true });
    for (let i = 0; i < 5; i++) assert.equal((await alice.post("lobby", `m${i}`)).status, 201);
    const limited = await alice.post("lobby", "one too many");
    assert.equal(limited.status, 429);
    assert.match(limited.text, /Rate limited/);
    for (let i = 0; i < 8; i++) assert.equal((await admin.post("lobby", `a${i}`)).status, 201);
    t.clock.now += 16_001;
    assert.equal((await alice.post("lobby", "later")).status, 201);
  }));
