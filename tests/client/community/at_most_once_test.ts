/**
 * Posts and DMs reach a room at most once when an onion reply is lost: the request arrived, the
 * answer did not. A blind retry would store a second copy (pysogs keeps every POST); the client
 * reads the room (or its outbox) back instead. A request that surely never left is retried, and
 * every retry is signed with a fresh nonce.
 */
import assert from "node:assert/strict";
import { NetworkError } from "../../../src/core/errors.ts";
import type { SnodeFetcher } from "../../../src/onion/mod.ts";
import { createConnection } from "../../../src/client/community/transport.ts";
import { FAST, identity, withDevnet } from "./_setup.ts";

/** A `wrapFetch` whose armed onion requests fail: the reply is lost, or the guard refuses. */
function faultyGuard() {
  const state = { loseReplies: 0, refuse: 0, lost: 0, refused: 0 };
  const wrap = (fetch: SnodeFetcher): SnodeFetcher => async (url, body, options) => {
    if (!url.endsWith("/onion_req/v2")) return await fetch(url, body, options);
    if (state.refuse > 0) {
      state.refuse--;
      state.refused++;
      throw new NetworkError(`connection refused by ${url}`, "connection_failed");
    }
    const reply = await fetch(url, body, options);
    if (state.loseReplies > 0) {
      state.loseReplies--;
      state.lost++;
      throw new NetworkError(`no answer from ${url} in time`, "timeout");
    }
    return reply;
  };
  return { state, wrap };
}

Deno.test("community post: a lost reply is read back, not posted twice; a refused one is retried", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const guard = faultyGuard();
    const alice = await open(identity(1), {
      networkOptions: { ...FAST.networkOptions, wrapFetch: guard.wrap },
    });
    const room = await alice.communities.join(devnet.community.joinLink);
    const before = (await room.info()).messageSequence;

    guard.state.loseReplies = 1;
    const first = await room.post("only once, please");
    assert.equal(guard.state.lost, 1, "the reply of the post was lost");
    assert.equal((await room.info()).messageSequence, before + 1, "one post stored, not two");
    assert.ok(first.id > 0 && first.seqno === before + 1, JSON.stringify(first));

    guard.state.refuse = 1;
    const second = await room.post("refused, then sent");
    assert.equal(guard.state.refused, 1);
    assert.equal((await room.info()).messageSequence, before + 2);
    assert.ok(second.id > first.id);

    // An idempotent request whose reply was lost is simply sent again, signed with a fresh
    // nonce: the server saw the first one and would refuse its nonce (425).
    guard.state.loseReplies = 1;
    await room.react(first.id, "👍");
    assert.equal(guard.state.lost, 2);
    await room.unreact(first.id, "👍");
  });
});

/** identity(1)'s Ed25519 seed: its 16-byte seed (all 1s) padded with zeros. */
const ALICE_ED25519_SEED = Uint8Array.from({ length: 32 }, (_, i) => i < 16 ? 1 : 0);

Deno.test("community DM: a lost reply is found in the outbox, not sent twice", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const guard = faultyGuard();
    const alice = await open(identity(1), {
      networkOptions: { ...FAST.networkOptions, wrapFetch: guard.wrap },
    });
    const bob = await open(identity(2));
    const room = await alice.communities.join(devnet.community.joinLink);
    const bobRoom = await bob.communities.join(devnet.community.joinLink);

    guard.state.loseReplies = 1;
    const sent = await room.sendDm(bobRoom.me, "psst");
    assert.equal(guard.state.lost, 1);
    // Alice's outbox, read directly: exactly one DM, the one sendDm returned.
    const conn = createConnection({
      network: { serverRequest: () => Promise.reject(new Error("direct only")), now: Date.now },
      seed: ALICE_ED25519_SEED,
      server: devnet.community.url,
      publicKey: devnet.community.publicKey,
      transport: "direct",
      blinded: () => true,
    });
    const outbox = await conn.call<{ id: number }[]>("outbox", { method: "GET", path: "/outbox" });
    assert.deepEqual(outbox.map((dm) => dm.id), [sent.id]);
  });
});
