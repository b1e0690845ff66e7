/** /batch and /sequence: sub-requests as the outer user, body kinds, malformed input. */
import assert from "node:assert/strict";
import { send, textOf, user, withCommunity } from "./_helpers.ts";

Deno.test("batch runs every sub-request as the outer user; bodies as json, b64 or bytes", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const post = alice.signed("via batch");
    const answer = await alice.request("POST", "/batch", [
      { method: "GET", path: "/capabilities?required=blind" },
      { method: "POST", path: "/room/lobby/message", json: post },
      { method: "POST", path: "/room/lobby/file", b64: btoa("file bytes") },
      { method: "GET", path: "/room/nope" },
      { method: "GET", path: "/inbox" },
    ]);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.json.map((r: { code: number }) => r.code), [200, 201, 201, 404, 200]);
    assert.equal(answer.json[1].body.session_id, alice.id);
    assert.equal(answer.json[3].headers["content-type"], "text/plain");
    assert.equal(atob(answer.json[3].body), "No such room: nope");
    const file = await send(`${t.url}/room/lobby/file/${answer.json[2].body.id}`);
    assert.equal(file.text, "file bytes");
    const recent = await send(`${t.url}/room/lobby/messages/recent`);
    assert.equal(textOf(recent.json[0].data), "via batch");
  }));

Deno.test("sequence stops after the first non-2xx; malformed batches are refused whole", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    const seq = await alice.request("POST", "/sequence", [
      { method: "GET", path: "/room/lobby" },
      { method: "GET", path: "/room/missing" },
      { method: "GET", path: "/capabilities" },
    ]);
    assert.deepEqual(seq.json.map((r: { code: number }) => r.code), [200, 404]);
    const bad: unknown[] = [
      { not: "an array" },
      [{ method: "PATCH", path: "/rooms" }],
      [{ method: "GET", path: "rooms" }],
      [{ method: "POST", path: "/room/lobby/message" }],
      [{ method: "GET", path: "/rooms", json: {} }],
      [{ method: "POST", path: "/batch", json: [] }],
      [{ method: "GET", path: "/rooms", headers: { a: 1 } }],
      Array.from({ length: 65 }, () => ({ method: "GET", path: "/rooms" })),
    ];
    for (const body of bad) {
      const answer = await alice.request("POST", "/batch", body);
      assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
    }
    const notJson = await alice.request("POST", "/batch", undefined, {
      raw: new TextEncoder().encode("[{"),
    });
    assert.equal(notJson.status, 400);
    // Without auth, sub-requests are anonymous: posting is refused inside, not outside.
    const anonymous = await send(
      `${t.url}/batch`,
      "POST",
      new TextEncoder().encode(JSON.stringify([{ method: "GET", path: "/inbox" }])),
    );
    assert.deepEqual(anonymous.json.map((r: { code: number }) => r.code), [401]);
  }));

Deno.test("oversize request bodies get 413 before anything else", () =>
  withCommunity(async (t) => {
    const huge = new Uint8Array(200_000 + 64 * 1024 + 1);
    const answer = await send(`${t.url}/room/lobby/file`, "POST", huge);
    assert.equal(answer.status, 413);
  }, { maxFileSize: 200_000 }));
