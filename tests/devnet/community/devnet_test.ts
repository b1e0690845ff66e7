/** The community server inside a devnet: its handle, `--json` part, and onion v4 requests. */
import assert from "node:assert/strict";
import { toBase64, utf8 } from "../../../src/core/bytes.ts";
import { createNetwork } from "../../../src/client/network/mod.ts";
import { blind15KeyPair, blind15Sign } from "../../../src/crypto/blinding.ts";
import { padMessage } from "../../../src/crypto/padding.ts";
import { sogsRequestHeaders } from "../../../src/crypto/sogs_auth.ts";
import { startDevnet } from "../../../src/devnet/mod.ts";
import { readV4Body } from "../../../src/onion/mod.ts";
import { SECRET } from "../_helpers.ts";

const FAST = { timeoutMs: 2000, guardTimeoutMs: 1000, seed: { timeoutMs: 2000, backoffMs: 50 } };

Deno.test("devnet.community: deterministic keys, lobby, join link, admin door, --json", async () => {
  const devnet = await startDevnet({ nodes: 3, swarms: 1, secret: SECRET });
  let first: string;
  try {
    const { community } = devnet;
    first = community.publicKey;
    assert.match(community.publicKey, /^[0-9a-f]{64}$/);
    assert.equal(community.x25519, community.publicKey);
    assert.equal(community.room, "lobby");
    assert.equal(community.joinLink, `${community.url}/lobby?public_key=${community.publicKey}`);
    assert.deepEqual(devnet.describe().community, {
      url: community.url,
      publicKey: community.publicKey,
      room: "lobby",
      joinLink: community.joinLink,
    });
    assert.deepEqual(Object.keys(devnet.describe()), ["seed", "nodes", "fileServer", "community"]);
    assert.deepEqual(community.admin.rooms(), ["lobby"]);
    await community.admin.createRoom("dev", "Developers");
    const rooms = await (await fetch(`${community.url}/rooms`)).json();
    assert.deepEqual(rooms.map((r: { token: string }) => r.token), ["dev", "lobby"]);
    await assert.rejects(
      community.admin.addModerator("05nothex"),
      (e) => (e as { code?: string }).code === "bad_session_id",
    );
  } finally {
    await devnet.stop();
  }
  const again = await startDevnet({ nodes: 3, swarms: 1, secret: SECRET });
  try {
    assert.equal(again.community.publicKey, first);
  } finally {
    await again.stop();
  }
});

Deno.test("through onion v4: post, react with a raw emoji endpoint, poll since, batch", async () => {
  const devnet = await startDevnet({
    nodes: 6,
    swarms: 2,
    secret: SECRET,
    timeouts: { peerMs: 300, relayMs: 5000, dropHoldMs: 5000 },
  });
  const net = createNetwork({ network: devnet.seedUrl, ...FAST });
  try {
    const server = devnet.community;
    const seed = new Uint8Array(32).fill(4);
    const signed = (method: string, endpoint: string, body?: Uint8Array) => ({
      method,
      endpoint,
      headers: {
        ...(body ? { "content-type": "application/json" } : {}),
        ...sogsRequestHeaders({
          ed25519Seed: seed,
          serverPubkey: server.publicKey,
          method,
          path: endpoint,
          body,
        }),
      },
      body,
    });
    const data = padMessage(utf8("through the onion"));
    const postBody = utf8(JSON.stringify({
      data: toBase64(data),
      signature: toBase64(blind15Sign(seed, server.publicKey, data, { nonce: "sogs" })),
    }));
    const posted = await net.serverRequest(
      server,
      signed("POST", "/room/lobby/message", postBody),
    );
    assert.equal(posted.code, 201, new TextDecoder().decode(posted.body));
    const message = readV4Body(posted) as { id: number; session_id: string };
    assert.equal(message.session_id, blind15KeyPair(seed, server.publicKey).id);

    const react = await net.serverRequest(
      server,
      signed("PUT", `/room/lobby/reaction/${message.id}/🎉`, utf8("{}")),
    );
    assert.equal(react.code, 200, new TextDecoder().decode(react.body));
    assert.deepEqual(readV4Body(react), { added: true, seqno: 2 });

    const polled = await net.serverRequest(server, {
      method: "GET",
      endpoint: "/room/lobby/messages/since/0?t=r&reactors=5",
    });
    const [update] = readV4Body(polled) as { reactions: Record<string, { count: number }> }[];
    assert.equal(update.reactions["🎉"].count, 1);

    const batchBody = utf8(JSON.stringify([
      { method: "GET", path: "/capabilities" },
      { method: "GET", path: "/room/lobby/messages/since/1?t=r" },
      { method: "GET", path: "/inbox" },
    ]));
    const batch = await net.serverRequest(server, signed("POST", "/batch", batchBody));
    const answers = readV4Body(batch) as { code: number; body: unknown }[];
    assert.deepEqual(answers.map((a) => a.code), [200, 200, 200]);
    assert.deepEqual(answers[2].body, []);
    assert.deepEqual((answers[1].body as { id: number }[]).map((m) => m.id), [message.id]);
  } finally {
    await net.close();
    await devnet.stop();
  }
});

Deno.test("a devnet with a state directory keeps rooms and posts across restarts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const seed = new Uint8Array(32).fill(6);
    let id: number;
    {
      const devnet = await startDevnet({ nodes: 3, swarms: 1, state: dir });
      try {
        const { publicKey, url } = devnet.community;
        await devnet.community.admin.createRoom("kept", "Kept");
        const data = padMessage(utf8("persist me"));
        const body = utf8(JSON.stringify({
          data: toBase64(data),
          signature: toBase64(blind15Sign(seed, publicKey, data, { nonce: "sogs" })),
        }));
        const res = await fetch(`${url}/room/kept/message`, {
          method: "POST",
          body: body.slice(),
          headers: sogsRequestHeaders({
            ed25519Seed: seed,
            serverPubkey: publicKey,
            method: "POST",
            path: "/room/kept/message",
            body,
          }) as unknown as Record<string, string>,
        });
        assert.equal(res.status, 201);
        id = (await res.json()).id;
      } finally {
        await devnet.stop();
      }
    }
    const devnet = await startDevnet({ nodes: 3, swarms: 1, state: dir });
    try {
      const res = await fetch(`${devnet.community.url}/room/kept/messages/recent`);
      const list = await res.json();
      assert.deepEqual(list.map((m: { id: number }) => m.id), [id]);
      const room = await (await fetch(`${devnet.community.url}/room/kept`)).json();
      assert.equal(room.message_sequence, 1);
    } finally {
      await devnet.stop();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
