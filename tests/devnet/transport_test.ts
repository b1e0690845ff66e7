/** storage-server.md §5: the transport rules, over real HTTPS. */
import assert from "node:assert/strict";
import { SnodeAgent } from "../../src/onion/mod.ts";
import { post, retrieveParams, rpc, storeParams, withDevnet } from "./_helpers.ts";

Deno.test("§5 transport rules over HTTPS", () =>
  withDevnet({ nodes: 2, swarms: 1 }, async (devnet) => {
    const node = devnet.nodes[0];
    const url = `${node.url}/storage_rpc/v1`;
    const kept = await rpc(node, "store", storeParams({ data: "a2VwdA==" }));
    assert.equal(kept.status, 200, kept.text);

    // invalid JSON and missing fields: the exact texts
    for (
      const [body, text] of [
        ["{nope", "invalid json"],
        ['{"params":{}}', "invalid json: no `method` field"],
        ['{"method":5,"params":{}}', "invalid json: no `method` field"],
        ['{"method":"info"}', "invalid json: no `params` field"],
        ['{"method":"info","params":[]}', "invalid json: no `params` field"],
        ['{"method":"frobnicate","params":{}}', "no method frobnicate"],
      ]
    ) {
      const reply = await post(url, body);
      assert.deepEqual([reply.status, reply.text], [400, text], body);
      assert.match(reply.headers["content-type"], /^text\/plain/);
    }
    const parse = await rpc(node, "get_swarm", { pubkey: "05abc" });
    assert.equal(parse.status, 400);
    assert.match(parse.text, /^invalid request: Pubkey must be 66 hex digits/);

    // routes: ping, stats, 404 for everything else (method matters)
    const ping = await post(`${node.url}/ping_test/v1`, "");
    assert.equal(ping.status, 200);
    assert.ok(ping.headers["x-loki-snode-pubkey"]);
    const stats = await post(`${node.url}/get_stats/v1`, "", { method: "GET" });
    assert.deepEqual([stats.status, stats.json], [200, { version: "2.8.0" }]);
    for (const [method, path] of [["POST", "/nope"], ["GET", "/storage_rpc/v1"], ["POST", "/"]]) {
      const reply = await post(`${node.url}${path}`, "", { method: method as "GET" | "POST" });
      assert.deepEqual([reply.status, reply.text], [404, `${method} ${path} Not Found`]);
    }

    // every JSON response carries t and hf
    const info = await rpc(node, "info", {});
    assert.deepEqual(info.json.hf, [19, 4]);
    assert.ok(Math.abs(info.json.t - Date.now()) < 5000);
    assert.deepEqual(info.json.version, [2, 8, 0]);

    // 410 for the obsolete long-poll header
    const longPoll = await post(url, { method: "info", params: {} }, {
      headers: { "X-Loki-Long-Poll": "true" },
    });
    assert.deepEqual(
      [longPoll.status, longPoll.text],
      [410, "long polling is no longer supported, client upgrade required"],
    );

    // 413 over 10 MiB; exactly 10 MiB is read (and then rejected as bad JSON)
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(32);
    assert.deepEqual(
      await post(url, big).then((r) => [r.status, r.text]),
      [413, "Request body too large"],
    );
    assert.equal((await post(url, big.subarray(1))).text, "invalid json");
    assert.equal((await post(`${node.url}/onion_req/v2`, big)).status, 413);

    // the node keeps serving after all that, and lost nothing
    const after = await rpc(node, "retrieve", retrieveParams());
    assert.deepEqual(after.json.messages.map((m: { hash: string }) => m.hash), [kept.json.hash]);
  }));

Deno.test("§5 per-IP token bucket: burst 600 at 300/s on /storage_rpc/v1 only → 429", () =>
  withDevnet({ nodes: 1, swarms: 1 }, async (devnet) => {
    const node = devnet.nodes[0];
    using agent = new SnodeAgent({ maxSockets: 64 });
    // Waves of concurrent requests until the bucket runs dry (it refills at 300/s meanwhile).
    const statuses: number[] = [];
    for (let wave = 0; wave < 20 && !statuses.includes(429); wave++) {
      const replies = Array.from({ length: 500 }, () => rpc(node, "info", {}, agent));
      statuses.push(...(await Promise.all(replies)).map((r) => r.status));
    }
    assert.ok(statuses.includes(429), "the bucket must run dry");
    assert.ok(statuses.filter((s) => s === 200).length >= 600, "a burst of 600 passes");
    const reply = await rpc(node, "info", {}, agent);
    if (reply.status === 429) assert.equal(reply.text, "Too Many Requests\n");
    // onion requests are not rate limited (a bad layer still gets its own 400)
    const onion = await post(`${node.url}/onion_req/v2`, new Uint8Array(2), { agent });
    assert.equal(onion.status, 400);
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal((await rpc(node, "info", {}, agent)).status, 200, "refilled after a second");
  }));
