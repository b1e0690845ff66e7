/** Onion requests through the devnet over HTTPS: 3 hops to a node and to the file server. */
import assert from "node:assert/strict";
import {
  buildOnionRequest,
  decryptHop,
  encodeLayer,
  encodeV4Request,
  type EncType,
  readV4Body,
} from "../../src/onion/mod.ts";
import type { Devnet } from "../../src/devnet/mod.ts";
import {
  ACCOUNT,
  post,
  retrieveParams,
  storeParams,
  swarmOf,
  viaOnion,
  withDevnet,
} from "./_helpers.ts";

const ENC_TYPES: EncType[] = ["aes-gcm", "xchacha20"];

async function pathAround(devnet: Devnet) {
  const swarm = await swarmOf(devnet, ACCOUNT.sessionId);
  return { path: swarm.outside.slice(0, 3), target: swarm.inside[0], other: swarm.inside[1] };
}

for (const encType of ENC_TYPES) {
  Deno.test(`onion ${encType}: store and retrieve through 3 hops to a swarm member`, () =>
    withDevnet({ nodes: 6, swarms: 2 }, async (devnet) => {
      const { path, target, other } = await pathAround(devnet);
      const stored = await viaOnion(path, target, {
        method: "store",
        params: storeParams({ data: "b25pb24=" }),
      }, encType);
      assert.equal(stored.status, 200);
      const hash = (stored.body as { hash: string }).hash;
      const got = await viaOnion(
        path,
        other,
        { method: "retrieve", params: retrieveParams() },
        encType,
      );
      assert.equal(got.status, 200);
      assert.deepEqual((got.body as { messages: { hash: string }[] }).messages.map((m) => m.hash), [
        hash,
      ]);
      // an RPC error arrives inside an HTTP 200 reply
      const failed = await viaOnion(path, target, { method: "nope", params: {} }, encType);
      assert.deepEqual([failed.status, failed.body], [400, "no method nope"]);
      // 421 from the wrong swarm, through the onion
      const wrong = await viaOnion(path.slice(0, 2), path[2], {
        method: "retrieve",
        params: retrieveParams(),
      }, encType);
      assert.equal(wrong.status, 421);
    }));

  Deno.test(`onion ${encType}: upload and download via the file server (v4) through 3 hops`, () =>
    withDevnet({ nodes: 3, swarms: 1 }, async (devnet) => {
      const fs = devnet.fileServer;
      const destination = {
        kind: "server" as const,
        host: "127.0.0.1",
        target: "/oxen/v4/lsrpc",
        protocol: "http" as const,
        port: fs.port,
        x25519: fs.x25519,
      };
      const send = async (payload: Uint8Array) => {
        const request = buildOnionRequest({ path: devnet.nodes, destination, payload, encType });
        const res = await post(`${devnet.nodes[0].url}/onion_req/v2`, request.body);
        assert.equal(res.status, 200, res.text);
        return request.decryptServerReply(res.bytes);
      };
      const file = new TextEncoder().encode(`attachment via ${encType}`);
      const up = await send(encodeV4Request({
        method: "POST",
        endpoint: "/file",
        headers: { "Content-Type": "application/octet-stream" },
      }, file));
      assert.equal(up.code, 200);
      const { id } = readV4Body(up) as { id: string; expires: number };
      const down = await send(
        encodeV4Request({ method: "GET", endpoint: `/file/${id}`, headers: {} }),
      );
      assert.equal(down.code, 200);
      assert.deepEqual(down.body, file);
      const info = await send(
        encodeV4Request({ method: "GET", endpoint: `/file/${id}/info`, headers: {} }),
      );
      assert.equal((readV4Body(info) as { size: number }).size, file.length);
      const extend = await send(
        encodeV4Request({ method: "POST", endpoint: `/file/${id}/extend`, headers: {} }, ""),
      );
      assert.equal(extend.code, 200);
      const missing = await send(
        encodeV4Request({ method: "GET", endpoint: "/file/nope", headers: {} }),
      );
      assert.equal(missing.code, 404);
    }));
}

Deno.test("onion: final-destination flags json:true and base64:false", () =>
  withDevnet({ nodes: 2, swarms: 1 }, async (devnet) => {
    const [guard, target] = devnet.nodes;
    const rpc = new TextEncoder().encode(JSON.stringify({ method: "info", params: {} }));
    for (const flags of [{ json: true }, { base64: false }]) {
      const request = buildOnionRequest({
        path: [guard],
        destination: { kind: "snode", ...target },
        payload: encodeLayer(rpc, { headers: {}, ...flags }),
      });
      const res = await post(`${guard.url}/onion_req/v2`, request.body);
      assert.equal(res.status, 200);
      const sealed = "base64" in flags
        ? res.bytes
        : Uint8Array.from(atob(res.text), (c) => c.charCodeAt(0));
      const reply = JSON.parse(
        new TextDecoder().decode(decryptHop("aes-gcm", request.destinationKey, sealed)),
      );
      assert.equal(reply.status, 200);
      if ("json" in flags) assert.deepEqual(reply.body.version, [2, 8, 0]);
      else assert.equal(typeof reply.body, "string");
    }
  }));
