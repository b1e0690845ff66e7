/** End to end on the devnet: every storage RPC through 3 hops (and directly), v4 to a server. */
import assert from "node:assert/strict";
import { toBase64, utf8 } from "../../../src/core/bytes.ts";
import { SwarmError } from "../../../src/core/errors.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import { decodeDirectMessage, encodeDirectMessage } from "../../../src/client/codec/mod.ts";
import { retrieveRequest, storeRequest } from "../../../src/client/network/mod.ts";
import { readV4Body } from "../../../src/onion/mod.ts";
import { retrieveAll, withNetwork } from "./_devnet.ts";

const text = (s: string) => toBase64(utf8(s));

for (
  const [transport, encType] of [["onion", "aes-gcm"], ["onion", "xchacha20"], [
    "direct",
    undefined,
  ]] as const
) {
  Deno.test(`store → retrieve → expire → get_expiries → delete → delete_all (${transport} ${encType ?? ""})`, () =>
    withNetwork({ nodes: 9, swarms: 3 }, { transport, encType }, async (_devnet, net) => {
      const me = Identity.generate();
      const a = await net.store(me.sessionId, { data: text("one"), ttl: 600_000 });
      const b = await net.store(me, { data: text("two"), ttl: 600_000 });
      assert.equal(a.already, false);
      assert.ok(Object.keys(a.swarm).length === 3 && a.node in a.swarm);
      const page = await net.retrieve(me);
      assert.deepEqual(page.messages.map((m) => m.hash), [a.hash, b.hash]);
      assert.deepEqual([page.lastHash, page.more], [b.hash, false]);
      assert.equal(page.messages[0].data, text("one"));

      const expiry = net.now() + 120_000;
      const expired = await net.expire(me, { hashes: [a.hash], expiry, mode: "shorten" });
      assert.ok(
        Object.values(expired.swarm).every((r) => (r.updated as string[]).includes(a.hash)),
      );
      const expiries = await net.getExpiries(me, [a.hash, b.hash]);
      assert.equal(expiries[a.hash], expiry);
      assert.ok(expiries[b.hash] > expiry);

      const deleted = await net.deleteMessages(me, [a.hash]);
      assert.ok(Object.values(deleted.swarm).every((r) => (r.deleted as string[])[0] === a.hash));
      assert.deepEqual((await retrieveAll(net, me)).hashes, [b.hash]);
      await net.deleteAll(me, { namespace: "all" });
      assert.deepEqual((await net.retrieve(me)).messages, []);
      assert.equal(net.transport, transport);
      assert.equal(net.paths().length, transport === "onion" ? 2 : 0);
    }));
}

Deno.test("a real 1:1 message: encode, store to the recipient, retrieve, decode", () =>
  withNetwork({ nodes: 6, swarms: 2 }, {}, async (_devnet, net) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const wire = encodeDirectMessage(alice, bob.sessionId, { dataMessage: { body: "hi bob" } });
    const stored = await net.store(bob.sessionId, { data: wire.data });
    const [message] = (await net.retrieve(bob)).messages;
    assert.equal(message.hash, stored.hash);
    const decoded = decodeDirectMessage(bob, message.data);
    assert.deepEqual([decoded.sender, decoded.content.dataMessage?.body], [
      alice.sessionId,
      "hi bob",
    ]);
  }));

Deno.test("private namespaces, batch and sequence", () =>
  withNetwork({ nodes: 6, swarms: 2 }, {}, async (_devnet, net) => {
    const me = Identity.generate();
    const config = await net.store(me, { data: text("profile"), namespace: 2, ttl: 600_000 });
    const results = await net.batch([
      retrieveRequest(me, { namespace: 0 }),
      retrieveRequest(me, { namespace: 2 }),
      storeRequest(me, { data: text("more"), namespace: 3, ttl: 600_000 }),
    ]);
    assert.deepEqual(results.map((r) => r.code), [200, 200, 200]);
    assert.equal(
      (results[1].body as { messages: { hash: string }[] }).messages[0].hash,
      config.hash,
    );
    // sequence stops at the first failure: a retrieve signed by the wrong key is refused.
    const impostor = { sessionId: me.sessionId, signer: Identity.generate().signer };
    const sequence = await net.sequence([
      retrieveRequest(impostor, { namespace: 2 }),
      retrieveRequest(me, { namespace: 0 }),
    ]);
    assert.deepEqual(sequence.map((r) => r.code), [401]);
  }));

Deno.test("raw rpc to a node and to a swarm; errors are typed", () =>
  withNetwork({ nodes: 6, swarms: 2 }, {}, async (devnet, net) => {
    const me = Identity.generate();
    const swarm = await net.getSwarm(me.sessionId);
    const info = await net.rpc(swarm[0], "info", {}) as { version: number[]; t: number };
    assert.deepEqual(info.version, [2, 8, 0]);
    assert.ok(Math.abs(info.t - Date.now()) < 5000);
    const viaSwarm = await net.rpc(me.sessionId, "get_swarm", { pubkey: me.sessionId }) as {
      snodes: unknown[];
    };
    assert.equal(viaSwarm.snodes.length, 3);
    await assert.rejects(
      net.rpc(swarm[0], "retrieve", { pubkey: me.sessionId, namespace: 2 }),
      (e) => e instanceof SwarmError && e.status === 400 && e.node === swarm[0].ed25519,
    );
    await assert.rejects(
      net.retrieve({
        ...me.toPublic(),
        signer: Identity.generate().signer,
        sessionId: me.sessionId,
      }),
      (e) => e instanceof SwarmError && e.status === 401 && !e.retryable,
    );
    assert.ok(devnet.nodes.length === net.nodes().length);
  }));

Deno.test("v4 through the onion to the devnet file server: upload then download", () =>
  withNetwork({ nodes: 6, swarms: 2 }, {}, async (devnet, net) => {
    const upload = await net.serverRequest(devnet.fileServer, {
      method: "POST",
      endpoint: "/file",
      headers: { "content-type": "application/octet-stream" },
      body: utf8("attachment bytes"),
    });
    assert.equal(upload.code, 200, new TextDecoder().decode(upload.body));
    const { id } = readV4Body(upload) as { id: string };
    const download = await net.serverRequest(devnet.fileServer, {
      method: "GET",
      endpoint: `/file/${id}`,
    });
    assert.deepEqual([download.code, new TextDecoder().decode(download.body)], [
      200,
      "attachment bytes",
    ]);
  }));

Deno.test("close() is idempotent and later calls reject with NetworkError closed", () =>
  withNetwork({ nodes: 4, swarms: 1 }, {}, async (_devnet, net) => {
    const me = Identity.generate();
    await net.retrieve(me);
    await net.close();
    await net.close();
    await assert.rejects(net.retrieve(me), (e) => (e as { code?: string }).code === "closed");
  }));
