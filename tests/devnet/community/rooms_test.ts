/** Room settings, poll info, default permissions, and state that survives a restart. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { toBase64 } from "../../../src/core/bytes.ts";
import { sogsRequestHeaders } from "../../../src/crypto/sogs_auth.ts";
import { send, user, withCommunity } from "./_helpers.ts";

Deno.test("pollInfo carries details only when info_updates changed; admins edit the room", () =>
  withCommunity(async (t) => {
    const admin = user(t, 9);
    const alice = user(t, 1);
    await t.server.admin.addModerator(admin.id, { admin: true });
    const info = (await alice.request("GET", "/room/lobby")).json.info_updates;
    const same = await alice.request("GET", `/room/lobby/pollInfo/${info}`);
    assert.deepEqual(Object.keys(same.json).sort(), [
      "active_users",
      "read",
      "token",
      "upload",
      "write",
    ]);
    assert.equal((await alice.request("PUT", "/room/lobby", { name: "Hall" })).status, 403);
    const edit = await admin.request("PUT", "/room/lobby", {
      name: "Hall",
      description: "Say hi",
      default_upload: false,
    });
    assert.deepEqual(edit.json, { info_updates: info + 1 });
    const changed = await alice.request("GET", `/room/lobby/pollInfo/${info}`);
    assert.deepEqual(
      [changed.json.details.name, changed.json.details.description, changed.json.upload],
      ["Hall", "Say hi", false],
    );
    const asAdmin = await admin.request("GET", `/room/lobby/pollInfo/${info + 1}`);
    assert.deepEqual([asAdmin.json.admin, asAdmin.json.default_upload], [true, false]);
    assert.equal((await admin.request("PUT", "/room/lobby", { image: 404 })).status, 406);
    assert.equal((await admin.request("PUT", "/room/lobby", { default_read: "yes" })).status, 400);
  }));

Deno.test("room defaults and per-user overrides decide read/write; hidden rooms are 404", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const bob = user(t, 2);
    await t.server.admin.createRoom("secret", "Secret", {
      defaults: { read: false, accessible: false, write: false },
    });
    assert.deepEqual(
      (await send(`${t.url}/rooms`)).json.map((r: { token: string }) => r.token),
      ["lobby"],
    );
    assert.equal((await alice.request("GET", "/room/secret")).status, 404);
    assert.equal((await alice.request("GET", "/room/secret/messages/recent")).status, 403);
    await t.server.admin.setPermissions(alice.id, { read: true, write: true }, { room: "secret" });
    assert.equal((await alice.request("GET", "/room/secret")).status, 200);
    assert.equal((await alice.post("secret", "inside")).status, 201);
    assert.equal((await bob.post("secret", "let me in")).status, 403);
    await t.server.admin.setDefaults("lobby", { write: false });
    assert.equal((await bob.post("lobby", "read only")).status, 403);
    await assert.rejects(t.server.admin.setDefaults("nope", {}), /no room "nope"/);
    await assert.rejects(t.server.admin.createRoom("bad token!", "x"), /room token/);
  }));

Deno.test("a restart on the same KV keeps posts, reactions, bans, mutes, files and DMs", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "community.kv");
  const ids: Record<string, number> = {};
  let used: Record<string, string> = {};
  try {
    await withCommunity(
      async (t) => {
        const alice = user(t, 1);
        const bob = user(t, 2);
        const mod = user(t, 3);
        await t.server.admin.addModerator(mod.id);
        ids.post = (await alice.post("lobby", "remember me")).json.id;
        await bob.request(
          "PUT",
          `/room/lobby/reaction/${ids.post}/${encodeURIComponent("🔥")}`,
          {},
        );
        await mod.request("POST", `/user/${bob.id}/ban`, { rooms: ["lobby"] });
        await mod.request("POST", `/room/lobby/permissions/${alice.id}`, { upload: false });
        await mod.request("POST", `/room/lobby/futurePermissions/${alice.id}`, {
          upload: true,
          in: 60,
        });
        ids.file = (await mod.request("POST", "/room/lobby/file", undefined, {
          raw: new Uint8Array(70_000).fill(5),
        })).json.id;
        ids.dm = (await alice.request("POST", `/inbox/${mod.id}`, {
          message: toBase64(new Uint8Array([1, 2, 3])),
        })).json.id;
        used = {
          ...sogsRequestHeaders({
            ed25519Seed: new Uint8Array(32).fill(8),
            serverPubkey: t.publicKey,
            method: "GET",
            path: "/room/lobby",
            timestamp: Math.floor(t.clock.now / 1000),
          }),
        };
        assert.equal((await send(`${t.url}/room/lobby`, "GET", undefined, used)).status, 200);
      },
      {},
      path,
    );
    await withCommunity(
      async (t) => {
        const alice = user(t, 1);
        const bob = user(t, 2);
        const mod = user(t, 3);
        const message = (await send(`${t.url}/room/lobby/message/${ids.post}`)).json;
        assert.equal(message.reactions["🔥"].count, 1);
        assert.equal((await bob.request("GET", "/room/lobby/messages/recent")).status, 403);
        assert.equal((await alice.request("GET", "/room/lobby")).json.upload, false);
        assert.equal((await mod.request("GET", "/room/lobby/futurePermissions")).json.length, 1);
        const file = await send(`${t.url}/room/lobby/file/${ids.file}`);
        assert.deepEqual(file.bytes, new Uint8Array(70_000).fill(5));
        const inbox = await mod.request("GET", "/inbox");
        assert.deepEqual(inbox.json.map((m: { id: number }) => m.id), [ids.dm]);
        assert.deepEqual((await send(`${t.url}/room/lobby`)).json.moderators, [mod.id]);
        // Nonces are remembered across the restart.
        assert.equal((await send(`${t.url}/room/lobby`, "GET", undefined, used)).status, 425);
        // Counters continue: the next post gets a new id and seqno.
        const next = (await alice.post("lobby", "again")).json;
        assert.deepEqual([next.id > ids.post, next.seqno], [true, 3]);
      },
      {},
      path,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
