/** Onion path pool: guards, relays, choice per request, failures and rebuilds (core §6.1, §6.8). */
import assert from "node:assert/strict";
import { OnionError } from "../../src/core/errors.ts";
import { chooseGuards, createPathPool, createStrikes, pickRelays } from "../../src/onion/mod.ts";
import { pathFixture, seededRandom, serviceNode } from "./_pool.ts";
import { simNode } from "./_network.ts";

Deno.test("two paths of guard + 2 relays, no node reused; concurrent picks share one build", async () => {
  const f = pathFixture(9);
  const picked = await Promise.all([f.paths.pick(), f.paths.pick(), f.paths.pick()]);
  const paths = f.paths.paths();
  assert.equal(paths.length, 2);
  assert.equal(f.tested.length, 2, "one build, two guard tests");
  const all = paths.flatMap((p) => p.nodes.map((n) => n.ed25519));
  assert.equal(new Set(all).size, 6);
  assert.deepEqual(new Set(paths.map((p) => p.nodes[0])), new Set(f.paths.guards()));
  for (const p of picked) assert.ok(paths.some((q) => q.id === p.id));
});

Deno.test("a path avoids the destination when another path exists", async () => {
  const f = pathFixture(9);
  await f.paths.pick();
  for (const path of f.paths.paths()) {
    for (const node of path.nodes) {
      const chosen = await f.paths.pick({ exclude: node.ed25519 });
      assert.ok(!chosen.nodes.includes(node));
    }
  }
});

Deno.test("guard candidates that do not answer are skipped; none at all is OnionError no_guard", async () => {
  const f = pathFixture(9, { failGuard: (node) => node.port % 2 === 0 });
  await f.paths.pick();
  assert.ok(f.paths.guards().every((g) => g.port % 2 === 1));
  const none = pathFixture(9, { failGuard: () => true });
  await assert.rejects(none.paths.pick(), (e) => e instanceof OnionError && e.code === "no_guard");
  assert.ok(none.tested.length <= 12, "at most 6 rounds of 2 candidates");
  const tiny = pathFixture(2);
  await assert.rejects(
    tiny.paths.pick(),
    (e) => e instanceof OnionError && e.code === "not_enough_nodes",
  );
});

Deno.test("path failures strike relays; the third drops the guard and the path is rebuilt", async () => {
  const f = pathFixture(12);
  const path = await f.paths.pick();
  const [guard, ...relays] = path.nodes;
  f.paths.failed(path, "timeout");
  f.paths.failed(path, "timeout");
  assert.deepEqual(relays.map((r) => f.strikes.count(r.ed25519)), [2, 2]);
  assert.equal(f.paths.paths().find((p) => p.id === path.id)?.failures, 2);
  f.paths.failed(path, "timeout");
  // The third strike drops the relays too; the guard goes for its path's third failure.
  assert.deepEqual(new Set(f.dropped), new Set([guard, ...relays].map((n) => n.ed25519)));
  assert.ok(!f.paths.paths().some((p) => p.id === path.id));
  await f.paths.pick();
  assert.equal(f.paths.paths().length, 2);
  assert.ok(!f.paths.guards().includes(guard));
});

Deno.test("a failure pinned on one hop strikes that node only and rebuilds the path now", async () => {
  const f = pathFixture(12);
  const path = await f.paths.pick();
  const [guard, relay1, relay2] = path.nodes;
  f.paths.failed(path, "Snode not ready", 2);
  assert.deepEqual([relay1, relay2].map((n) => f.strikes.count(n.ed25519)), [0, 1]);
  assert.equal(f.paths.paths().length, 1);
  await f.paths.pick();
  assert.equal(f.paths.paths().length, 2);
  assert.ok(f.paths.guards().includes(guard), "a relay's fault keeps the guard");
  const again = f.paths.paths().find((p) => p.nodes[0] === guard)!;
  f.paths.failed(again, "refused", 0);
  await f.paths.pick();
  assert.ok(!f.paths.guards().includes(guard), "a guard's own fault replaces it");
  assert.equal(f.strikes.count(guard.ed25519), 1);
});

Deno.test("suspects are kept off paths: paths through them are rebuilt when nothing else is left", async () => {
  const f = pathFixture(12);
  await f.paths.pick();
  const [p1, p2] = f.paths.paths();
  const suspect = p2.nodes[1].ed25519;
  // The destination is p1's guard, so only p2 is usable, and it runs through the suspect.
  const chosen = await f.paths.pick({ exclude: p1.nodes[0].ed25519, avoid: new Set([suspect]) });
  assert.ok(!chosen.nodes.some((n) => n.ed25519 === suspect || n === p1.nodes[0]));
  assert.ok(!f.paths.paths().some((p) => p.id === p2.id), "the tainted path was rebuilt");
  assert.equal(f.paths.paths().length, 2);
  assert.ok(f.paths.guards().includes(p2.nodes[0]), "its guard stays");
  // With a clean path available nothing is rebuilt.
  const before = f.paths.paths().map((p) => p.id);
  await f.paths.pick({ avoid: new Set([p1.nodes[2].ed25519]) });
  assert.deepEqual(f.paths.paths().map((p) => p.id), before);
});

Deno.test("a success clears the failure count; picks prefer the path with fewest failures", async () => {
  const f = pathFixture(9);
  const first = await f.paths.pick();
  f.paths.failed(first, "bad reply");
  for (let i = 0; i < 5; i++) assert.notEqual((await f.paths.pick()).id, first.id);
  f.paths.succeeded(first);
  assert.equal(f.paths.paths().find((p) => p.id === first.id)?.failures, 0);
});

Deno.test("dropping a node removes its paths; the next pick rebuilds", async () => {
  const f = pathFixture(9);
  await f.paths.pick();
  const relay = f.paths.paths()[0].nodes[2];
  f.strikes.drop(relay.ed25519, "Next node not found");
  assert.equal(f.paths.paths().length, 1);
  await f.paths.pick();
  assert.equal(f.paths.paths().length, 2);
  assert.ok(!f.paths.paths().some((p) => p.nodes.includes(relay)));
});

Deno.test("relays prefer distinct /24 subnets, and yield when there is no choice", () => {
  const guard = serviceNode(simNode(), 0, "10.0.0.1");
  const same = [1, 2, 3].map((i) => serviceNode(simNode(), i, `10.0.0.${i + 1}`));
  const other = [serviceNode(simNode(), 4, "10.0.9.1"), serviceNode(simNode(), 5, "10.0.8.1")];
  for (let seed = 1; seed < 20; seed++) {
    const relays = pickRelays(guard, [...same, ...other], 2, seededRandom(seed))!;
    assert.deepEqual(new Set(relays), new Set(other));
  }
  assert.equal(pickRelays(guard, same, 2, Math.random)?.length, 2); // all one subnet: fine
  assert.equal(pickRelays(guard, same.slice(0, 1), 2, Math.random), undefined);
});

Deno.test("guards in use are kept without a new test while they stay in the pool", async () => {
  const pool = [0, 1, 2, 3].map((i) => serviceNode(simNode(), i));
  let tests = 0;
  const test = () => (tests++, Promise.resolve(true));
  const first = await chooseGuards({ pool, current: [], count: 2, test, random: Math.random });
  const again = await chooseGuards({ pool, current: first, count: 2, test, random: Math.random });
  assert.deepEqual([again, tests], [first, 2]);
  const replaced = await chooseGuards({
    pool: pool.filter((n) => n !== first[0]),
    current: first,
    count: 2,
    test,
    random: Math.random,
  });
  assert.ok(replaced.includes(first[1]) && !replaced.includes(first[0]) && tests === 3);
});

Deno.test("hop counts are checked", () => {
  const strikes = createStrikes({ onDrop: () => {} });
  assert.throws(
    () =>
      createPathPool({
        nodes: () => Promise.resolve([]),
        testGuard: () => Promise.resolve(true),
        strikes,
        hops: 0,
      }),
    RangeError,
  );
  assert.throws(() => createStrikes({ threshold: 0, onDrop: () => {} }), RangeError);
});
