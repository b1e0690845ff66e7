/** X-SOGS-* authentication: every refusal pysogs gives, with its status. */
import assert from "node:assert/strict";
import { sogsRequestHeaders } from "../../../src/crypto/sogs_auth.ts";
import { send, type TestServer, user, withCommunity } from "./_helpers.ts";

function headersOf(
  t: TestServer,
  seedByte: number,
  path: string,
  extra: object = {},
): Record<string, string> {
  const seed = new Uint8Array(32);
  seed.set(new Uint8Array(16).fill(seedByte));
  return {
    ...sogsRequestHeaders({
      ed25519Seed: seed,
      serverPubkey: t.publicKey,
      method: "GET",
      path,
      timestamp: Math.floor(t.clock.now / 1000),
      ...extra,
    }),
  };
}

Deno.test("blind15, blind25 and (when allowed) unblinded users authenticate", async () => {
  await withCommunity(async (t) => {
    for (const as of ["15", "25"] as const) {
      const u = user(t, 5, as);
      const inbox = await u.request("GET", "/inbox");
      assert.deepEqual([inbox.status, inbox.json], [200, []], as);
    }
    const plain = await user(t, 5, "00").request("GET", "/room/lobby");
    assert.equal(plain.status, 400);
    assert.match(plain.text, /requires the use of blinded ids/);
  });
  await withCommunity(async (t) => {
    const plain = user(t, 5, "00");
    const posted = await plain.request("GET", "/room/lobby");
    assert.equal(posted.status, 200, posted.text);
    assert.deepEqual((await send(`${t.url}/capabilities`)).json.capabilities, [
      "reactions",
      "sogs",
    ]);
    // Unblinded users may not read DMs (pysogs: blinded ids only).
    assert.equal((await plain.request("GET", "/inbox")).status, 401);
    // They post as 05…, signed XEd25519-style; a signature by another key is refused.
    const post = await plain.post("lobby", "unblinded hello");
    assert.deepEqual([post.status, post.json.session_id], [201, plain.identity.sessionId]);
    const other = user(t, 6, "00");
    assert.equal(
      (await plain.request("POST", "/room/lobby/message", other.signed("nope"))).status,
      400,
    );
  }, { requireBlind: false });
});

Deno.test("malformed headers → 400, each with its reason", () =>
  withCommunity(async (t) => {
    const good = headersOf(t, 1, "/room/lobby");
    const cases: [Record<string, string>, RegExp][] = [
      [{ "X-SOGS-Pubkey": good["X-SOGS-Pubkey"] }, /missing 3\/4/],
      [{ ...good, "X-SOGS-Pubkey": "15zz" }, /Pubkey is not a valid 66-hex/],
      [{ ...good, "X-SOGS-Pubkey": "05" + good["X-SOGS-Pubkey"].slice(2) }, /00-, 15- or 25-/],
      [{ ...good, "X-SOGS-Pubkey": "15" + "00".repeat(32) }, /not a valid Ed25519 pubkey/],
      [{ ...good, "X-SOGS-Nonce": "AAAA" }, /Nonce must be 16 bytes/],
      [{ ...good, "X-SOGS-Signature": "c2ln" }, /Signature is not base64/],
      [{ ...good, "X-SOGS-Timestamp": "soon" }, /Timestamp is not a valid timestamp/],
    ];
    for (const [headers, reason] of cases) {
      const answer = await send(`${t.url}/room/lobby`, "GET", undefined, headers);
      assert.equal(answer.status, 400, JSON.stringify(headers));
      assert.match(answer.text, reason);
    }
  }));

Deno.test("forged or wrong-path signatures → 401; stale timestamps and replayed nonces → 425", () =>
  withCommunity(async (t) => {
    const good = headersOf(t, 1, "/room/lobby");
    const other = headersOf(t, 2, "/room/lobby");
    const forged = await send(`${t.url}/room/lobby`, "GET", undefined, {
      ...good,
      "X-SOGS-Signature": other["X-SOGS-Signature"],
    });
    assert.deepEqual([forged.status, forged.text], [
      401,
      "Invalid authentication: X-SOGS-Signature verification failed",
    ]);
    const wrongPath = await send(
      `${t.url}/rooms`,
      "GET",
      undefined,
      headersOf(t, 1, "/room/lobby"),
    );
    assert.equal(wrongPath.status, 401);

    const once = headersOf(t, 1, "/room/lobby");
    assert.equal((await send(`${t.url}/room/lobby`, "GET", undefined, once)).status, 200);
    const replay = await send(`${t.url}/room/lobby`, "GET", undefined, once);
    assert.deepEqual([replay.status, replay.text], [
      425,
      "Invalid authentication: X-SOGS-Nonce cannot be reused",
    ]);
    const stale = headersOf(t, 1, "/room/lobby", {
      timestamp: Math.floor(t.clock.now / 1000) - 24 * 3600 - 5,
    });
    const staleAnswer = await send(`${t.url}/room/lobby`, "GET", undefined, stale);
    assert.equal(staleAnswer.status, 425);
    assert.match(staleAnswer.text, /too far from current time/);
    const future = headersOf(t, 1, "/room/lobby", {
      timestamp: Math.floor(t.clock.now / 1000) + 24 * 3600 + 5,
    });
    assert.equal((await send(`${t.url}/room/lobby`, "GET", undefined, future)).status, 425);
    // Within the window is fine (±24 h).
    const skewed = headersOf(t, 1, "/room/lobby", {
      timestamp: Math.floor(t.clock.now / 1000) - 23 * 3600,
    });
    assert.equal((await send(`${t.url}/room/lobby`, "GET", undefined, skewed)).status, 200);
  }));

Deno.test("hex nonces and signatures are accepted; a signed query and body must match", () =>
  withCommunity(async (t) => {
    const nonce = crypto.getRandomValues(new Uint8Array(16));
    const h = headersOf(t, 1, "/room/lobby/messages/recent?limit=5", { nonce });
    const hexSig = Array.from(
      atob(h["X-SOGS-Signature"]),
      (c) => c.charCodeAt(0).toString(16).padStart(2, "0"),
    ).join("");
    const answer = await send(`${t.url}/room/lobby/messages/recent?limit=5`, "GET", undefined, {
      ...h,
      "X-SOGS-Nonce": Array.from(nonce, (b) => b.toString(16).padStart(2, "0")).join(""),
      "X-SOGS-Signature": hexSig,
    });
    assert.equal(answer.status, 200, answer.text);
    const noQuery = await send(
      `${t.url}/room/lobby/messages/recent?limit=6`,
      "GET",
      undefined,
      headersOf(t, 1, "/room/lobby/messages/recent?limit=5"),
    );
    assert.equal(noQuery.status, 401);
    // A body signed differently from the one sent.
    const alice = user(t, 1);
    const tampered = await alice.request("POST", "/room/lobby/message", undefined, {
      raw: new TextEncoder().encode(JSON.stringify(alice.signed("a"))),
      headers: headersOf(t, 1, "/room/lobby/message", { body: "{}" }),
    });
    assert.equal(tampered.status, 401);
  }));

Deno.test("a globally banned user is refused with 403 before the signature is checked", () =>
  withCommunity(async (t) => {
    const alice = user(t, 1);
    await t.server.admin.ban(alice.identity.sessionId, { global: true });
    const banned = await alice.request("GET", "/room/lobby");
    assert.deepEqual([banned.status, banned.text], [403, "Banned"]);
    const forged = await send(`${t.url}/room/lobby`, "GET", undefined, {
      ...headersOf(t, 1, "/room/lobby"),
      "X-SOGS-Signature": headersOf(t, 2, "/room/lobby")["X-SOGS-Signature"],
    });
    assert.equal(forged.status, 403);
    await t.server.admin.unban(alice.identity.sessionId, { global: true });
    assert.equal((await alice.request("GET", "/room/lobby")).status, 200);
  }));
