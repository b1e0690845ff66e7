/** The onion requester over simulated nodes: replies, typed errors, path bookkeeping (§6.8). */
import assert from "node:assert/strict";
import { randomBytes, toBase64, utf8 } from "../../src/core/bytes.ts";
import { NetworkError, OnionError } from "../../src/core/errors.ts";
import {
  createOnionRequester,
  type EncType,
  readV4Body,
  type SnodeFetcher,
  type SnodeResponse,
} from "../../src/onion/mod.ts";
import { type Behaviour, deliver, simNode } from "./_network.ts";
import { pathFixture } from "./_pool.ts";

const RPC = { method: "retrieve", params: { pubkey: "05" + "ab".repeat(32), namespace: 0 } };

/** A requester whose "HTTPS" hands the body to the simulated guard (or to `override`). */
function setup(
  behaviour: Behaviour = {},
  override?: (body: Uint8Array, real: () => Uint8Array) => SnodeResponse | Promise<SnodeResponse>,
  encType?: EncType,
) {
  const f = pathFixture(9);
  const destination = f.nodes()[8];
  const server = simNode();
  const urls: string[] = [];
  const fetch: SnodeFetcher = async (url, body) => {
    urls.push(url);
    const path = f.paths.paths().find((p) => url.includes(`:${p.nodes[0].port}/`))!;
    const sims = path.nodes.map((n) => f.simOf(n.ed25519));
    const target = behaviour.server ? server : f.simOf(destination.ed25519);
    const real = () => deliver(body, sims, target, behaviour);
    if (override) return await override(body, real);
    return { status: 200, headers: {}, body: real() };
  };
  const onion = createOnionRequester({ paths: f.paths, strikes: f.strikes, fetch, encType });
  return { ...f, onion, destination, server, urls };
}

Deno.test("a snode request goes to the guard's /onion_req/v2 and its reply is decrypted", async () => {
  for (const encType of ["aes-gcm", "xchacha20"] as const) {
    const t = setup(
      { snode: (rpc) => ({ status: 200, body: JSON.stringify({ echo: rpc, t: 1 }) }) },
      undefined,
      encType,
    );
    const reply = await t.onion.snode(t.destination, RPC);
    assert.deepEqual(reply, {
      status: 200,
      body: { echo: { method: "retrieve", params: RPC.params }, t: 1 },
    });
    assert.match(t.urls[0], /^https:\/\/10\.0\.\d+\.1:\d+\/onion_req\/v2$/);
    assert.ok(t.paths.paths().every((p) => p.failures === 0));
  }
});

Deno.test("destination statuses come back as replies (the caller reacts), not path failures", async () => {
  const t = setup({ snode: () => ({ status: 421, body: JSON.stringify({ snodes: [] }) }) });
  const reply = await t.onion.snode(t.destination, RPC);
  assert.equal(reply.status, 421);
  assert.ok(t.paths.paths().every((p) => p.failures === 0));
});

Deno.test("garbage, truncated and undecryptable replies: OnionError and a path failure", async () => {
  const cases: [string, (real: () => Uint8Array) => Uint8Array, string][] = [
    ["garbage", () => utf8("<html>502 oops</html>"), "bad_reply"],
    ["truncated", (real) => real().slice(0, 40), "undecryptable"],
    ["random bytes", () => utf8(toBase64(randomBytes(120))), "undecryptable"],
    ["empty", () => new Uint8Array(), "undecryptable"],
  ];
  for (const [name, corrupt, code] of cases) {
    const t = setup({}, (_body, real) => ({ status: 200, headers: {}, body: corrupt(real) }));
    await assert.rejects(t.onion.snode(t.destination, RPC), (e) => {
      assert.ok(e instanceof OnionError, `${name}: ${e}`);
      assert.equal(e.code, code, `${name}: ${e.message}`);
      return true;
    });
    assert.equal(t.paths.paths().reduce((sum, p) => sum + p.failures, 0), 1, name);
    // The destination is the caller's call (the storage client strikes it too).
    assert.equal(t.strikes.count(t.destination.ed25519), 0, name);
  }
});

Deno.test("a hop's own encrypted error names the hop", async () => {
  const t = setup({ failAt: { hop: 1, status: 400, body: "Invalid json" } });
  await assert.rejects(
    t.onion.snode(t.destination, RPC),
    (e) => e instanceof OnionError && e.code === "hop_error" && e.hop === 1 && e.status === 400,
  );
});

Deno.test("HTTP errors from the path: typed, and counted or not as §6.8 says", async () => {
  const missing = "cd".repeat(32);
  const cases: [number, string, string, number][] = [
    [504, "Request time out", "timeout", 1],
    [500, "Invalid response from snode", "path_failed", 1],
    [502, `Next node not found: ${missing}`, "next_node_not_found", 0],
    [406, "Timestamp error: check your clock", "clock_out_of_sync", 0],
    [421, "", "wrong_swarm", 0],
  ];
  for (const [status, text, code, failures] of cases) {
    const t = setup({}, () => ({ status, headers: {}, body: utf8(text) }));
    await assert.rejects(
      t.onion.snode(t.destination, RPC),
      (e) => e instanceof OnionError && e.code === code && e.status === status,
    );
    assert.equal(t.paths.paths().reduce((sum, p) => sum + p.failures, 0), failures, `${status}`);
    if (code === "next_node_not_found") assert.deepEqual(t.dropped, [missing]);
  }
});

Deno.test("an error naming a node blames that node: the destination, or a relay (with its hop)", async () => {
  const dest = setup(
    {},
    (_body) => ({ status: 503, headers: {}, body: utf8(`Snode not ready: ${t0}`) }),
  );
  const t0 = dest.destination.ed25519;
  await assert.rejects(
    dest.onion.snode(dest.destination, RPC),
    (e) =>
      e instanceof OnionError && e.code === "destination_not_ready" && e.hop === 3 &&
      e.status === 503,
  );
  assert.ok(dest.paths.paths().every((p) => p.failures === 0), "the path is fine");
  const gone = setup(
    {},
    () => ({ status: 502, headers: {}, body: utf8(`Next node not found: ${t1}`) }),
  );
  const t1 = gone.destination.ed25519;
  await assert.rejects(
    gone.onion.snode(gone.destination, RPC),
    (e) => e instanceof OnionError && e.code === "destination_not_found",
  );
  assert.deepEqual(gone.dropped, [t1]);
  let relay = "";
  const busy = setup(
    {},
    () => ({ status: 503, headers: {}, body: utf8(`Snode not ready: ${relay}`) }),
  );
  relay = (await busy.paths.pick({ exclude: busy.destination.ed25519 })).nodes[2].ed25519;
  busy.paths.paths().forEach((p) =>
    p.nodes[2].ed25519 === relay || busy.paths.failed(p, "make the other path worse")
  );
  await assert.rejects(
    busy.onion.snode(busy.destination, RPC),
    (e) => e instanceof OnionError && e.code === "node_not_ready" && e.hop === 2,
  );
  // The relay is struck and its path rebuilt at once; the other relay is not blamed.
  assert.ok(!busy.paths.paths().some((p) => p.nodes.some((n) => n.ed25519 === relay)));
  assert.equal(busy.strikes.count(relay), 1);
});

Deno.test("no answer: timeouts and refused connections are OnionErrors with the cause", async () => {
  for (
    const [error, code] of [
      [new NetworkError("no response within 50 ms", "timeout"), "timeout"],
      [new NetworkError("connection refused", "connection_failed"), "unreachable"],
      [new NetworkError("response exceeds 1024 bytes", "response_too_large"), "reply_too_large"],
    ] as const
  ) {
    const t = setup({}, () => Promise.reject(error));
    await t.paths.pick();
    await assert.rejects(
      t.onion.snode(t.destination, RPC),
      (e) => e instanceof OnionError && e.code === code && e.cause === error,
    );
    if (code === "unreachable") {
      // The guard refused: hop 0, so its path goes and another guard will be chosen.
      assert.equal(t.paths.paths().length, 1);
    } else {
      assert.equal(t.paths.paths().reduce((sum, p) => sum + p.failures, 0), 1);
    }
  }
  // An abort is the caller's: rethrown as is, nothing counted.
  const aborted = new NetworkError("aborted", "aborted");
  const t = setup({}, () => Promise.reject(aborted));
  await assert.rejects(t.onion.snode(t.destination, RPC), (e) => e === aborted);
  assert.ok(t.paths.paths().every((p) => p.failures === 0));
});

Deno.test("a path failing three times loses its guard and is rebuilt around another", async () => {
  let calls = 0;
  const timeout = { status: 504, headers: {}, body: utf8("Request time out") };
  const t = setup(
    {},
    (_body, real) => ++calls <= 5 ? timeout : { status: 200, headers: {}, body: real() },
  );
  await t.paths.pick();
  const guards = t.paths.guards();
  // Two paths, picks spread over the one with fewest failures: 5 failures put 3 on one path.
  for (let i = 0; i < 5; i++) await assert.rejects(t.onion.snode(t.destination, RPC), OnionError);
  assert.ok(guards.some((g) => t.dropped.includes(g.ed25519)), "a guard was dropped");
  assert.equal((await t.onion.snode(t.destination, RPC)).status, 200);
  assert.ok(t.paths.guards().some((g) => !guards.includes(g)), "a new guard");
  assert.ok(t.paths.paths().every((p) => p.nodes.every((n) => !t.dropped.includes(n.ed25519))));
});

Deno.test("a server request travels as v4 and comes back decoded", async () => {
  const t = setup({
    server: (request) => ({
      code: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ endpoint: request.meta.endpoint }),
    }),
  });
  const res = await t.onion.server(
    { url: "http://files.example", x25519: t.server.keys.publicKey },
    { method: "GET", endpoint: "/file/abc" },
  );
  assert.equal(res.code, 200);
  assert.deepEqual(readV4Body(res), { endpoint: "/file/abc" });
});
