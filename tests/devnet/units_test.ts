import assert from "node:assert/strict";
import { fromHex } from "../../src/core/bytes.ts";
import { ed25519ToX25519PublicKey } from "../../src/crypto/x25519.ts";
import { devnetConfig } from "../../src/devnet/config.ts";
import { checkFaults, createNodeFaults } from "../../src/devnet/faults/mod.ts";
import { stringifyJson } from "../../src/devnet/json.ts";
import { keysFromSeed } from "../../src/devnet/keys.ts";
import { deriveSeed, loadLayout, spreadSwarmIds } from "../../src/devnet/layout.ts";
import { createRateLimiter } from "../../src/devnet/node/rate_limit.ts";
import { openState } from "../../src/devnet/state.ts";

Deno.test("layout: swarm ids spread evenly over uint64, nodes round-robin, persisted", async () => {
  assert.deepEqual(spreadSwarmIds(2), [1n << 62n, 3n << 62n]);
  const ids = spreadSwarmIds(3);
  assert.ok(ids.every((id) => id > 0n && id < (1n << 64n) - 1n));
  const state = await openState();
  try {
    const first = await loadLayout(state.kv, { nodes: 5, swarms: 3 });
    assert.deepEqual(first.assignment, [ids[0], ids[1], ids[2], ids[0], ids[1]]);
    const again = await loadLayout(state.kv, { nodes: 7, swarms: 3 });
    assert.deepEqual(again.master, first.master);
    assert.deepEqual(again.assignment.slice(0, 5), first.assignment);
    assert.equal(again.assignment[6], ids[0]);
    await assert.rejects(
      loadLayout(state.kv, { nodes: 1, swarms: 1, secret: new Uint8Array(32).fill(9) }),
      /another secret/,
    );
  } finally {
    state.close();
  }
});

Deno.test("keys: node X25519 is the Ed25519 key's curve form; seeds are per purpose", () => {
  const master = new Uint8Array(32).fill(1);
  const a = keysFromSeed(deriveSeed(master, "node/0"));
  const b = keysFromSeed(deriveSeed(master, "node/1"));
  assert.notEqual(a.ed25519Hex, b.ed25519Hex);
  assert.deepEqual(ed25519ToX25519PublicKey(fromHex(a.ed25519Hex)), fromHex(a.x25519Hex));
  assert.equal(keysFromSeed(deriveSeed(master, "node/0")).ed25519Hex, a.ed25519Hex);
});

Deno.test("config: defaults 9 nodes / 3 swarms; friendly errors", () => {
  const c = devnetConfig();
  assert.equal(c.nodes, 9);
  assert.equal(c.swarms, 3);
  assert.throws(() => devnetConfig({ nodes: 2, swarms: 3 }), /every swarm needs a node/);
  assert.throws(() => devnetConfig({ port: 65530 }), /room for 12 ports/);
});

Deno.test("rate limiter: burst then refill per second", () => {
  let now = 0;
  const limiter = createRateLimiter({ burst: 3, perSecond: 2 }, () => now);
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.allow("a")), [true, true, true, false]);
  assert.equal(limiter.allow("b"), true);
  now = 500;
  assert.equal(limiter.allow("a"), true);
  assert.equal(limiter.allow("a"), false);
});

Deno.test("faults: latency, drop, status, skew; bad values are named", async () => {
  let r = 0.5;
  const faults = createNodeFaults(() => r);
  faults.set({ drop: 0.4, status: 503, skewMs: 1000 });
  assert.equal((await faults.admit()).kind, "status");
  r = 0.1;
  assert.equal((await faults.admit()).kind, "drop");
  assert.ok(Math.abs(faults.now() - Date.now() - 1000) < 50);
  faults.set({ latencyMs: 30, drop: undefined, status: undefined });
  const t = performance.now();
  assert.equal((await faults.admit()).kind, "pass");
  assert.ok(performance.now() - t >= 25);
  faults.clear();
  assert.deepEqual(faults.get(), {});
  assert.throws(() => checkFaults({ status: 404 }), /421, 406, 500, 503/);
  assert.throws(() => checkFaults({ drop: 2 }), /0\.\.1/);
});

Deno.test("json: 64-bit integers are written exactly", () => {
  assert.equal(
    stringifyJson({ id: 18446744073709551614n, x: [1n] }),
    '{"id":18446744073709551614,"x":[1]}',
  );
});
