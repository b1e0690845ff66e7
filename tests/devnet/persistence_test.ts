/** State: keys, swarms, messages and files survive a restart with the same `state`; messages
 * expire on their TTL; the KV file is owner-only. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDevnet, STATE_FILE } from "../../src/devnet/mod.ts";
import { retrieveParams, rpc, storeParams } from "./_helpers.ts";

Deno.test("persistence: a restart with the same state keeps keys, swarms, messages, files", async () => {
  const dir = await Deno.makeTempDir({ prefix: "devnet-state-" });
  try {
    const first = await startDevnet({ nodes: 3, swarms: 1, state: dir });
    let hash: string;
    let fileId: string;
    const keys = first.nodes.map((n) => [n.ed25519, n.x25519, n.swarmId]);
    const fileKey = first.fileServer.x25519;
    try {
      hash = (await rpc(first.nodes[0], "store", storeParams({ ttl: 600_000 }))).json.hash;
      const up = await fetch(`${first.fileServer.url}/file`, { method: "POST", body: "kept" });
      fileId = (await up.json()).id;
    } finally {
      await first.stop();
    }
    if (Deno.build.os !== "windows") {
      assert.equal((await Deno.stat(join(dir, STATE_FILE))).mode! & 0o777, 0o600);
      assert.equal((await Deno.stat(dir)).mode! & 0o777, 0o700);
    }

    const second = await startDevnet({ nodes: 3, swarms: 1, state: dir });
    try {
      assert.deepEqual(second.nodes.map((n) => [n.ed25519, n.x25519, n.swarmId]), keys);
      assert.equal(second.fileServer.x25519, fileKey);
      for (const node of second.nodes) {
        const got = await rpc(node, "retrieve", retrieveParams());
        assert.deepEqual(got.json.messages.map((m: { hash: string }) => m.hash), [hash]);
      }
      const down = await fetch(`${second.fileServer.url}/file/${fileId}`);
      assert.equal(await down.text(), "kept");
    } finally {
      await second.stop();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("persistence: messages expire on their TTL (node clock moved past it)", async () => {
  const devnet = await startDevnet({ nodes: 1, swarms: 1 });
  try {
    const node = devnet.nodes[0];
    const stored = await rpc(node, "store", storeParams({ ttl: 10_000 }));
    assert.equal(stored.status, 200);
    assert.equal((await rpc(node, "retrieve", retrieveParams())).json.messages.length, 1);
    node.faults.skew(11_000);
    const later = await rpc(node, "retrieve", retrieveParams({ timestamp: Date.now() + 11_000 }));
    assert.equal(later.status, 200);
    assert.deepEqual(later.json.messages, []);
  } finally {
    await devnet.stop();
  }
});
