/** The snode pool: seeds, refresh from nodes with agreement, drops (core §5.2). */
import assert from "node:assert/strict";
import { createSnodePool } from "../../../src/client/network/mod.ts";
import { NetworkError } from "../../../src/core/errors.ts";
import type { ServiceNode } from "../../../src/onion/mod.ts";
import { fakeNodes, seededRandom } from "./_fixtures.ts";

Deno.test("the pool fills from the seeds and refills at 8 nodes or fewer", async () => {
  let clock = 0;
  let seeded = 0;
  const nodes = fakeNodes(10);
  const pool = createSnodePool({
    fromSeeds: () => (seeded++, Promise.resolve(nodes)),
    random: seededRandom(),
    now: () => clock,
  });
  assert.equal((await pool.ensure()).length, 10);
  assert.equal(seeded, 1);
  pool.drop(nodes[0].ed25519);
  await pool.ensure();
  assert.equal(seeded, 1); // 9 left
  pool.drop(nodes[1].ed25519);
  assert.equal(pool.nodes().length, 8);
  clock += 31_000;
  assert.equal((await pool.ensure()).length, 10); // refilled
  assert.equal(seeded, 2);
});

Deno.test("refresh from 3 nodes needs 24 nodes in common, else the seeds", async () => {
  let clock = 0;
  const big = fakeNodes(30);
  const lists = new Map<string, ServiceNode[]>();
  let seeded = 0;
  const refreshed: number[] = [];
  const pool = createSnodePool({
    fromSeeds: () => (seeded++, Promise.resolve(big)),
    fromNode: (node) => Promise.resolve(lists.get(node.ed25519) ?? big.slice(0, 26)),
    onRefresh: (list) => refreshed.push(list.length),
    random: seededRandom(),
    now: () => clock,
    refreshMs: 1000,
  });
  await pool.ensure();
  clock += 2000;
  await pool.ensure(); // every node lists the same 26: accepted
  assert.deepEqual([seeded, pool.nodes().length], [1, 26]);
  for (const node of big.slice(0, 26)) lists.set(node.ed25519, big.slice(0, 10));
  clock += 2000;
  await pool.ensure(); // 10 in common < 24: back to the seeds
  assert.deepEqual([seeded, pool.nodes().length], [2, 30]);
  assert.deepEqual(refreshed, [30, 26, 30]);
});

Deno.test("a failing refresh keeps the stale pool; an empty pool reports the seed error", async () => {
  let clock = 0;
  let fail = false;
  const pool = createSnodePool({
    fromSeeds: () =>
      fail
        ? Promise.reject(new NetworkError("no seed", "seed_unreachable"))
        : Promise.resolve(fakeNodes(5)),
    random: seededRandom(),
    now: () => clock,
  });
  await pool.ensure();
  fail = true;
  clock += 31_000;
  assert.equal((await pool.ensure()).length, 5);
  const empty = createSnodePool({
    fromSeeds: () => Promise.reject(new NetworkError("no seed", "seed_unreachable")),
    random: seededRandom(),
  });
  await assert.rejects(
    empty.ensure(),
    (e) => e instanceof NetworkError && e.code === "seed_unreachable",
  );
});
