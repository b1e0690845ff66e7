// storage-server.md §6.3: `retrieve` — auth rules, clock window, last_hash, budgets, `more`,
// response shape, ordering and expiry.
import assert from "node:assert/strict";
import { toBase64 } from "../../../src/core/mod.ts";
import {
  accountIn,
  body,
  hashesOn,
  put,
  retrieveParams,
  storeParams,
  SWARM_A,
  withNet,
} from "./_helpers.ts";

const bad = (message: string) => ({ status: 400, text: `invalid request: ${message}` });
type Message = { hash: string; timestamp: number; expiration: number; data: string };

Deno.test("§6.3 namespace omitted and no signature → 401 `retrieve: request signature required`", async () => {
  await withNet(async ({ nodes: [n] }) => {
    const alice = accountIn(SWARM_A);
    assert.deepEqual(await n.node.handle("retrieve", { pubkey: alice.pubkey }), {
      status: 401,
      text: "retrieve: request signature required",
    });
  });
});

Deno.test("§6.3 an explicit namespace needing auth, or any auth field, demands `signature`", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const missing = bad("Required field 'signature' missing");
    for (
      const params of [
        { pubkey: alice.pubkey, namespace: 0 },
        { pubkey: alice.pubkey, namespace: 2 },
        { pubkey: alice.pubkey, timestamp: time.now },
        { pubkey: alice.pubkey, pubkey_ed25519: alice.ed25519 },
      ]
    ) {
      assert.deepEqual(await n.node.handle("retrieve", params), missing, JSON.stringify(params));
    }
  });
});

Deno.test("§6.3 timestamp outside ±60 s → 406", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    for (const offset of [60_001, -60_001]) {
      const params = retrieveParams(alice, time.now + offset);
      assert.deepEqual(await n.node.handle("retrieve", params), {
        status: 406,
        text: "retrieve timestamp too far from current time",
      });
    }
    for (const offset of [60_000, -60_000]) {
      assert.equal(
        (await n.node.handle("retrieve", retrieveParams(alice, time.now + offset))).status,
        200,
      );
    }
  });
});

Deno.test("§6.3 signature over `retrieve ‖ ns ‖ timestamp`; a wrong one → 401", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const now = time.now;
    const ns2 = { ...alice.auth(`retrieve2${now}`), timestamp: now, namespace: 2 };
    assert.equal((await n.node.handle("retrieve", ns2)).status, 200);
    const ns0Explicit = { ...alice.auth(`retrieve${now}`), timestamp: now, namespace: 0 };
    assert.equal((await n.node.handle("retrieve", ns0Explicit)).status, 200);
    const wrong = { ...alice.auth(`retrieve0${now}`), timestamp: now, namespace: 0 };
    assert.deepEqual(await n.node.handle("retrieve", wrong), {
      status: 401,
      text: "retrieve signature verification failed",
    });
  });
});

Deno.test("§6.3 response shape: messages with `expiration`, `more`, `t`, `hf`", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hash = await put(n.node, alice, time.now - 5_000, { data: "hi", ttl: 60_000 });
    time.now += 1_000;
    const got = body(await n.node.handle("retrieve", retrieveParams(alice, time.now)));
    assert.deepEqual(got, {
      hf: [19, 4],
      messages: [{
        data: toBase64(new TextEncoder().encode("hi")),
        expiration: time.now - 1_000 - 5_000 + 60_000,
        hash,
        timestamp: time.now - 1_000 - 5_000,
      }],
      more: false,
      t: time.now,
    });
  });
});

Deno.test("§6.3 messages come in storage order; last_hash pages; unknown/empty = start", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hashes = [];
    for (const data of ["c", "a", "b", "z", "y"]) {
      hashes.push(await put(n.node, alice, time.now, { data }));
    }
    assert.deepEqual(await hashesOn(n.node, alice, time.now), hashes);
    const after = async (extra: Record<string, unknown>) =>
      (body(await n.node.handle("retrieve", retrieveParams(alice, time.now, extra)))
        .messages as Message[])
        .map((m) => m.hash);
    assert.deepEqual(await after({ last_hash: hashes[1] }), hashes.slice(2));
    assert.deepEqual(await after({ lastHash: hashes[3] }), hashes.slice(4));
    assert.deepEqual(await after({ last_hash: hashes[4] }), []);
    assert.deepEqual(await after({ last_hash: "A".repeat(43) }), hashes);
    assert.deepEqual(await after({ last_hash: "" }), hashes);
    assert.deepEqual(await after({ last_hash: null }), hashes);
    assert.deepEqual(
      await n.node.handle(
        "retrieve",
        retrieveParams(alice, time.now, { last_hash: "", lastHash: "" }),
      ),
      bad("Cannot specify both 'last_hash' and 'lastHash'"),
    );
  });
});

Deno.test("§6.3 a last_hash from another namespace counts as unknown", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const a = await put(n.node, alice, time.now, { data: "a" });
    const other = await put(n.node, alice, time.now, { namespace: 2, data: "x" });
    const got = body(
      await n.node.handle("retrieve", retrieveParams(alice, time.now, { last_hash: other })),
    ).messages as Message[];
    assert.deepEqual(got.map((m) => m.hash), [a]);
  });
});

Deno.test("§6.3 max_count limits and sets `more`; 0 means unset; −1 returns nothing", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hashes = [];
    for (let i = 0; i < 5; i++) hashes.push(await put(n.node, alice, time.now, { data: `m${i}` }));
    const page = async (extra: Record<string, unknown>) =>
      body(await n.node.handle("retrieve", retrieveParams(alice, time.now, extra)));
    const two = await page({ max_count: 2 });
    assert.deepEqual((two.messages as Message[]).map((m) => m.hash), hashes.slice(0, 2));
    assert.equal(two.more, true);
    const five = await page({ max_count: 5 });
    assert.equal((five.messages as Message[]).length, 5);
    assert.equal(five.more, false);
    assert.equal(((await page({ max_count: 0 })).messages as Message[]).length, 5);
    // The C++ count is unsigned: −1 wraps so that its SQL `LIMIT n+1` is 0.
    assert.deepEqual(await page({ max_count: -1 }), {
      hf: [19, 4],
      messages: [],
      more: false,
      t: time.now,
    });
    assert.equal(((await page({ max_count: -2 })).messages as Message[]).length, 5);
  });
});

Deno.test("§6.3 max_size: −n is 7,800,000/n bytes; positive bytes; at least one message", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const blob = (i: number) => toBase64(new Uint8Array(60_000).fill(i));
    const hashes = [];
    for (let i = 0; i < 4; i++) {
      hashes.push(
        body(await n.node.handle("store", { ...storeParams(alice, time.now), data: blob(i) })).hash,
      );
    }
    // Each message costs 100 + 43 + 80,000 = 80,143 bytes of budget.
    const page = async (extra: Record<string, unknown>) => {
      const got = body(await n.node.handle("retrieve", retrieveParams(alice, time.now, extra)));
      return [(got.messages as Message[]).length, got.more];
    };
    assert.deepEqual(await page({ max_size: 80_143 }), [1, true]);
    assert.deepEqual(await page({ max_size: 160_286 }), [2, true]);
    assert.deepEqual(await page({ max_size: 160_285 }), [1, true]);
    assert.deepEqual(await page({ max_size: 1 }), [1, true], "at least one message");
    assert.deepEqual(await page({ max_size: -48 }), [2, true], "7,800,000/48 = 162,500");
    assert.deepEqual(await page({ max_size: -100 }), [1, true], "78,000 < one message");
    assert.deepEqual(await page({}), [4, false], "default −5: 1,560,000");
    assert.deepEqual(await page({ max_count: 3, max_size: 0 }), [3, true]);
    assert.deepEqual(await page({ max_count: 3, max_size: 100_000 }), [1, true]);
  });
});

Deno.test("§6.3 expired messages are invisible, then purged", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const short = await put(n.node, alice, time.now, { data: "short", ttl: 10_000 });
    const long = await put(n.node, alice, time.now, { data: "long", ttl: 60_000 });
    assert.deepEqual(await hashesOn(n.node, alice, time.now), [short, long]);
    time.now += 10_000;
    assert.deepEqual(await hashesOn(n.node, alice, time.now), [long]);
    assert.equal(await n.store.purgeExpired(time.now), 1);
    assert.equal(await n.store.countMessages(time.now - 10_000), 1);
    time.now += 50_000;
    assert.deepEqual(await hashesOn(n.node, alice, time.now), []);
  });
});

Deno.test("§6.3 a node with a skewed clock judges windows and expiry by its own clock", async () => {
  await withNet(async ({ nodes: [n, n1], time }) => {
    const alice = accountIn(SWARM_A);
    await put(n.node, alice, time.now, { ttl: 30_000 });
    n1.skew = 45_000; // n1 believes the message has expired
    assert.deepEqual(await hashesOn(n1.node, alice, time.now + 45_000), []);
    assert.equal((await hashesOn(n.node, alice, time.now)).length, 1);
    const stale = await n1.node.handle("retrieve", retrieveParams(alice, time.now - 20_000));
    assert.equal(stale.status, 406);
  });
});
