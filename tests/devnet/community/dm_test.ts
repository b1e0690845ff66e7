/** Blinded DMs: send to a known blinded id, inbox/outbox polling, 304, 404 for strangers. */
import assert from "node:assert/strict";
import { toBase64 } from "../../../src/core/bytes.ts";
import { user, withCommunity } from "./_helpers.ts";

Deno.test("DMs: 201 on send, inbox and outbox with since (304 when nothing new), delete inbox", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const bob = user(t, 2);
    const stranger = user(t, 7);
    await bob.request("GET", "/capabilities"); // the server now knows bob
    const message = toBase64(new Uint8Array([0, 1, 2, 3]));
    const sent = await alice.request("POST", `/inbox/${bob.id}`, { message });
    assert.equal(sent.status, 201, sent.text);
    assert.deepEqual(Object.keys(sent.json).sort(), [
      "expires_at",
      "id",
      "posted_at",
      "recipient",
      "sender",
    ]);
    assert.deepEqual([sent.json.sender, sent.json.recipient], [alice.id, bob.id]);
    assert.equal(sent.json.expires_at - sent.json.posted_at, 15 * 86400);

    const inbox = await bob.request("GET", "/inbox");
    assert.deepEqual(inbox.json.map((m: { message: string }) => m.message), [message]);
    const outbox = await alice.request("GET", "/outbox");
    assert.deepEqual(outbox.json.map((m: { id: number }) => m.id), [sent.json.id]);
    const nothing = await bob.request("GET", `/inbox/since/${sent.json.id}`);
    assert.equal(nothing.status, 304);
    assert.equal((await alice.request("GET", `/outbox/since/${sent.json.id}`)).status, 304);
    assert.equal((await bob.request("GET", "/inbox/since/0")).json.length, 1);

    assert.equal((await alice.request("POST", `/inbox/${stranger.id}`, { message })).status, 404);
    assert.equal(
      (await alice.request("POST", `/inbox/${bob.identity.sessionId}`, { message })).status,
      404,
      "DMs go to blinded ids only",
    );
    assert.equal((await alice.request("POST", `/inbox/${bob.id}`, {})).status, 400);
    assert.equal(
      (await alice.request("POST", `/inbox/${bob.id}`, { message: "%%%" })).status,
      400,
    );
    const cleared = await bob.request("DELETE", "/inbox");
    assert.deepEqual(cleared.json, { deleted: 1 });
    assert.deepEqual((await bob.request("GET", "/inbox")).json, []);
    // DMs expire after 15 days.
    await alice.request("POST", `/inbox/${bob.id}`, { message });
    t.clock.now += 15 * 86400_000 + 1000;
    assert.deepEqual((await bob.request("GET", "/inbox")).json, []);
  }));
