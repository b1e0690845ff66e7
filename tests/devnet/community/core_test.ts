/** Core routes over plain HTTP: capabilities, rooms, posting, polling by seqno, single messages. */
import assert from "node:assert/strict";
import { fromBase64 } from "../../../src/core/bytes.ts";
import { verifyEd25519 } from "../../../src/crypto/ed25519.ts";
import { send, textOf, user, withCommunity } from "./_helpers.ts";

Deno.test("capabilities and rooms answer without auth; required caps give 412", () =>
  withCommunity(async (t) => {
    const caps = await send(`${t.url}/capabilities`);
    assert.deepEqual([caps.status, caps.json], [200, {
      capabilities: ["blind", "reactions", "sogs"],
    }]);
    const missing = await send(`${t.url}/capabilities?required=sogs,zstd`);
    assert.deepEqual([missing.status, missing.json.missing], [412, ["zstd"]]);
    const rooms = await send(`${t.url}/rooms`);
    assert.equal(rooms.status, 200);
    assert.deepEqual(rooms.json.map((r: { token: string }) => r.token), ["lobby"]);
    const room = await send(`${t.url}/room/lobby`);
    assert.equal(room.json.name, "Lobby");
    assert.deepEqual([room.json.read, room.json.write, room.json.message_sequence], [
      true,
      true,
      0,
    ]);
    assert.equal((await send(`${t.url}/room/nope`)).status, 404);
    assert.equal((await send(`${t.url}/nothing/here`)).status, 404);
    assert.equal((await send(`${t.url}/room/lobby/message`)).status, 405);
    // Malformed room tokens, ids and seqnos are unknown resources.
    for (
      const path of [
        `/room/${"x".repeat(65)}`,
        "/room/bad%20token",
        "/room/lobby/message/abc",
        "/room/lobby/message/-1",
        "/room/lobby/messages/since/x",
        "/room/lobby/messages/before/1e3",
        "/room/%E0%A4%A",
      ]
    ) {
      const answer = await send(`${t.url}${path}`);
      assert.ok([400, 404].includes(answer.status), `${path}: ${answer.status}`);
    }
    assert.equal((await send(`${t.url}/room/lobby/messages/recent?limit=x`)).status, 400);
  }));

Deno.test("post → 201 with padded data and the poster's signature; since/recent/single see it", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const bob = user(t, 2, "25");
    const first = await alice.post("lobby", "hello lobby");
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.session_id, alice.id);
    assert.equal(first.json.seqno, 1);
    assert.deepEqual(first.json.reactions, {});
    const second = await bob.post("lobby", "hi from 25");
    assert.equal(second.status, 201, second.text);
    assert.ok(second.json.session_id.startsWith("25"));

    const since = await alice.request("GET", "/room/lobby/messages/since/0");
    assert.equal(since.status, 200);
    assert.deepEqual(since.json.map((m: { data: string }) => textOf(m.data)), [
      "hello lobby",
      "hi from 25",
    ]);
    const [m] = since.json;
    const data = fromBase64(m.data);
    assert.equal(data.length % 160, 0, "padding restored");
    assert.ok(verifyEd25519(fromBase64(m.signature), data, hexBytes(alice.id.slice(2))));
    assert.deepEqual((await send(`${t.url}/room/lobby/messages/since/2`)).json, []);
    const recent = await send(`${t.url}/room/lobby/messages/recent?limit=1`);
    assert.deepEqual(recent.json.map((x: { id: number }) => x.id), [second.json.id]);
    const before = await send(`${t.url}/room/lobby/messages/before/${second.json.id}`);
    assert.deepEqual(before.json.map((x: { id: number }) => x.id), [first.json.id]);
    const one = await send(`${t.url}/room/lobby/message/${first.json.id}`);
    assert.equal(textOf(one.json.data), "hello lobby");
    assert.equal((await send(`${t.url}/room/lobby/message/999`)).status, 404);
    const room = await send(`${t.url}/room/lobby`);
    assert.equal(room.json.message_sequence, 2);
    assert.equal(room.json.active_users, 2);
  }));

Deno.test("posting needs auth (401) and a signature over data by the poster (400)", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const mallory = user(t, 3);
    const body = JSON.stringify(alice.signed("x"));
    const anonymous = await send(
      `${t.url}/room/lobby/message`,
      "POST",
      new TextEncoder().encode(body),
      {
        "content-type": "application/json",
      },
    );
    assert.deepEqual([anonymous.status, anonymous.text], [
      401,
      "X-SOGS-* request authentication required",
    ]);
    const forged = await mallory.request("POST", "/room/lobby/message", alice.signed("x"));
    assert.equal(forged.status, 400);
    assert.match(forged.text, /does not verify/);
    const short = await alice.request("POST", "/room/lobby/message", {
      data: alice.signed("x").data,
      signature: "AAAA",
    });
    assert.equal(short.status, 400);
    const notJson = await alice.request("POST", "/room/lobby/message", undefined, {
      raw: new TextEncoder().encode("{nope"),
    });
    assert.equal(notJson.status, 400);
    const big = await alice.post("lobby", "x".repeat(60_000));
    assert.equal(big.status, 413);
    assert.equal((await alice.post("nope", "x")).status, 404);
  }));

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
}
