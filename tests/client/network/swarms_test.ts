/** The swarm cache: per pubkey, 421 replacement, drops (core §5.3). */
import assert from "node:assert/strict";
import { createSwarmCache } from "../../../src/client/network/mod.ts";
import type { ServiceNode } from "../../../src/onion/mod.ts";
import { fakeNodes, seededRandom } from "./_fixtures.ts";

const PK = "05" + "11".repeat(32);

function cache(answer: () => ServiceNode[], now = () => 0) {
  const asked: string[] = [];
  const swarms = createSwarmCache({
    fetch: (pubkey) => {
      asked.push(pubkey);
      return Promise.resolve(answer());
    },
    random: seededRandom(),
    now,
  });
  return { swarms, asked };
}

Deno.test("a swarm is fetched once per pubkey (concurrent gets share the fetch)", async () => {
  const members = fakeNodes(3);
  const { swarms, asked } = cache(() => members);
  const [a, b] = await Promise.all([swarms.get(PK), swarms.get(PK)]);
  assert.equal(asked.length, 1);
  assert.deepEqual(new Set(a), new Set(members));
  assert.deepEqual(new Set(b), new Set(members));
  await swarms.get(PK);
  assert.equal(asked.length, 1);
});

Deno.test("a 421 replaces the cached swarm", async () => {
  const { swarms, asked } = cache(() => fakeNodes(3));
  await swarms.get(PK);
  const moved = fakeNodes(3, 10);
  swarms.replace(PK, moved);
  assert.deepEqual(new Set(await swarms.get(PK)), new Set(moved));
  assert.equal(asked.length, 1);
});

Deno.test("dropped nodes leave every entry; a thin entry is refetched after a minute", async () => {
  let clock = 0;
  const members = fakeNodes(3);
  const { swarms, asked } = cache(() => members, () => clock);
  await swarms.get(PK);
  swarms.dropNode(members[0].ed25519);
  assert.equal(swarms.peek(PK)?.length, 2);
  await swarms.get(PK); // 2 members, fresh: still used
  assert.equal(asked.length, 1);
  clock += 61_000;
  const again = await swarms.get(PK);
  assert.equal(asked.length, 2);
  // The refetched list names the dropped node again; it stays out.
  assert.deepEqual(
    new Set(again.map((n) => n.ed25519)),
    new Set(members.slice(1).map((n) => n.ed25519)),
  );
  swarms.prune(members); // a pool refresh forgives
  swarms.replace(PK, members);
  assert.equal(swarms.peek(PK)?.length, 3);
});

Deno.test("removeMember and prune keep only pool members", async () => {
  const members = fakeNodes(4);
  const { swarms } = cache(() => members);
  await swarms.get(PK);
  swarms.removeMember(PK, members[1].ed25519);
  swarms.prune(members.slice(2));
  assert.deepEqual(new Set(swarms.peek(PK)), new Set(members.slice(2)));
});
