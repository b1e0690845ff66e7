/** Vectors from ../shared/vectors/storage.json and onion.json, replayed against the devnet over
 * HTTPS where the devnet can serve them. */
import assert from "node:assert/strict";
import { fromHex, toHex } from "../../src/core/bytes.ts";
import { swarmHex } from "../../src/devnet/json.ts";
import { decryptHop, encodeLayer, encryptForNode } from "../../src/onion/mod.ts";
import { vectors } from "../vectors.ts";
import { post, rpc, withDevnet } from "./_helpers.ts";

Deno.test("storage.json message_hash: the hash a devnet node assigns (public inbox vectors)", () =>
  withDevnet({ nodes: 1, swarms: 1 }, async (devnet) => {
    for (const v of vectors("storage.json", "message_hash").filter((v) => v.namespace === 0)) {
      const reply = await rpc(devnet.nodes[0], "store", {
        pubkey: v.pubkey_hex,
        namespace: 0,
        timestamp: Date.now(),
        ttl: 60_000,
        data: v.data_b64,
      });
      assert.equal(reply.status, 200, `${v.id}: ${reply.text}`);
      assert.equal(reply.json.hash, v.expected_hash_b64, v.id);
    }
  }));

Deno.test("storage.json swarm_select: get_swarm on a devnet with the vector's swarm ids", async () => {
  for (const v of vectors("storage.json", "swarm_select")) {
    const ids: bigint[] = v.swarm_ids_u64.map(BigInt);
    await withDevnet({ nodes: ids.length, swarmIds: ids }, async (devnet) => {
      const reply = await rpc(devnet.nodes[0], "get_swarm", { pubkey: v.pubkey_hex });
      assert.equal(reply.json.swarm, swarmHex(BigInt(v.expected_swarm_id_u64)), v.id);
    });
  }
});

Deno.test("storage.json request_signature: the vector's own params accepted (node clock at the vector time)", () =>
  withDevnet({ nodes: 1, swarms: 1 }, async (devnet) => {
    const node = devnet.nodes[0];
    const replay = vectors("storage.json", "request_signature").filter((v) =>
      v.session_id && v.example_params.pubkey.startsWith("05")
    );
    assert.ok(replay.length >= 8);
    for (const v of replay) {
      const params = { ...v.example_params };
      const at = params.timestamp ?? params.sig_timestamp ?? params.before ?? params.expiry ??
        1_700_000_000_000;
      node.faults.skew(Number(at) - Date.now() + 1000);
      if (v.method === "store") {
        Object.assign(params, { timestamp: params.sig_timestamp, ttl: 60_000, data: "dmVjdG9y" });
      }
      const reply = await rpc(node, v.method, params);
      assert.equal(reply.status, 200, `${v.id}: ${reply.status} ${reply.text}`);
      const forged = await rpc(node, v.method, {
        ...params,
        signature: v.example_params.signature.replace(/^./, (c: string) => c === "A" ? "B" : "A"),
      });
      assert.equal(forged.status, 401, `${v.id} with a broken signature`);
    }
  }));

Deno.test("onion.json layer_route and relay_target_allowed: how a devnet node routes each layer", () =>
  withDevnet({ nodes: 1, swarms: 1 }, async (devnet) => {
    const node = devnet.nodes[0];
    const send = async (plaintext: Uint8Array) => {
      const sealed = encryptForNode(node.x25519, plaintext);
      const body = encodeLayer(sealed.ciphertext, {
        ephemeral_key: toHex(sealed.ephemeralPublicKey),
      });
      const reply = await post(`${node.url}/onion_req/v2`, body);
      const open = () =>
        JSON.parse(
          new TextDecoder().decode(
            decryptHop(
              "aes-gcm",
              sealed.key,
              Uint8Array.from(atob(reply.text), (c) => c.charCodeAt(0)),
            ),
          ),
        );
      return { reply, open };
    };
    for (const v of vectors("onion.json", "layer_route")) {
      const { reply, open } = await send(fromHex(v.layer_hex));
      if (v.expected.type === "final_destination") {
        assert.deepEqual(open(), { status: 400, body: "invalid json" }, v.id); // "ciphertext" is no RPC
      } else if (v.expected.type === "relay_to_server") {
        assert.deepEqual(open(), { status: 400, body: "Invalid url" }, v.id); // target "target"
      } else {
        assert.deepEqual([reply.status, reply.text], [
          502,
          `Next node not found: ${v.expected.next_node_ed25519_hex}`,
        ], v.id);
      }
    }
    const fs = devnet.fileServer;
    for (const v of vectors("onion.json", "relay_target_allowed")) {
      const inner = encodeLayer(new Uint8Array(4), {
        host: "127.0.0.1",
        port: fs.port,
        protocol: "http",
        target: v.target,
      });
      const { reply, open } = await send(inner);
      // Refused targets get the node's encrypted "Invalid url"; allowed ones reach the server.
      const refused = reply.status === 200 && open().body === "Invalid url";
      assert.equal(!refused, v.expected_allowed, `${v.id} ${v.target}: ${reply.status}`);
    }
  }));

Deno.test("onion.json layer_parse: the vector layers frame correctly at a devnet node", () =>
  withDevnet({ nodes: 1, swarms: 1 }, async (devnet) => {
    for (const v of vectors("onion.json", "layer_parse")) {
      // Framing and JSON parse; the layer was encrypted to another key, so decryption fails.
      const reply = await post(`${devnet.nodes[0].url}/onion_req/v2`, fromHex(v.layer_hex));
      assert.deepEqual([reply.status, reply.text], [400, "Invalid ciphertext"], v.id);
    }
  }));
