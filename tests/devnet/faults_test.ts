/** Fault injection: each kind, from the API and from the CLI (control endpoint). */
import assert from "node:assert/strict";
import { NetworkError } from "../../src/core/errors.ts";
import { buildOnionRequest, snodeFetch, snodePayload } from "../../src/onion/mod.ts";
import {
  ACCOUNT,
  faultCli,
  post,
  retrieveParams,
  rpc,
  storeParams,
  swarmOf,
  viaOnion,
  withDevnet,
} from "./_helpers.ts";

const FAST = { peerMs: 300, relayMs: 300, dropHoldMs: 2000 };

Deno.test("faults: forced statuses 421/406/500/503, direct and through the onion", () =>
  withDevnet({ nodes: 3, swarms: 1 }, async (devnet) => {
    const [a, b, c] = devnet.nodes;
    a.faults.status(421);
    const wrong = await rpc(a, "retrieve", retrieveParams());
    assert.equal(wrong.status, 421);
    assert.equal(wrong.json.snodes.length, 3);
    a.faults.status(406);
    assert.deepEqual(
      await rpc(a, "info", {}).then((r) => [r.status, r.text]),
      [406, "Timestamp error: check your clock"],
    );
    a.faults.status(500);
    assert.equal((await rpc(a, "info", {})).status, 500);
    const viaOnion500 = await viaOnion([b, c], a, { method: "info", params: {} });
    assert.equal(viaOnion500.status, 500, "the destination's status arrives inside the reply");
    a.faults.status(503);
    const notReady = await rpc(a, "info", {});
    assert.equal(notReady.status, 503);
    assert.match(notReady.text, /^Service node is not ready: /);
    assert.equal((await post(`${a.url}/onion_req/v2`, new Uint8Array(8))).status, 503);
    const relayed = await post(`${b.url}/onion_req/v2`, relayTo(b, a));
    assert.deepEqual([relayed.status, relayed.text], [503, `Snode not ready: ${a.ed25519}`]);
    a.faults.status(undefined);
    assert.equal((await rpc(a, "info", {})).status, 200);
  }));

Deno.test("faults: latency delays, drop never answers, skew moves the clock", () =>
  withDevnet({ nodes: 3, swarms: 1, timeouts: FAST }, async (devnet) => {
    const [a, b] = devnet.nodes;
    a.faults.latency(250);
    const started = performance.now();
    assert.equal((await rpc(a, "info", {})).status, 200);
    assert.ok(performance.now() - started >= 240);
    a.faults.latency(0);

    a.faults.drop(1);
    await assert.rejects(
      snodeFetch(`${a.url}/storage_rpc/v1`, '{"method":"info","params":{}}', { timeoutMs: 300 }),
      (e) => e instanceof NetworkError && e.code === "timeout",
    );
    const relayed = await post(`${b.url}/onion_req/v2`, relayTo(b, a));
    assert.deepEqual([relayed.status, relayed.text], [504, "Request time out"]);
    const store = await rpc(b, "store", storeParams());
    assert.deepEqual(store.json.swarm[a.ed25519], { failed: true, timeout: true });
    a.faults.drop(0);

    a.faults.skew(300_000);
    const info = await rpc(a, "info", {});
    assert.ok(info.json.timestamp - Date.now() > 290_000);
    assert.equal((await rpc(a, "retrieve", retrieveParams())).status, 406);
    assert.equal((await rpc(a, "store", storeParams())).status, 406);
    a.faults.skew(0);
    assert.equal((await rpc(a, "retrieve", retrieveParams())).status, 200);
  }));

Deno.test("faults: stop closes the port, peers time out, start reopens it", () =>
  withDevnet({ nodes: 3, swarms: 1, timeouts: FAST }, async (devnet) => {
    const [a, b] = devnet.nodes;
    await a.faults.stop();
    await assert.rejects(
      snodeFetch(`${a.url}/storage_rpc/v1`, "{}", { timeoutMs: 2000 }),
      (e) => e instanceof NetworkError && e.code === "connection_failed",
    );
    const store = await rpc(b, "store", storeParams());
    assert.equal(store.status, 200);
    assert.deepEqual(store.json.swarm[a.ed25519], { failed: true, timeout: true });
    const relayed = await post(`${b.url}/onion_req/v2`, relayTo(b, a));
    assert.equal(relayed.status, 504);
    await a.faults.start();
    assert.equal((await rpc(a, "info", {})).status, 200);
    assert.equal(a.faults.get().stopped, undefined);
  }));

Deno.test("faults from the CLI: devnet fault talks to the running devnet", () =>
  withDevnet({ nodes: 3, swarms: 1 }, async (devnet) => {
    const cli = faultCli(devnet);
    const set = await cli("--node", "1", "--status", "503", "--latency", "10", "--json");
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(JSON.parse(set.stdout).nodes[1].faults, { status: 503, latencyMs: 10 });
    assert.equal((await rpc(devnet.nodes[1], "info", {})).status, 503);

    const byKey = await cli("--node", devnet.nodes[2].ed25519, "--skew", "5000");
    assert.equal(byKey.code, 0, byKey.stderr);
    assert.match(byKey.stdout, /skewMs=5000/);

    const swarm = await swarmOf(devnet, ACCOUNT.sessionId);
    const move = await cli("--move", ACCOUNT.sessionId, "--to-swarm", "0", "--json");
    assert.equal(JSON.parse(move.stdout).moves[ACCOUNT.sessionId], swarm.id);

    const stop = await cli("--node", "0", "--stop");
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(devnet.nodes[0].faults.get().stopped, true);
    const reset = await cli("--clear");
    assert.equal(reset.code, 0);
    assert.deepEqual(devnet.nodes.map((n) => n.faults.get()), [{}, {}, {}]);
    assert.equal((await rpc(devnet.nodes[0], "info", {})).status, 200);

    const bad = await cli("--node", "1", "--status", "404");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /421, 406, 500, 503/);
    const unknown = await cli("--node", "99", "--drop", "0.5");
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no devnet node 99/);
    const report = await cli();
    assert.equal(report.code, 0);
    assert.match(report.stdout, /^Faults:/);
  }));

type Hop = { ed25519: string; x25519: string };

/** A request for `entry` that relays an `info` RPC to `target`. */
function relayTo(entry: Hop, target: Hop): Uint8Array {
  return buildOnionRequest({
    path: [entry],
    destination: { kind: "snode", ...target },
    payload: snodePayload({ method: "info", params: {} }),
  }).body;
}
