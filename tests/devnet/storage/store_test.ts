// storage-server.md §6.2: `store` — required fields, size, TTL, clock, auth, duplicates,
// replication and the response shape.
import assert from "node:assert/strict";
import { fromBase64, fromHex, toBase64 } from "../../../src/core/mod.ts";
import { verifyEd25519 } from "../../../src/crypto/ed25519.ts";
import {
  createKvMessageStore,
  createStorageNode,
  messageHash,
} from "../../../src/devnet/storage/mod.ts";
import {
  accountIn,
  body,
  hashesOn,
  nodeSeed,
  put,
  retrieveParams,
  storeParams,
  SWARM_A,
  withNet,
} from "./_helpers.ts";

const DAY = 86_400_000;
const bad = (message: string) => ({ status: 400, text: `invalid request: ${message}` });
type Swarm = Record<string, Record<string, unknown>>;

Deno.test("§6.2 required fields: timestamp, data, exactly one of ttl/expiry", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const { timestamp: _t, ...noTimestamp } = storeParams(alice, time.now);
    assert.deepEqual(
      await n.node.handle("store", noTimestamp),
      bad("Required field 'timestamp' missing"),
    );
    const { ttl: _ttl, ...noTtl } = storeParams(alice, time.now);
    assert.deepEqual(
      await n.node.handle("store", noTtl),
      bad("Required field 'expiry' or 'ttl' missing"),
    );
    const both = { ...storeParams(alice, time.now), expiry: time.now + DAY };
    assert.deepEqual(
      await n.node.handle("store", both),
      bad("Cannot specify both 'expiry' and 'ttl'"),
    );
    const { data: _d, ...noData } = storeParams(alice, time.now);
    assert.deepEqual(await n.node.handle("store", noData), bad("Required field 'data' missing"));
    const withExpiry = { ...noTtl, expiry: time.now + DAY };
    assert.equal((await n.node.handle("store", withExpiry)).status, 200);
  });
});

Deno.test("§6.2 data over 76,800 bytes → 400; exactly 76,800 is stored intact", async () => {
  await withNet(async ({ nodes: [n, n1], time }) => {
    const alice = accountIn(SWARM_A);
    const big = new Uint8Array(76_800).map((_, i) => (i * 7) & 255);
    const params = { ...storeParams(alice, time.now), data: toBase64(big) };
    assert.equal((params.data as string).length, 102_400);
    assert.equal((await n.node.handle("store", params)).status, 200);
    const messages = body(await n1.node.handle("retrieve", retrieveParams(alice, time.now)))
      .messages as { data: string }[];
    assert.deepEqual(fromBase64(messages[0].data), big);
    const over = { ...params, data: toBase64(new Uint8Array(76_801)) };
    assert.deepEqual(
      await n.node.handle("store", over),
      bad("Message body exceeds maximum allowed length of 76800 bytes"),
    );
  });
});

Deno.test("§6.2 data must be standard base64 → else 400", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    for (const data of ["a", "ab-_", "ab cd", "%%%%"]) {
      assert.deepEqual(
        await n.node.handle("store", { ...storeParams(alice, time.now), data }),
        bad("Invalid 'data' value: not base64 encoded"),
        data,
      );
    }
    const empty = { ...storeParams(alice, time.now), data: "" };
    assert.equal((await n.node.handle("store", empty)).status, 200);
  });
});

Deno.test("§6.2 TTL outside 10 s..14 days (public) / 30 days (other) → 403", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const forbidden = { status: 403, text: "Provided expiry/TTL is not valid." };
    const cases: [number, number, boolean][] = [
      [0, 9_999, false],
      [0, 10_000, true],
      [0, 14 * DAY, true],
      [0, 14 * DAY + 1, false],
      [2, 30 * DAY, true],
      [2, 30 * DAY + 1, false],
      [2, 9_999, false],
    ];
    for (const [namespace, ttl, ok] of cases) {
      const result = await n.node.handle("store", storeParams(alice, time.now, { namespace, ttl }));
      if (ok) assert.equal(result.status, 200, `${namespace}/${ttl}`);
      else assert.deepEqual(result, forbidden, `${namespace}/${ttl}`);
    }
  });
});

Deno.test("§6.2 timestamp > now+10 s or expiry < now−10 s → 406", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const clock = { status: 406, text: "Timestamp error: check your clock" };
    const ahead = storeParams(alice, time.now, { timestamp: time.now + 10_001 });
    assert.deepEqual(await n.node.handle("store", ahead), clock);
    const edge = storeParams(alice, time.now, { timestamp: time.now + 10_000 });
    assert.equal((await n.node.handle("store", edge)).status, 200);
    const expired = storeParams(alice, time.now, { timestamp: time.now - 40_001, ttl: 30_000 });
    assert.deepEqual(await n.node.handle("store", expired), clock);
  });
});

Deno.test("§6.2 non-public namespace without signature → 401 naming the namespace", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const params = { ...storeParams(alice, time.now), namespace: 3 };
    assert.deepEqual(await n.node.handle("store", params), {
      status: 401,
      text: "store: signature required to store to namespace 3",
    });
  });
});

Deno.test("§6.2 sig_timestamp (default timestamp) outside ±60 s → 406", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const sigTs = time.now - 60_001;
    const params = {
      ...storeParams(alice, time.now, { namespace: 2 }),
      ...alice.auth(`store2${sigTs}`),
      sig_timestamp: sigTs,
    };
    assert.deepEqual(await n.node.handle("store", params), {
      status: 406,
      text: "store signature timestamp too far from current time",
    });
    const okTs = time.now - 60_000;
    const ok = { ...params, ...alice.auth(`store2${okTs}`), sig_timestamp: okTs };
    assert.equal((await n.node.handle("store", ok)).status, 200);
  });
});

Deno.test("§6.2 bad store signature → 401 `store signature verification failed`", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const params = { ...storeParams(alice, time.now, { namespace: 5 }), ...alice.auth("store5") };
    assert.deepEqual(await n.node.handle("store", params), {
      status: 401,
      text: "store signature verification failed",
    });
  });
});

Deno.test("§6.2 a signature on a public-inbox store is parsed but not verified", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const params = { ...storeParams(alice, time.now), ...alice.auth("not what is expected") };
    assert.equal((await n.node.handle("store", params)).status, 200);
    const malformed = { ...params, signature: "short" };
    assert.deepEqual(
      await n.node.handle("store", malformed),
      bad("invalid signature: expected base64 encoded Ed25519 signature"),
    );
  });
});

Deno.test("§6.2 duplicates: 200 with already, expiry raised when later, never lowered", async () => {
  await withNet(async ({ nodes, time }) => {
    const alice = accountIn(SWARM_A);
    const first = body(await nodes[0].node.handle("store", storeParams(alice, time.now)));
    assert.equal((first.swarm as Swarm)[nodes[0].info.ed25519].already, undefined);
    const later = body(
      await nodes[1].node.handle("store", storeParams(alice, time.now, { ttl: 2 * DAY })),
    );
    const swarm = later.swarm as Swarm;
    // The entry node's own result says `true`; peers answer in bencode, where it is 1.
    assert.equal(swarm[nodes[1].info.ed25519].already, true);
    assert.equal(swarm[nodes[0].info.ed25519].already, 1);
    for (const result of Object.values(swarm)) assert.equal(result.expiry, time.now + 2 * DAY);
    const shorter = body(
      await nodes[2].node.handle("store", storeParams(alice, time.now, { ttl: DAY })),
    );
    for (const result of Object.values(shorter.swarm as Swarm)) {
      assert.equal(result.expiry, time.now + 2 * DAY);
    }
    assert.equal((await hashesOn(nodes[0].node, alice, time.now)).length, 1);
  });
});

Deno.test("§6.2 response: hash, per-member signed results, entry `t`, top-level t/hf", async () => {
  await withNet(async ({ nodes, time }) => {
    const alice = accountIn(SWARM_A);
    const data = new TextEncoder().encode("hello");
    const hash = messageHash(alice.pubkey, 0, data);
    const result = await nodes[0].node.handle("store", storeParams(alice, time.now));
    assert.equal(result.status, 200);
    const got = body(result);
    assert.deepEqual(Object.keys(got), ["hash", "hf", "swarm", "t"]);
    assert.equal(got.hash, hash);
    assert.deepEqual(got.hf, [19, 4]);
    assert.equal(got.t, time.now);
    const swarm = got.swarm as Swarm;
    assert.deepEqual(
      Object.keys(swarm).sort(),
      nodes.slice(0, 3).map((n) => n.info.ed25519).sort(),
    );
    for (const { info } of nodes.slice(0, 3)) {
      const entry = swarm[info.ed25519];
      const expected = info === nodes[0].info
        ? ["expiry", "hash", "signature", "t"]
        : ["expiry", "hash", "signature"];
      assert.deepEqual(Object.keys(entry), expected);
      assert.equal(entry.hash, hash);
      assert.equal(entry.expiry, time.now + 86_400_000);
      const signature = fromBase64(entry.signature as string);
      assert.ok(verifyEd25519(signature, new TextEncoder().encode(hash), fromHex(info.ed25519)));
    }
    // Every member stored it.
    for (const { node } of nodes.slice(0, 3)) {
      assert.deepEqual(await hashesOn(node, alice, time.now), [hash]);
    }
  });
});

Deno.test("§6.2 a forwarded store answers with the bare local result", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const result = await n.node.handle("store", storeParams(alice, time.now), { forwarded: true });
    assert.deepEqual(Object.keys(body(result)), ["expiry", "hash", "signature"]);
  });
});

Deno.test("§6.2 peer failures: timeout, code/reason, bad_peer_response; still 200", async () => {
  await withNet(
    async ({ nodes, time }) => {
      const alice = accountIn(SWARM_A);
      nodes[1].fault = "hang";
      nodes[2].fault = "status";
      const started = performance.now();
      const result = await nodes[0].node.handle("store", storeParams(alice, time.now));
      assert.ok(performance.now() - started >= 45, "waited for the peer timeout");
      assert.equal(result.status, 200);
      const swarm = body(result).swarm as Swarm;
      assert.deepEqual(swarm[nodes[1].info.ed25519], { failed: true, timeout: true });
      assert.deepEqual(swarm[nodes[2].info.ed25519], {
        code: "503",
        failed: true,
        reason: "Service node is not ready",
      });
      nodes[1].fault = "throw";
      nodes[2].fault = "garbage";
      const again = body(await nodes[0].node.handle("store", storeParams(alice, time.now)));
      for (const peer of [nodes[1], nodes[2]]) {
        assert.deepEqual((again.swarm as Swarm)[peer.info.ed25519], {
          bad_peer_response: true,
          failed: true,
        });
      }
    },
    undefined,
    { peerTimeout: 50 },
  );
});

Deno.test("§6.2 a peer whose clock is off reports its own 406 as a failed entry", async () => {
  await withNet(async ({ nodes, time }) => {
    const alice = accountIn(SWARM_A);
    nodes[2].skew = 60_000;
    const swarm = body(
      await nodes[0].node.handle(
        "store",
        storeParams(alice, time.now, {
          ttl: 20_000,
          timestamp: time.now - 15_000,
        }),
      ),
    ).swarm as Swarm;
    assert.deepEqual(swarm[nodes[2].info.ed25519], {
      code: "406",
      failed: true,
      reason: "Timestamp error: check your clock",
    });
    assert.equal(swarm[nodes[1].info.ed25519].failed, undefined);
  });
});

Deno.test("§6.2 every member failing → 500 with the failures", async () => {
  await withNet(async ({ nodes, time, network }) => {
    const kv = await Deno.openKv(":memory:");
    try {
      const real = createKvMessageStore(kv, "x");
      const node = createStorageNode({
        seed: nodeSeed(0),
        info: nodes[0].info,
        network,
        store: { ...real, put: () => Promise.reject(new Error("database is full")) },
        clock: () => time.now,
      });
      nodes[1].fault = "throw";
      nodes[2].fault = "status";
      const alice = accountIn(SWARM_A);
      const result = await node.handle("store", storeParams(alice, time.now));
      assert.equal(result.status, 500);
      const got = body(result);
      assert.equal(got.hash, undefined);
      assert.deepEqual((got.swarm as Swarm)[nodes[0].info.ed25519], {
        failed: true,
        query_failure: true,
        reason: "database is full",
        t: time.now,
      });
    } finally {
      kv.close();
    }
  });
});

Deno.test("§6.2 an unreachable listed peer is a timeout without waiting", async () => {
  await withNet(async ({ nodes, time, network }) => {
    const alice = accountIn(SWARM_A);
    const lonely = { ...network, peer: () => undefined };
    const kv = await Deno.openKv(":memory:");
    try {
      const node = createStorageNode({
        seed: nodeSeed(0),
        info: nodes[0].info,
        network: lonely,
        store: createKvMessageStore(kv, "y"),
        clock: () => time.now,
      });
      const swarm = body(await node.handle("store", storeParams(alice, time.now))).swarm as Swarm;
      assert.deepEqual(swarm[nodes[1].info.ed25519], { failed: true, timeout: true });
    } finally {
      kv.close();
    }
  });
});

Deno.test("§6.2 stores to other namespaces are kept apart and hashed with the namespace", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const h0 = await put(n.node, alice, time.now, { data: "same" });
    const h2 = await put(n.node, alice, time.now, { namespace: 2, data: "same" });
    assert.notEqual(h0, h2);
    assert.equal(h2, messageHash(alice.pubkey, 2, new TextEncoder().encode("same")));
    assert.deepEqual(await hashesOn(n.node, alice, time.now, 0), [h0]);
    assert.deepEqual(await hashesOn(n.node, alice, time.now, 2), [h2]);
  });
});
