/** The swarm sender's reactions (core §4.9) with a scripted transport: no sockets. */
import assert from "node:assert/strict";
import { createClock, createSwarmCache, retrieveRequest } from "../../../src/client/network/mod.ts";
import { createSender } from "../../../src/client/network/send.ts";
import type { SnodeTransport } from "../../../src/client/network/mod.ts";
import { NetworkError, OnionError, SwarmError } from "../../../src/core/errors.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import {
  createStrikes,
  type RpcBody,
  type ServiceNode,
  type SnodeReply,
} from "../../../src/onion/mod.ts";
import { fakeNodes, seededRandom } from "./_fixtures.ts";

const me = Identity.generate();
const NOW = 1_800_000_000_000;
const OK = { messages: [], more: false, t: NOW };

type Script = (node: ServiceNode, rpc: RpcBody, call: number) => SnodeReply | Promise<SnodeReply>;

/** A sender over `members` whose transport answers with `script`. */
function setup(script: Script, members = fakeNodes(3)) {
  const calls: { node: ServiceNode; rpc: RpcBody }[] = [];
  const avoided: string[][] = [];
  const transport: SnodeTransport = {
    kind: "direct",
    send: async (node, rpc, options) => {
      calls.push({ node, rpc });
      avoided.push([...options.avoid ?? []]);
      return await script(node, rpc, calls.length);
    },
  };
  const random = seededRandom(7);
  let fetched = 0;
  const swarms = createSwarmCache({ fetch: () => (fetched++, Promise.resolve(members)), random });
  const dropped: string[] = [];
  const strikes = createStrikes({
    onDrop: (ed) => {
      dropped.push(ed);
      swarms.dropNode(ed);
    },
  });
  const closing = new AbortController();
  const clock = createClock({ now: () => NOW });
  const sender = createSender({
    transport,
    swarms,
    clock,
    strikes,
    random,
    closing: closing.signal,
    deadlineMs: 2000,
  });
  return {
    sender,
    calls,
    avoided,
    strikes,
    swarms,
    dropped,
    closing,
    fetched: () => fetched,
    members,
  };
}

const request = () => retrieveRequest(me);

Deno.test("421 with the right swarm: the cache is replaced and the request retried there", async () => {
  const moved = fakeNodes(3, 10);
  const snodes = moved.map((n) => ({
    ip: n.ip,
    port_https: n.port,
    pubkey_ed25519: n.ed25519,
    pubkey_x25519: n.x25519,
  }));
  const t = setup((node) =>
    moved.some((m) => m.ed25519 === node.ed25519)
      ? { status: 200, body: OK }
      : { status: 421, body: { snodes, t: NOW } }
  );
  const { node } = await t.sender.send(request());
  assert.ok(moved.some((m) => m.ed25519 === node.ed25519));
  assert.equal(t.calls.length, 2);
  assert.equal(t.strikes.count(t.calls[0].node.ed25519), 1);
  assert.deepEqual(new Set(t.swarms.peek(me.sessionId)), new Set(moved));
});

Deno.test("a wrong-swarm loop ends with SwarmError wrong_swarm after bounded moves", async () => {
  let i = 0;
  const t = setup(() => {
    const next = fakeNodes(3, 20 + 3 * i++);
    const snodes = next.map((n) => ({
      ip: n.ip,
      port_https: n.port,
      pubkey_ed25519: n.ed25519,
      pubkey_x25519: n.x25519,
    }));
    return { status: 421, body: { snodes } };
  });
  await assert.rejects(
    t.sender.send(request()),
    (e) => e instanceof SwarmError && e.code === "wrong_swarm" && e.status === 421,
  );
  assert.equal(t.calls.length, 4);
});

Deno.test("406: resync from the node's info, then retry once on it with its clock", async () => {
  const skewed = NOW - 300_000;
  const t = setup((_node, rpc, call) => {
    if (rpc.method === "info") return { status: 200, body: { version: [2, 8, 0], t: skewed } };
    if (call === 1) return { status: 406, body: "retrieve timestamp too far from current time" };
    return { status: 200, body: OK };
  });
  const { node } = await t.sender.send(request());
  assert.deepEqual(t.calls.map((c) => c.rpc.method), ["retrieve", "info", "retrieve"]);
  assert.deepEqual([t.calls[0].node, t.calls[2].node], [node, node]);
  assert.equal(t.calls[0].rpc.params.timestamp, NOW);
  assert.equal(t.calls[2].rpc.params.timestamp, skewed);
});

Deno.test("406 again after the resync is a clock error, not retried further", async () => {
  const t = setup((_node, rpc) =>
    rpc.method === "info"
      ? { status: 200, body: { t: NOW } }
      : { status: 406, body: "check your clock" }
  );
  await assert.rejects(
    t.sender.send(request()),
    (e) =>
      e instanceof SwarmError && e.code === "clock_out_of_sync" && !e.retryable &&
      /clock/.test(e.message),
  );
  assert.deepEqual(t.calls.map((c) => c.rpc.method), ["retrieve", "info", "retrieve"]);
});

Deno.test("401 and 400 are not retried", async () => {
  for (const status of [401, 400]) {
    const t = setup(() => ({ status, body: "nope" }));
    await assert.rejects(
      t.sender.send(request()),
      (e) => e instanceof SwarmError && e.status === status && !e.retryable,
    );
    assert.equal(t.calls.length, 1);
  }
});

Deno.test("a 5xx burst: struck members are skipped, the third answers", async () => {
  const t = setup((_node, _rpc, call) =>
    call < 3 ? { status: 500 + call, body: "request failed" } : { status: 200, body: OK }
  );
  const { node } = await t.sender.send(request());
  const nodes = t.calls.map((c) => c.node.ed25519);
  assert.equal(new Set(nodes).size, 3, "each attempt on another member");
  assert.equal(node.ed25519, nodes[2]);
  assert.deepEqual(nodes.slice(0, 2).map((n) => t.strikes.count(n)), [1, 1]);
});

Deno.test("bounded: every member failing gives the last typed error after 3 attempts", async () => {
  const t = setup(() => ({ status: 503, body: "Service node is not ready" }));
  await assert.rejects(
    t.sender.send(request()),
    (e) =>
      e instanceof SwarmError && e.status === 503 && e.retryable &&
      /after 3 attempts/.test(e.message),
  );
  assert.equal(t.calls.length, 3);
});

Deno.test("transport failures and garbage replies strike the node and move on", async () => {
  const t = setup((_node, _rpc, call) => {
    if (call === 1) throw new NetworkError("no response within 100 ms", "timeout");
    if (call === 2) return { status: 200, body: "<html>garbage</html>" };
    return { status: 200, body: OK };
  });
  await t.sender.send(request());
  assert.equal(t.calls.length, 3);
  assert.deepEqual(t.calls.slice(0, 2).map((c) => t.strikes.count(c.node.ed25519)), [1, 1]);

  const bad = setup(() => ({ status: 200, body: { messages: "nope" } }));
  await assert.rejects(
    bad.sender.send(request()),
    (e) => e instanceof SwarmError && e.code === "bad_reply" && e.node !== undefined,
  );
});

Deno.test("path failures: a member behind a timeout becomes a suspect; a known bad relay is not its fault", async () => {
  const t = setup((_node, _rpc, call) => {
    if (call === 1) throw new OnionError("onion request failed with HTTP 504", { code: "timeout" });
    if (call === 2) {
      throw new OnionError("Snode not ready: relay", { code: "node_not_ready", hop: 2 });
    }
    return { status: 200, body: OK };
  });
  const { node } = await t.sender.send(request());
  const [first, second, third] = t.calls.map((c) => c.node);
  assert.deepEqual(t.avoided, [[], [first.ed25519], [first.ed25519]]);
  assert.equal(third, second, "the innocent member is retried through another path");
  assert.equal(node, second);
  assert.deepEqual([t.strikes.count(first.ed25519), t.strikes.count(second.ed25519)], [1, 0]);
});

Deno.test("three strikes drop a node from the swarm; `node` is tried first", async () => {
  const members = fakeNodes(4);
  const t = setup(
    (node) =>
      node.ed25519 === members[0].ed25519 ? { status: 500, body: "x" } : { status: 200, body: OK },
    members,
  );
  for (let i = 0; i < 3; i++) await t.sender.send(request(), { node: members[0].ed25519 });
  assert.deepEqual(t.dropped, [members[0].ed25519]);
  assert.ok(!t.swarms.peek(me.sessionId)?.some((n) => n.ed25519 === members[0].ed25519));
  const { node } = await t.sender.send(request(), { node: members[1].ed25519 });
  assert.equal(node.ed25519, members[1].ed25519);
});

Deno.test("a deadline bounds the whole call: hanging nodes end in the last error, typed", async () => {
  const t = setup((_node, _rpc, _call) => new Promise(() => {})); // never answers
  const started = Date.now();
  await assert.rejects(
    t.sender.send(request(), { deadlineMs: 100 }),
    (e) =>
      e instanceof NetworkError && e.code === "timeout" && /gave up after 100 ms/.test(e.message),
  );
  assert.ok(Date.now() - started < 1000);
});

Deno.test("a closed sender rejects with NetworkError closed", async () => {
  const t = setup(() => ({ status: 200, body: OK }));
  t.closing.abort();
  await assert.rejects(
    t.sender.send(request()),
    (e) => e instanceof NetworkError && e.code === "closed",
  );
});
