// storage-server.md §6.7: `get_swarm`, `info`, `batch`/`sequence`/`ifelse`, `oxend_request`.
import assert from "node:assert/strict";
import { toBase64 } from "../../../src/core/mod.ts";
import { INVALID_SWARM_ID, onsNameHash } from "../../../src/devnet/storage/mod.ts";
import {
  accountIn,
  body,
  put,
  retrieveParams,
  storeParams,
  SWARM_A,
  SWARM_B,
  withNet,
} from "./_helpers.ts";

const bad = (message: string) => ({ status: 400, text: `invalid request: ${message}` });

Deno.test("§6.7 get_swarm: the owning swarm's members, hex id, t/hf; no auth or swarm check", async () => {
  await withNet(async ({ nodes, time }) => {
    const bob = accountIn(SWARM_B);
    for (const method of ["get_swarm", "get_snodes_for_pubkey"]) {
      const got = body(await nodes[0].node.handle(method, { pubkey: bob.pubkey }));
      assert.deepEqual(Object.keys(got), ["hf", "snodes", "swarm", "t"]);
      assert.equal(got.swarm, "9000000000000000");
      assert.equal(got.t, time.now);
      const [snode] = got.snodes as Record<string, unknown>[];
      assert.deepEqual(Object.keys(snode), [
        "address",
        "ip",
        "port",
        "port_https",
        "port_omq",
        "port_quic",
        "pubkey_ed25519",
        "pubkey_legacy",
        "pubkey_x25519",
      ]);
      assert.equal(snode.pubkey_ed25519, nodes[3].info.ed25519);
      assert.equal(snode.port, "22103");
    }
    const alice = accountIn(SWARM_A);
    const mine = body(await nodes[3].node.handle("get_swarm", { pubkey: alice.pubkey }));
    assert.deepEqual(
      (mine.snodes as { pubkey_ed25519: string }[]).map((s) => s.pubkey_ed25519),
      nodes.slice(0, 3).map((n) => n.info.ed25519),
    );
  });
});

Deno.test("§6.7 get_swarm: bad pubkey → 400 with its own wording", async () => {
  await withNet(async ({ nodes: [n] }) => {
    assert.deepEqual(
      await n.node.handle("get_swarm", { pubkey: "05abc" }),
      bad("Pubkey must be 66 hex digits/33 bytes long"),
    );
    assert.deepEqual(await n.node.handle("get_swarm", {}), bad("Required field 'pubkey' missing"));
  });
});

Deno.test("§6.7 get_swarm with no swarm at all: empty snodes, swarm ffffffffffffffff", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const alice = accountIn(SWARM_A);
    const got = body(await n.node.handle("get_swarm", { pubkey: alice.pubkey }));
    assert.deepEqual(got.snodes, []);
    assert.equal(got.swarm, INVALID_SWARM_ID.toString(16));
    assert.equal(got.swarm, "ffffffffffffffff");
  }, [[INVALID_SWARM_ID, 1]]);
});

Deno.test("§6.7 info: version, timestamp, t, hf", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    assert.deepEqual(await n.node.handle("info", { ignored: true }), {
      status: 200,
      body: { hf: [19, 4], t: time.now, timestamp: time.now, version: [2, 8, 0] },
    });
  });
});

Deno.test("§6.7 batch: results {code, body} in order; failures do not stop it", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const result = await n.node.handle("batch", {
      requests: [
        { method: "store", params: storeParams(alice, time.now) },
        { method: "retrieve", params: { pubkey: alice.pubkey } },
        { method: "info", params: {} },
      ],
    });
    assert.equal(result.status, 200);
    const got = body(result);
    assert.deepEqual(Object.keys(got), ["results"]);
    const [stored, refused, info] = got.results as { code: number; body: unknown }[];
    assert.equal(stored.code, 200);
    assert.equal(Object.keys((stored.body as { swarm: object }).swarm).length, 3, "replicated");
    assert.deepEqual(refused, { code: 401, body: "retrieve: request signature required" });
    assert.equal(info.code, 200);
  });
});

Deno.test("§6.7 batch: 1..20 subrequests, else 400; bad entries → 400", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const info = { method: "info", params: {} };
    assert.equal((await n.node.handle("batch", { requests: Array(20).fill(info) })).status, 200);
    assert.deepEqual(
      await n.node.handle("batch", { requests: Array(21).fill(info) }),
      bad("Invalid batch request: subrequest limit exceeded"),
    );
    for (const requests of [[], undefined, "x"]) {
      assert.deepEqual(
        await n.node.handle("batch", { requests }),
        bad('Invalid batch request: no valid "requests" field'),
      );
    }
    assert.deepEqual(
      await n.node.handle("batch", { requests: [5] }),
      bad("Invalid batch request: requests must be objects"),
    );
    assert.deepEqual(
      await n.node.handle("batch", { requests: [{ method: "info" }] }),
      bad("Invalid batch request: subrequests must have method/params keys"),
    );
    assert.deepEqual(
      await n.node.handle("batch", { requests: [{ method: "nope", params: {} }] }),
      bad('Invalid batch subrequest: invalid method "nope"'),
    );
    // A subrequest's own parse error fails the whole batch.
    assert.deepEqual(
      await n.node.handle("batch", { requests: [info, { method: "store", params: {} }] }),
      bad("Required field 'timestamp' missing"),
    );
  });
});

Deno.test("§6.7 batch/sequence/ifelse cannot be nested in a batch", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const inner = { requests: [{ method: "info", params: {} }] };
    for (const method of ["batch", "sequence"]) {
      assert.deepEqual(
        await n.node.handle("sequence", { requests: [{ method, params: inner }] }),
        bad("Invalid batch subrequest: subrequests may not contain meta-requests"),
      );
    }
    const ifelse = { if: { hf_at_least: [19, 0] }, then: { method: "info", params: {} } };
    assert.deepEqual(
      await n.node.handle("batch", { requests: [{ method: "ifelse", params: ifelse }] }),
      bad("Invalid batch subrequest: subrequests may not contain meta-requests"),
    );
  });
});

Deno.test("§6.7 sequence: runs in order and stops after the first non-2xx", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const got = body(
      await n.node.handle("sequence", {
        requests: [
          { method: "store", params: storeParams(alice, time.now, { data: "one" }) },
          { method: "store", params: { ...storeParams(alice, time.now), ttl: 1 } },
          { method: "store", params: storeParams(alice, time.now, { data: "never" }) },
        ],
      }),
    );
    const results = got.results as { code: number; body: unknown }[];
    assert.deepEqual(results.map((r) => r.code), [200, 403]);
    assert.equal(results[1].body, "Provided expiry/TTL is not valid.");
    const left = body(await n.node.handle("retrieve", retrieveParams(alice, time.now)));
    assert.equal((left.messages as unknown[]).length, 1);
  });
});

Deno.test("§6.7 ifelse: picks a branch by hf/version/height and reports them", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const info = { method: "info", params: {} };
    const yes = body(await n.node.handle("ifelse", { if: { hf_at_least: [19, 4] }, then: info }));
    assert.deepEqual(Object.keys(yes), ["condition", "height", "hf", "result", "v"]);
    assert.equal(yes.condition, true);
    assert.equal((yes.result as { code: number }).code, 200);
    const no = body(
      await n.node.handle("ifelse", { if: { v_at_least: [2, 9], height_before: 5 }, then: info }),
    );
    assert.deepEqual(no, { condition: false, height: 1_000_000, hf: [19, 4], v: [2, 8, 0] });
    assert.deepEqual(
      await n.node.handle("ifelse", { if: {}, then: info }),
      bad('Invalid ifelse request: must specify at least one "if" condition'),
    );
    assert.deepEqual(
      await n.node.handle("ifelse", { if: { hf_before: [20] } }),
      bad('Invalid ifelse request: at least one of "then"/"else" required'),
    );
  });
});

Deno.test("§6.7 oxend_request get_service_nodes: all nodes, or just the requested fields", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const all = body(
      await n.node.handle("oxend_request", { endpoint: "get_service_nodes" }),
    );
    assert.equal(all.t, time.now);
    const result = all.result as { service_node_states: Record<string, unknown>[]; height: number };
    assert.equal(result.service_node_states.length, 4);
    const { swarm_id, ...state } = result.service_node_states[0];
    assert.equal(JSON.stringify(swarm_id), SWARM_A.toString(), "exact uint64");
    assert.deepEqual(state, {
      public_ip: "127.0.0.1",
      pubkey_ed25519: n.info.ed25519,
      pubkey_x25519: n.info.x25519,
      requested_unlock_height: 0,
      service_node_pubkey: n.info.ed25519,
      storage_lmq_port: 22100,
      storage_port: 22100,
      storage_server_version: [2, 8, 0],
    });
    const fields = {
      public_ip: true,
      storage_port: true,
      pubkey_x25519: true,
      pubkey_ed25519: true,
    };
    const picked = body(
      await n.node.handle("oxend_request", {
        endpoint: "get_service_nodes",
        params: { active_only: true, fields },
      }),
    ).result as { service_node_states: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(picked.service_node_states[3]).sort(), Object.keys(fields).sort());
  });
});

Deno.test("§6.7 oxend_request: swarm ids beyond 2^53 serialise exactly", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const result = await n.node.handleRpcBody(
      '{"method":"oxend_request","params":{"endpoint":"get_service_nodes","params":{"fields":{"swarm_id":true}}}}',
    );
    const json = JSON.stringify(body(result));
    assert.match(json, /"swarm_id":10376293541461622784\b/);
  });
});

Deno.test("§6.7 oxend_request ons_resolve: the registered record, or an empty result", async () => {
  await withNet(async ({ nodes: [n], names }) => {
    const record = names.register("alice", "05" + "cd".repeat(32));
    const ask = (name: string) =>
      n.node.handle("oxend_request", {
        endpoint: "ons_resolve",
        params: { type: 0, name_hash: toBase64(onsNameHash(name)) },
      });
    assert.deepEqual(body(await ask("Alice")).result, record);
    assert.deepEqual(body(await ask("bob")).result, {});
    assert.equal(
      (await n.node.handle("oxend_request", { endpoint: "ons_resolve", params: { type: 0 } }))
        .status,
      400,
    );
  });
});

Deno.test("§6.7 oxend_request: any other endpoint → 400", async () => {
  await withNet(async ({ nodes: [n] }) => {
    assert.deepEqual(
      await n.node.handle("oxend_request", { endpoint: "get_info" }),
      bad("Invalid oxend endpoint 'get_info'"),
    );
    assert.deepEqual(
      await n.node.handle("oxend_request", {}),
      bad("Required field 'endpoint' missing"),
    );
  });
});

Deno.test("§6.7 batch subrequests are authenticated one by one (put + signed retrieve)", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    await put(n.node, alice, time.now);
    const got = body(
      await n.node.handle("batch", {
        requests: [{ method: "retrieve", params: retrieveParams(alice, time.now) }],
      }),
    );
    const [first] = got.results as { code: number; body: { messages: unknown[] } }[];
    assert.equal(first.code, 200);
    assert.equal(first.body.messages.length, 1);
  });
});
