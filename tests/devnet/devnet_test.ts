/** startDevnet itself: port layout, the seed's answers, the description, stop. */
import assert from "node:assert/strict";
import { CONTROL_PATH, INFO_PATH, startDevnet } from "../../src/devnet/mod.ts";
import { post, SECRET, withDevnet } from "./_helpers.ts";

const FIELDS = {
  public_ip: true,
  storage_port: true,
  pubkey_x25519: true,
  pubkey_ed25519: true,
  requested_unlock_height: true,
  height: true,
};

Deno.test("seed: get_n_service_nodes with desktop's fields, all fields, limit, errors", () =>
  withDevnet({ nodes: 4, swarms: 2 }, async (devnet) => {
    const asked = await post(devnet.seedUrl, {
      jsonrpc: "2.0",
      method: "get_n_service_nodes",
      params: { active_only: true, fields: FIELDS },
    });
    assert.equal(asked.status, 200);
    assert.match(asked.headers["content-type"], /application\/json/);
    const { result } = asked.json;
    assert.equal(result.status, "OK");
    assert.equal(typeof result.height, "number");
    assert.deepEqual(
      result.service_node_states.map((s: { pubkey_ed25519: string }) => s.pubkey_ed25519),
      devnet.nodes.map((n) => n.ed25519),
    );
    assert.deepEqual(
      Object.keys(result.service_node_states[0]).sort(),
      Object.keys(FIELDS).filter((f) => f !== "height").sort(),
    );
    assert.equal(result.service_node_states[0].public_ip, "127.0.0.1");

    const all = await post(devnet.seedUrl, {
      jsonrpc: "2.0",
      id: 7,
      method: "get_n_service_nodes",
      params: {},
    });
    assert.equal(all.json.id, 7);
    const node = all.json.result.service_node_states[0];
    for (
      const key of [
        "storage_lmq_port",
        "swarm_id",
        "storage_server_version",
        "service_node_pubkey",
        "active",
      ]
    ) {
      assert.ok(key in node, key);
    }
    assert.ok(
      all.text.includes(`"swarm_id":${devnet.nodes[0].swarmId}`),
      "swarm_id is an exact u64",
    );

    const limited = await post(devnet.seedUrl, {
      jsonrpc: "2.0",
      method: "get_n_service_nodes",
      params: { limit: 2 },
    });
    assert.equal(limited.json.result.service_node_states.length, 2);
    const unknown = await post(devnet.seedUrl, { jsonrpc: "2.0", method: "get_info", params: {} });
    assert.equal(unknown.json.error.code, -32601);
    assert.equal((await post(devnet.seedUrl, "{nope")).json.error.code, -32700);
    const origin = new URL(devnet.seedUrl).origin;
    assert.equal((await post(`${origin}/other`, "")).status, 404);
    assert.deepEqual(
      (await post(`${origin}${INFO_PATH}`, "", { method: "GET" })).json,
      devnet.describe(),
    );
    const report = await post(`${origin}${CONTROL_PATH}`, "", { method: "GET" });
    assert.equal(report.json.nodes.length, 4);
  }));

Deno.test("ports: seed at the base, nodes after it, then the file server; a busy port is named", async () => {
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const base = 20000 + (probe.addr.port % 20000);
  probe.close();
  const devnet = await startDevnet({ nodes: 2, swarms: 1, port: base, secret: SECRET });
  try {
    assert.equal(devnet.seedUrl, `https://127.0.0.1:${base}/json_rpc`);
    assert.deepEqual(devnet.nodes.map((n) => n.port), [base + 1, base + 2]);
    assert.equal(devnet.fileServer.url, `http://127.0.0.1:${base + 3}`);
    await assert.rejects(
      startDevnet({ nodes: 2, swarms: 1, port: base }),
      /cannot listen on 127\.0\.0\.1:\d+: the port is in use/,
    );
  } finally {
    await devnet.stop();
    await devnet.stop(); // idempotent
  }
});

Deno.test("devnet: keys come from the secret; nodes carry url and fault handles", async () => {
  const a = await startDevnet({ nodes: 2, swarms: 1, secret: SECRET });
  const keys = a.nodes.map((n) => n.ed25519);
  await a.stop();
  await using b = await startDevnet({ nodes: 2, swarms: 1, secret: SECRET });
  assert.deepEqual(b.nodes.map((n) => n.ed25519), keys);
  assert.equal(b.nodes[1].url, `https://127.0.0.1:${b.nodes[1].port}`);
  assert.equal(b.nodes[1].faults.ed25519, keys[1]);
  assert.throws(() => b.faults.node("ff".repeat(32)), /no devnet node/);
});
