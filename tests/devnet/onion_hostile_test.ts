/** Hostile onion layers: bad lengths, bad JSON, unknown keys, bad keys, loops, dead ends. The
 * node answers as the real server does and keeps serving; nothing stored is lost. */
import assert from "node:assert/strict";
import { concatBytes, fromBase64, toHex, utf8 } from "../../src/core/bytes.ts";
import {
  buildOnionRequest,
  decryptHop,
  encodeLayer,
  encryptForNode,
  type EncType,
  parseLayer,
  snodePayload,
} from "../../src/onion/mod.ts";
import {
  ACCOUNT,
  post,
  retrieveParams,
  rpc,
  storeParams,
  swarmOf,
  withDevnet,
} from "./_helpers.ts";

const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);

/** An outer layer for `node` whose decrypted plaintext is `inner`. */
function layerFor(node: { x25519: string }, inner: Uint8Array, encType: EncType = "aes-gcm") {
  const sealed = encryptForNode(node.x25519, inner, encType);
  const body = encodeLayer(sealed.ciphertext, {
    ephemeral_key: toHex(sealed.ephemeralPublicKey),
    enc_type: encType,
  });
  return { body, key: sealed.key, encType };
}

/** Decrypts an encrypted error reply (HTTP 200, base64). */
function opened(reply: { text: string }, layer: { key: Uint8Array; encType: EncType }) {
  const plain = decryptHop(layer.encType, layer.key, fromBase64(reply.text));
  return JSON.parse(new TextDecoder().decode(plain));
}

Deno.test("hostile onion layers over HTTPS", (t) =>
  withDevnet({ nodes: 3, swarms: 1, timeouts: { serverMs: 300 } }, async (devnet) => {
    const [node, second] = devnet.nodes;
    const url = `${node.url}/onion_req/v2`;
    const stored = await rpc(node, "store", storeParams({ data: "a2VlcA==" }));
    assert.equal(stored.status, 200);

    const framing: [string, Uint8Array, RegExp][] = [
      ["shorter than 4 bytes", new Uint8Array([1, 0]), /expected ciphertext size/],
      [
        "N beyond the body",
        concatBytes(u32(1000), new Uint8Array(10)),
        /Unexpected payload size 10, expected >= 1000/,
      ],
      ["JSON that does not parse", concatBytes(u32(2), new Uint8Array(2), utf8("{oops")), /JSON/],
      ["JSON that is not an object", concatBytes(u32(0), utf8("[1,2]")), /not an object/],
      ["no ephemeral_key", concatBytes(u32(0), utf8("{}")), /ephemeral_key/],
      [
        "ephemeral_key not hex",
        concatBytes(u32(0), utf8('{"ephemeral_key":"zz"}')),
        /ephemeral_key/,
      ],
      [
        "unknown enc_type",
        concatBytes(u32(0), utf8(`{"ephemeral_key":"${"11".repeat(32)}","enc_type":"rot13"}`)),
        /enc_type|encryption type/i,
      ],
      [
        "hop_no not an integer",
        concatBytes(u32(0), utf8(`{"ephemeral_key":"${"11".repeat(32)}","hop_no":"x"}`)),
        /hop_no/,
      ],
    ];
    for (const [name, body, pattern] of framing) {
      await t.step(`framing: ${name} → 400 Error parsing onion request`, async () => {
        const reply = await post(url, body);
        assert.equal(reply.status, 400);
        assert.match(reply.text, /^Error parsing onion request: /);
        assert.match(reply.text, pattern);
      });
    }

    await t.step(
      "ciphertext that does not decrypt → 400 Invalid ciphertext (both enc types)",
      async () => {
        for (const encType of ["aes-gcm", "xchacha20"] as EncType[]) {
          const good = layerFor(node, utf8("x"), encType);
          const tampered = good.body.slice();
          tampered[10] ^= 1;
          assert.deepEqual(await post(url, tampered).then((r) => [r.status, r.text]), [
            400,
            "Invalid ciphertext",
          ]);
        }
        const zeroKey = encodeLayer(new Uint8Array(40), { ephemeral_key: "00".repeat(32) });
        assert.deepEqual(await post(url, zeroKey).then((r) => [r.status, r.text]), [
          400,
          "Invalid ciphertext",
        ]);
      },
    );

    await t.step("inner plaintext that is not a layer → encrypted 400 Invalid json", async () => {
      for (
        const inner of [
          utf8("no"),
          concatBytes(u32(99), utf8("{}")),
          concatBytes(u32(0), utf8("{bad")),
        ]
      ) {
        const layer = layerFor(node, inner);
        const reply = await post(url, layer.body);
        assert.equal(reply.status, 200);
        assert.deepEqual(opened(reply, layer), { status: 400, body: "Invalid json" });
      }
    });

    await t.step("inner JSON with unknown keys only → encrypted 400 Invalid json", async () => {
      const layer = layerFor(node, encodeLayer(new Uint8Array(1), { wat: 1, also: "no" }));
      assert.deepEqual(opened(await post(url, layer.body), layer), {
        status: 400,
        body: "Invalid json",
      });
      const badDest = layerFor(
        node,
        encodeLayer(new Uint8Array(1), { destination: "xyz", ephemeral_key: "00" }),
      );
      assert.deepEqual(opened(await post(url, badDest.body), badDest), {
        status: 400,
        body: "Invalid json",
      });
    });

    await t.step("relay to an unknown node → 502 Next node not found", async () => {
      const ghost = "ab".repeat(32);
      const layer = layerFor(
        node,
        encodeLayer(new Uint8Array(16), { destination: ghost, ephemeral_key: "11".repeat(32) }),
      );
      assert.deepEqual(
        await post(url, layer.body).then((r) => [r.status, r.text]),
        [502, `Next node not found: ${ghost}`],
      );
    });

    await t.step(
      "relay to a server: disallowed target or protocol → encrypted 400 Invalid url",
      async () => {
        const ftp = layerFor(
          node,
          encodeLayer(new Uint8Array(4), {
            host: "127.0.0.1",
            target: "/oxen/v4/lsrpc",
            protocol: "ftp",
          }),
        );
        assert.deepEqual(opened(await post(url, ftp.body), ftp), {
          status: 400,
          body: "Invalid url",
        });
        for (const target of ["/oxen/v4/lsrpc?x=1", "/file", "/oxen/v4/other"]) {
          const layer = layerFor(
            node,
            encodeLayer(new Uint8Array(4), {
              host: "127.0.0.1",
              target,
              ephemeral_key: "11".repeat(32),
            }),
          );
          assert.deepEqual(opened(await post(url, layer.body), layer), {
            status: 400,
            body: "Invalid url",
          });
        }
      },
    );

    await t.step(
      "relay to a server: non-loopback host, closed port → 502; silent server → 504",
      async () => {
        const away = layerFor(
          node,
          encodeLayer(new Uint8Array(4), {
            host: "filev2.getsession.org",
            target: "/oxen/v4/lsrpc",
            protocol: "http",
            port: 80,
          }),
        );
        assert.equal((await post(url, away.body)).status, 502);
        const closed = await Deno.listen({ hostname: "127.0.0.1", port: 0 });
        const port = closed.addr.port;
        closed.close();
        const refused = layerFor(
          node,
          encodeLayer(new Uint8Array(4), {
            host: "127.0.0.1",
            target: "/oxen/v4/lsrpc",
            protocol: "http",
            port,
          }),
        );
        assert.equal((await post(url, refused.body)).status, 502);
        const hang = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async () => {
          await new Promise((r) => setTimeout(r, 700));
          return new Response("late");
        });
        try {
          const slow = layerFor(
            node,
            encodeLayer(new Uint8Array(4), {
              host: "127.0.0.1",
              target: "/oxen/v4/lsrpc",
              protocol: "http",
              port: hang.addr.port,
            }),
          );
          const reply = await post(url, slow.body);
          assert.equal(reply.status, 504);
        } finally {
          await hang.shutdown();
        }
      },
    );

    await t.step(
      "loops: 14 relays through one node pass, a faked hop_no beyond 15 is cut",
      async () => {
        const loop = Array(14).fill(node);
        const request = buildOnionRequest({
          path: loop,
          destination: { kind: "snode", ...second },
          payload: snodePayload({ method: "info", params: {} }),
        });
        const ok = await post(url, request.body);
        assert.equal(ok.status, 200);
        assert.equal(request.decryptSnodeReply(ok.bytes).status, 200);
        const outer = parseLayer(request.body);
        const faked = encodeLayer(outer.blob, { ...outer.json, hop_no: 2 });
        assert.deepEqual(
          await post(url, faked).then((r) => [r.status, r.text]),
          [400, "onion request max path length exceeded"],
        );
      },
    );

    await t.step("the node keeps serving and lost nothing", async () => {
      const swarm = await swarmOf(devnet, ACCOUNT.sessionId);
      for (const member of swarm.inside) {
        const got = await rpc(member, "retrieve", retrieveParams());
        assert.deepEqual(got.json.messages.map((m: { hash: string }) => m.hash), [
          stored.json.hash,
        ]);
      }
    });
  }));
