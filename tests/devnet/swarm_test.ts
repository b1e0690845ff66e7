/** Swarms: the real pubkey → swarm mapping, replication inside a swarm, 421 elsewhere, moves. */
import assert from "node:assert/strict";
import { selectSwarm, swarmSpace } from "../../src/devnet/storage/mod.ts";
import { swarmHex } from "../../src/devnet/json.ts";
import { ACCOUNT, retrieveParams, rpc, storeParams, swarmOf, withDevnet } from "./_helpers.ts";

Deno.test("swarms: 9 nodes in 3 swarms by default, ids spread over uint64, round-robin", () =>
  withDevnet({}, async (devnet) => {
    assert.equal(devnet.nodes.length, 9);
    assert.equal(devnet.swarmIds.length, 3);
    devnet.nodes.forEach((n, i) => assert.equal(n.swarmId, devnet.swarmIds[i % 3]));
    const expected = selectSwarm(devnet.swarmIds, swarmSpace(ACCOUNT.sessionId));
    const swarm = await swarmOf(devnet, ACCOUNT.sessionId);
    assert.equal(swarm.id, swarmHex(expected));
    assert.equal(swarm.inside.length, 3);
    assert.ok(swarm.inside.every((n) => n.swarmId === expected));
  }));

Deno.test("swarms: a store replicates to every member; a wrong-swarm node answers 421", () =>
  withDevnet({ nodes: 6, swarms: 2 }, async (devnet) => {
    const swarm = await swarmOf(devnet, ACCOUNT.sessionId);
    const [entry, ...members] = swarm.inside;
    const stored = await rpc(entry, "store", storeParams({ data: "cmVwbGljYQ==" }));
    assert.equal(stored.status, 200, stored.text);
    assert.equal(Object.keys(stored.json.swarm).length, 3);
    for (const member of members) {
      const got = await rpc(member, "retrieve", retrieveParams());
      assert.deepEqual(got.json.messages.map((m: { hash: string }) => m.hash), [stored.json.hash]);
    }

    const wrong = await rpc(swarm.outside[0], "retrieve", retrieveParams());
    assert.equal(wrong.status, 421);
    assert.equal(wrong.json.swarm, swarm.id);
    assert.deepEqual(
      wrong.json.snodes.map((s: { pubkey_ed25519: string }) => s.pubkey_ed25519).sort(),
      swarm.inside.map((n) => n.ed25519).sort(),
    );
    assert.deepEqual(wrong.json.hf, [19, 4]);
    assert.ok(wrong.json.t);
    const wrongStore = await rpc(swarm.outside[1], "store", storeParams());
    assert.equal(wrongStore.status, 421);
  }));

Deno.test("swarms: moving a pubkey's swarm turns old members into 421s and new ones into owners", () =>
  withDevnet({ nodes: 6, swarms: 2 }, async (devnet) => {
    const before = await swarmOf(devnet, ACCOUNT.sessionId);
    const target = devnet.swarmIds.find((id) => swarmHex(id) !== before.id)!;
    devnet.faults.moveSwarm(ACCOUNT.sessionId, target);

    const after = await swarmOf(devnet, ACCOUNT.sessionId);
    assert.equal(after.id, swarmHex(target));
    assert.deepEqual(
      after.inside.map((n) => n.ed25519).sort(),
      before.outside.map((n) => n.ed25519).sort(),
    );
    const old = await rpc(before.inside[0], "retrieve", retrieveParams());
    assert.equal(old.status, 421);
    assert.equal(old.json.swarm, swarmHex(target));
    const stored = await rpc(after.inside[0], "store", storeParams());
    assert.equal(stored.status, 200, stored.text);
    assert.deepEqual(
      Object.keys(stored.json.swarm).sort(),
      after.inside.map((n) => n.ed25519).sort(),
      "replicated inside the new swarm",
    );
    const got = await rpc(after.inside[1], "retrieve", retrieveParams());
    assert.equal(got.json.messages.length, 1);

    devnet.faults.moveSwarm(ACCOUNT.sessionId, undefined);
    assert.equal((await swarmOf(devnet, ACCOUNT.sessionId)).id, before.id);
  }));
