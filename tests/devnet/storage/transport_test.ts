// storage-server.md §5: transport-level JSON rules of /storage_rpc/v1, `t`/`hf`, exceptions.
import assert from "node:assert/strict";
import {
  createKvMessageStore,
  createStorageNode,
  type MessageStore,
} from "../../../src/devnet/storage/mod.ts";
import { accountIn, body, nodeSeed, SWARM_A, T0, text, withNet } from "./_helpers.ts";

Deno.test("§5 invalid JSON → 400 `invalid json` (bad UTF-8, empty, overflowing numbers; BOM skipped)", async () => {
  await withNet(async ({ nodes: [n] }) => {
    for (const raw of ["{", "", "nope", '{"method":"info","params":{}} x']) {
      const result = await n.node.handleRpcBody(raw);
      assert.deepEqual(result, { status: 400, text: "invalid json" }, raw);
    }
    const overflow = '{"method":"info","params":{"x":1e999}}';
    assert.deepEqual(await n.node.handleRpcBody(overflow), { status: 400, text: "invalid json" });
    const bom = "\uFEFF" + '{"method":"info","params":{}}';
    assert.equal((await n.node.handleRpcBody(bom)).status, 200);
    assert.equal((await n.node.handleRpcBody(new TextEncoder().encode(bom))).status, 200);
    const badUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    assert.deepEqual(await n.node.handleRpcBody(badUtf8), { status: 400, text: "invalid json" });
  });
});

Deno.test("§5 no string `method` → 400 `invalid json: no \\`method\\` field`", async () => {
  await withNet(async ({ nodes: [n] }) => {
    for (const raw of ['{"params":{}}', '{"method":5,"params":{}}', "[]", '"info"', "null"]) {
      assert.deepEqual(await n.node.handleRpcBody(raw), {
        status: 400,
        text: "invalid json: no `method` field",
      }, raw);
    }
  });
});

Deno.test("§5 no object `params` → 400 `invalid json: no \\`params\\` field`", async () => {
  await withNet(async ({ nodes: [n] }) => {
    for (
      const raw of [
        '{"method":"info"}',
        '{"method":"info","params":[]}',
        '{"method":"info","params":null}',
      ]
    ) {
      assert.deepEqual(await n.node.handleRpcBody(raw), {
        status: 400,
        text: "invalid json: no `params` field",
      }, raw);
    }
  });
});

Deno.test("§5 unknown method → 400 `no method X`", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const result = await n.node.handleRpcBody('{"method":"store2","params":{}}');
    assert.deepEqual(result, { status: 400, text: "no method store2" });
  });
});

Deno.test("§5 parse errors → 400 `invalid request: <message>`", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const result = await n.node.handleRpcBody('{"method":"store","params":{"pubkey":7}}');
    assert.deepEqual(result, {
      status: 400,
      text: "invalid request: Invalid value given for 'pubkey': expected string",
    });
  });
});

Deno.test("§5 a float where an integer is expected is a type error, as in nlohmann", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const alice = accountIn(SWARM_A);
    for (const ns of ["2.0", "2e0"]) {
      const raw = `{"method":"retrieve","params":{"pubkey":"${alice.pubkey}","namespace":${ns}}}`;
      assert.deepEqual(await n.node.handleRpcBody(raw), {
        status: 400,
        text: "invalid request: Invalid value given for 'namespace': expected 16-bit integer",
      });
    }
  });
});

Deno.test("§5 other exceptions → 500 `request failed`, and the node keeps serving", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const real = createKvMessageStore(kv, "n");
    const broken: MessageStore = {
      ...real,
      getExpiries: () => Promise.reject(new Error("disk on fire")),
    };
    await withNet(async ({ nodes: [n], network }) => {
      const node = createStorageNode({
        seed: nodeSeed(0),
        info: n.info,
        network,
        store: broken,
        clock: () => T0,
      });
      const alice = accountIn(SWARM_A);
      const hash = "A".repeat(43);
      const params = { ...alice.auth(`get_expiries${T0}${hash}`), timestamp: T0, messages: [hash] };
      assert.deepEqual(await node.handle("get_expiries", params), {
        status: 500,
        text: "request failed",
      });
      assert.equal((await node.handle("info", {})).status, 200);
    });
  } finally {
    kv.close();
  }
});

Deno.test("§5 every JSON response carries `t` (node clock, ms) and `hf` [19,4]", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    n.skew = 1234;
    const info = body(await n.node.handleRpcBody('{"method":"info","params":{}}'));
    assert.deepEqual(info, {
      hf: [19, 4],
      t: time.now + 1234,
      timestamp: time.now + 1234,
      version: [2, 8, 0],
    });
  });
});

Deno.test("§5 hf and version options are reported", async () => {
  await withNet(async ({ nodes: [n], network }) => {
    const kv = await Deno.openKv(":memory:");
    try {
      const node = createStorageNode({
        seed: nodeSeed(0),
        info: n.info,
        network,
        store: createKvMessageStore(kv, "x"),
        hf: [19, 3],
        version: [2, 7, 1],
        clock: () => T0,
      });
      assert.deepEqual(body(await node.handle("info", {})), {
        hf: [19, 3],
        t: T0,
        timestamp: T0,
        version: [2, 7, 1],
      });
    } finally {
      kv.close();
    }
  });
});

Deno.test("§5 a forwarded copy of a non-recursive method is refused", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const result = await n.node.handle("info", {}, { forwarded: true });
    assert.equal(
      text(result),
      "invalid request: received invalid forwarded non-forwardable request",
    );
    assert.equal(result.status, 400);
  });
});

Deno.test("engine: a seed that does not match info.ed25519 is refused up front", async () => {
  await withNet(async ({ nodes: [n], network }) => {
    const kv = await Deno.openKv(":memory:");
    try {
      assert.throws(
        () =>
          createStorageNode({
            seed: nodeSeed(9),
            info: n.info,
            network,
            store: createKvMessageStore(kv, "x"),
          }),
        { name: "ValidationError", code: "key_mismatch" },
      );
    } finally {
      kv.close();
    }
  });
});
