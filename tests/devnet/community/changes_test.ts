/** Edits, deletions, reactions, pins and files, and how `since` reports each change. */
import assert from "node:assert/strict";
import { send, textOf, user, withCommunity } from "./_helpers.ts";

Deno.test("since covers edits, deletions and (with t=r) reaction-only updates", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const bob = user(t, 2);
    const a = (await alice.post("lobby", "first")).json;
    const b = (await alice.post("lobby", "second")).json;
    assert.deepEqual([a.seqno, b.seqno], [1, 2]);

    const edited = await alice.request(
      "PUT",
      `/room/lobby/message/${a.id}`,
      alice.signed("first!"),
    );
    assert.deepEqual([edited.status, edited.json], [200, {}]);
    assert.equal(
      (await bob.request("PUT", `/room/lobby/message/${a.id}`, bob.signed("x"))).status,
      403,
    );

    const react = await bob.request(
      "PUT",
      `/room/lobby/reaction/${b.id}/${encodeURIComponent("👍")}`,
      {},
    );
    assert.deepEqual(react.json, { added: true, seqno: 4 });
    const again = await bob.request(
      "PUT",
      `/room/lobby/reaction/${b.id}/${encodeURIComponent("👍")}`,
      {},
    );
    assert.deepEqual(again.json, { added: false, seqno: 4 });

    const since2 = await bob.request("GET", "/room/lobby/messages/since/2?t=r&reactors=5");
    assert.deepEqual(since2.json.map((m: { id: number; seqno: number }) => [m.id, m.seqno]), [
      [a.id, 3],
      [b.id, 4],
    ]);
    assert.equal(textOf(since2.json[0].data), "first!");
    assert.ok(since2.json[0].edited > 0);
    // A reaction-only update carries id, seqno and reactions only.
    assert.deepEqual(since2.json[1], {
      id: b.id,
      seqno: 4,
      reactions: { "👍": { index: 0, count: 1, reactors: [bob.id], you: true } },
    });
    // Without t=r reaction-only changes are not reported.
    const plain = await bob.request("GET", "/room/lobby/messages/since/2");
    assert.deepEqual(plain.json.map((m: { id: number }) => m.id), [a.id]);

    assert.equal((await bob.request("DELETE", `/room/lobby/message/${a.id}`)).status, 403);
    const deleted = await alice.request("DELETE", `/room/lobby/message/${a.id}`);
    assert.deepEqual([deleted.status, deleted.json], [200, {}]);
    const tomb = (await send(`${t.url}/room/lobby/messages/since/4`)).json;
    assert.deepEqual(tomb, [{
      id: a.id,
      session_id: alice.id,
      posted: a.posted,
      seqno: 5,
      data: null,
      deleted: true,
      edited: tomb[0].edited,
    }]);
    assert.equal((await send(`${t.url}/room/lobby/message/${a.id}`)).status, 404);
    assert.deepEqual(
      (await send(`${t.url}/room/lobby/messages/recent`)).json.map((m: { id: number }) => m.id),
      [b.id],
    );
    // A message created after the cursor and deleted since is not sent as a tombstone.
    const c = (await alice.post("lobby", "gone soon")).json;
    await alice.request("DELETE", `/room/lobby/message/${c.id}`);
    const late = (await send(`${t.url}/room/lobby/messages/since/5`)).json;
    assert.deepEqual(late, []);
  }));

Deno.test("reactions: remove own, reactors list, moderators clear them, bad emoji refused", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const bob = user(t, 2);
    const mod = user(t, 3);
    await t.server.admin.addModerator(mod.id);
    const m = (await alice.post("lobby", "react to me")).json;
    const path = (emoji: string) => `/room/lobby/reaction/${m.id}/${encodeURIComponent(emoji)}`;
    await alice.request("PUT", path("❤️"), {});
    await bob.request("PUT", path("❤️"), {});
    await bob.request("PUT", path("😂"), {});
    const reactors = await bob.request(
      "GET",
      `/room/lobby/reactors/${m.id}/${encodeURIComponent("❤️")}`,
    );
    assert.deepEqual(reactors.json.map((r: [string, number]) => r[0]), [alice.id, bob.id]);
    const one = await send(`${t.url}/room/lobby/message/${m.id}?reactors=1`);
    assert.deepEqual(one.json.reactions, {
      "❤️": { index: 0, count: 2, reactors: [alice.id] },
      "😂": { index: 1, count: 1, reactors: [bob.id] },
    });
    const removed = await bob.request("DELETE", path("😂"));
    assert.equal(removed.json.removed, true);
    assert.equal((await bob.request("DELETE", path("😂"))).json.removed, false);
    assert.equal((await alice.request("DELETE", `/room/lobby/reactions/${m.id}`)).status, 403);
    const cleared = await mod.request("DELETE", `/room/lobby/reactions/${m.id}`);
    assert.equal(cleared.json.removed, 2);
    assert.equal((await alice.request("PUT", path("x".repeat(13)), {})).status, 400);
    assert.equal((await alice.request("PUT", `/room/lobby/reaction/999/a`, {})).status, 404);
    assert.equal((await send(`${t.url}${path("👍")}`, "PUT")).status, 401);
  }));

Deno.test("pins: admins pin and unpin; room info lists pins and bumps info_updates", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const admin = user(t, 9);
    await t.server.admin.addModerator(admin.identity.sessionId, { admin: true });
    const a = (await alice.post("lobby", "pin me")).json;
    const b = (await alice.post("lobby", "me too")).json;
    assert.equal((await alice.request("POST", `/room/lobby/pin/${a.id}`, {})).status, 403);
    const before = (await send(`${t.url}/room/lobby`)).json.info_updates;
    assert.equal(
      (await admin.request("POST", `/room/lobby/pin/${a.id}`, {})).json.info_updates,
      before + 1,
    );
    await admin.request("POST", `/room/lobby/pin/${b.id}`, {});
    const room = (await send(`${t.url}/room/lobby`)).json;
    assert.deepEqual(room.pinned_messages.map((p: { id: number }) => p.id), [a.id, b.id]);
    assert.equal(room.pinned_messages[0].pinned_by, admin.id);
    assert.deepEqual(room.admins, [admin.id]);
    const unpin = await admin.request("POST", `/room/lobby/unpin/${a.id}`, {});
    assert.equal(unpin.json.unpinned, true);
    const all = await admin.request("POST", "/room/lobby/unpin/all", {});
    assert.equal(all.json.unpinned, 1);
    assert.equal((await send(`${t.url}/room/lobby`)).json.pinned_messages, undefined);
    assert.equal((await admin.request("POST", "/room/lobby/pin/12345", {})).status, 404);
  }));

Deno.test("files: upload (201), download with filename, 413 when too large, expiry rules", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const bytes = Uint8Array.from({ length: 150_000 }, (_, i) => (i * 13) & 255);
    const up = await alice.request("POST", "/room/lobby/file", undefined, {
      raw: bytes,
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": "attachment; filename*=UTF-8''h%C3%A9llo.png",
      },
    });
    assert.equal(up.status, 201, up.text);
    const down = await send(`${t.url}/room/lobby/file/${up.json.id}`);
    assert.equal(down.status, 200);
    assert.deepEqual(down.bytes, bytes);
    assert.equal(
      down.headers.get("content-disposition"),
      "attachment; filename*=UTF-8''h%C3%A9llo.png",
    );
    assert.ok(down.headers.get("expires"));
    assert.equal((await send(`${t.url}/room/lobby/file/${up.json.id}/any-name.png`)).status, 200);

    const tooBig = await alice.request("POST", "/room/lobby/file", undefined, {
      raw: new Uint8Array(200_001),
    });
    assert.equal(tooBig.status, 413);
    assert.equal((await send(`${t.url}/room/lobby/file/99`)).status, 404);

    // Unclaimed uploads expire after an hour; one attached to a post lives 15 days.
    const kept = (await alice.post("lobby", "with file", { files: [up.json.id] })).json;
    assert.ok(kept.id);
    const lost = await alice.request("POST", "/room/lobby/file", undefined, {
      raw: bytes.slice(0, 10),
    });
    t.clock.now += 3601_000;
    assert.equal((await send(`${t.url}/room/lobby/file/${lost.json.id}`)).status, 404);
    assert.equal((await send(`${t.url}/room/lobby/file/${up.json.id}`)).status, 200);
    await t.server.admin.setDefaults("lobby", { upload: false });
    const denied = await alice.request("POST", "/room/lobby/file", undefined, {
      raw: bytes.slice(0, 10),
    });
    assert.equal(denied.status, 403);
  }, { maxFileSize: 200_000 }));
