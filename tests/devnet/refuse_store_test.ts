/**
 * The store-refusal fault: `store` is refused (direct, as an onion destination, in a batch, as a
 * swarm peer) while other methods and onion relaying keep working; from the API and the CLI.
 */
import assert from "node:assert/strict";
import { ValidationError } from "../../src/core/errors.ts";
import {
  faultCli,
  retrieveParams,
  rpc,
  sign,
  storeParams,
  viaOnion,
  withDevnet,
} from "./_helpers.ts";

const FAST = { peerMs: 300, relayMs: 300, dropHoldMs: 2000 };

/** How many messages `node` holds for the test account. */
async function held(node: { url: string }): Promise<number> {
  const reply = await rpc(node, "retrieve", retrieveParams());
  assert.equal(reply.status, 200, reply.text);
  return reply.json.messages.length;
}

Deno.test("refuseStore: store refused everywhere it reaches the node, nothing else is", () =>
  withDevnet({ nodes: 3, swarms: 1, timeouts: FAST }, async (devnet) => {
    const [a, b, c] = devnet.nodes;
    a.faults.refuseStore(400, "disk full");
    assert.deepEqual(a.faults.get(), { refuseStore: { status: 400, text: "disk full" } });

    const direct = await rpc(a, "store", storeParams());
    assert.deepEqual([direct.status, direct.text], [400, "disk full"]);
    const onion = await viaOnion([b, c], a, { method: "store", params: storeParams() });
    assert.deepEqual([onion.status, onion.body], [400, "disk full"]);
    const batch = await rpc(a, "batch", {
      requests: [
        { method: "store", params: storeParams() },
        { method: "retrieve", params: retrieveParams() },
      ],
    });
    assert.equal(batch.status, 200);
    assert.deepEqual(batch.json.results[0], { code: 400, body: "disk full" });
    assert.equal(batch.json.results[1].code, 200, "other subrequests still run");
    assert.deepEqual([await held(a), await held(b), await held(c)], [0, 0, 0], "nothing stored");

    // Validation still comes first, as in the real server: a bad signature stays 401.
    const private5 = storeParams({ namespace: 5 });
    const forged = await rpc(a, "store", { ...private5, signature: sign("store50") });
    assert.deepEqual([forged.status, forged.text], [401, "store signature verification failed"]);
    // Other methods and onion relaying through the refusing node keep working.
    assert.equal((await rpc(a, "info", {})).status, 200);
    const relayed = await viaOnion([a, b], c, { method: "store", params: storeParams() });
    assert.equal(relayed.status, 200, "a relays; c stores");
    const swarm = (relayed.body as { swarm: Record<string, unknown> }).swarm;
    assert.deepEqual(swarm[a.ed25519], { failed: true, code: "400", reason: "disk full" });
    assert.ok("hash" in (swarm[b.ed25519] as object) && "hash" in (swarm[c.ed25519] as object));
    assert.deepEqual([await held(a), await held(b), await held(c)], [0, 1, 1]);

    a.faults.clear();
    assert.deepEqual(a.faults.get(), {});
    assert.equal((await rpc(a, "store", storeParams())).status, 200);
    assert.equal(await held(a), 1);
  }));

Deno.test("refuseStore on every node: default 500, validated, acceptStore and reset undo it", () =>
  withDevnet({ nodes: 3, swarms: 1 }, async (devnet) => {
    const [a, b] = devnet.nodes;
    devnet.faults.refuseStore();
    for (const node of devnet.nodes) {
      assert.deepEqual(node.faults.get().refuseStore, { status: 500, text: "request failed" });
    }
    const refused = await rpc(b, "store", storeParams());
    assert.deepEqual([refused.status, refused.text], [500, "request failed"]);
    assert.equal((await rpc(b, "retrieve", retrieveParams())).status, 200);

    assert.throws(() => devnet.faults.refuseStore(421), ValidationError);
    assert.throws(() => a.faults.refuseStore(200), /400, 401, 403, 406, 500, 503/);
    assert.equal(a.faults.get().refuseStore?.status, 500, "a bad status changes nothing");

    devnet.faults.acceptStore();
    assert.equal((await rpc(b, "store", storeParams())).status, 200);
    a.faults.refuseStore(503);
    assert.match((await rpc(a, "store", storeParams())).text, /^Service node is not ready: /);
    await devnet.faults.reset();
    assert.equal((await rpc(a, "store", storeParams())).status, 200);
  }));

Deno.test("refuseStore from the CLI: devnet fault --refuse-store [STATUS]", () =>
  withDevnet({ nodes: 3, swarms: 1 }, async (devnet) => {
    const cli = faultCli(devnet);
    const one = await cli("--node", "1", "--refuse-store", "406", "--json");
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(JSON.parse(one.stdout).nodes[1].faults, {
      refuseStore: { status: 406, text: "Timestamp error: check your clock" },
    });
    assert.equal((await rpc(devnet.nodes[1], "store", storeParams())).status, 406);
    assert.equal((await rpc(devnet.nodes[0], "store", storeParams())).status, 200);

    const all = await cli("--refuse-store");
    assert.equal(all.code, 0, all.stderr);
    assert.equal(all.stdout.match(/refuseStore=500\("request failed"\)/g)?.length, 3);

    const back = await cli("--node", "1", "--refuse-store", "0", "--latency", "5");
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(devnet.nodes[1].faults.get(), { latencyMs: 5 });
    assert.equal((await rpc(devnet.nodes[1], "store", storeParams())).status, 200);

    const bad = await cli("--node", "0", "--refuse-store", "404");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /400, 401, 403, 406, 500, 503/);
    const notNumber = await cli("--node", "0", "--refuse-store", "soon");
    assert.equal(notNumber.code, 2);
    assert.match(notNumber.stderr, /--refuse-store expects a status code/);
    const stray = await cli("--node", "0", "500");
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /unexpected argument "500"/);

    assert.equal((await cli("--clear")).code, 0);
    assert.deepEqual(devnet.nodes.map((n) => n.faults.get()), [{}, {}, {}]);
  }));
