// storage-server.md §6.4–6.5: `delete`, `delete_all`, `delete_before`.
import assert from "node:assert/strict";
import { fromBase64, fromHex } from "../../../src/core/mod.ts";
import { verifyEd25519 } from "../../../src/crypto/ed25519.ts";
import { accountIn, body, hashesOn, put, SWARM_A, withNet } from "./_helpers.ts";

const bad = (message: string) => ({ status: 400, text: `invalid request: ${message}` });
type Swarm = Record<string, Record<string, unknown>>;
const utf8 = new TextEncoder();

function assertNodeSignature(ed25519: string, signature: unknown, message: string) {
  assert.ok(
    verifyEd25519(fromBase64(signature as string), utf8.encode(message), fromHex(ed25519)),
    `node ${ed25519.slice(0, 8)} signed ${message.slice(0, 40)}…`,
  );
}

Deno.test("§6.4 delete: signed over `delete ‖ hashes`, per-node sorted `deleted` + signature", async () => {
  await withNet(async ({ nodes, time }) => {
    const alice = accountIn(SWARM_A);
    const [a, b, c] = [
      await put(nodes[0].node, alice, time.now, { data: "a" }),
      await put(nodes[0].node, alice, time.now, { data: "b" }),
      await put(nodes[0].node, alice, time.now, { namespace: 2, data: "c" }),
    ];
    const requested = [c, a, "A".repeat(43)];
    const params = { ...alice.auth(`delete${requested.join("")}`), messages: requested };
    const result = await nodes[1].node.handle("delete", params);
    assert.equal(result.status, 200);
    const got = body(result);
    assert.deepEqual(Object.keys(got), ["hf", "swarm", "t"]);
    const deleted = [a, c].sort();
    for (const { info } of nodes.slice(0, 3)) {
      const mine = (got.swarm as Swarm)[info.ed25519];
      assert.deepEqual(mine.deleted, deleted);
      assertNodeSignature(
        info.ed25519,
        mine.signature,
        alice.pubkey + requested.join("") + deleted.join(""),
      );
    }
    for (const { node } of nodes.slice(0, 3)) {
      assert.deepEqual(await hashesOn(node, alice, time.now), [b]);
    }
  });
});

Deno.test("§6.4 delete: a bad signature → 401 and nothing is deleted", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hash = await put(n.node, alice, time.now);
    const params = { ...alice.auth(`delete`), messages: [hash] };
    assert.deepEqual(await n.node.handle("delete", params), {
      status: 401,
      text: "delete_msgs signature verification failed",
    });
    assert.deepEqual(await hashesOn(n.node, alice, time.now), [hash]);
  });
});

Deno.test("§6.4 delete: messages required and non-empty; a single string is a list", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    assert.deepEqual(
      await n.node.handle("delete", alice.auth("delete")),
      bad("Required field 'messages' missing"),
    );
    assert.deepEqual(
      await n.node.handle("delete", { ...alice.auth("delete"), messages: [] }),
      bad("messages does not contain any message hashes"),
    );
    const hash = await put(n.node, alice, time.now);
    const single = { ...alice.auth(`delete${hash}`), messages: hash };
    assert.equal((await n.node.handle("delete", single)).status, 200);
    const unsigned: Record<string, unknown> = { ...single };
    delete unsigned.signature;
    assert.deepEqual(
      await n.node.handle("delete", unsigned),
      bad("Required field 'signature' missing"),
    );
  });
});

Deno.test("§6.4 delete: required:true and nothing deleted anywhere → 404", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const ghost = "B".repeat(43);
    const params = { ...alice.auth(`delete${ghost}`), messages: [ghost], required: true };
    const result = await n.node.handle("delete", params);
    assert.equal(result.status, 404);
    assert.deepEqual(Object.keys(body(result)), ["hf", "swarm", "t"]);
    const hash = await put(n.node, alice, time.now);
    const real = { ...alice.auth(`delete${hash}`), messages: [hash], required: true };
    assert.equal((await n.node.handle("delete", real)).status, 200);
  });
});

Deno.test("§6.4 delete: only the signer's own messages go", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const bob = accountIn(SWARM_A, undefined, 1);
    const bobs = await put(n.node, bob, time.now);
    const params = { ...alice.auth(`delete${bobs}`), messages: [bobs] };
    const swarm = body(await n.node.handle("delete", params)).swarm as Swarm;
    assert.deepEqual(swarm[n.info.ed25519].deleted, []);
    assert.deepEqual(await hashesOn(n.node, bob, time.now), [bobs]);
  });
});

Deno.test("§6.5 delete_all: timestamp within ±60 s, else 406", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const ts = time.now - 60_001;
    const params = { ...alice.auth(`delete_all${ts}`), timestamp: ts };
    assert.deepEqual(await n.node.handle("delete_all", params), {
      status: 406,
      text: "delete_all timestamp too far from current time",
    });
  });
});

Deno.test("§6.5 delete_all: a forwarded copy gets ±70 s", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const ts = time.now - 65_000;
    const params = { ...alice.auth(`delete_all${ts}`), timestamp: ts };
    const result = await n.node.handle("delete_all", params, { forwarded: true });
    assert.equal(result.status, 200);
    assert.deepEqual(Object.keys(body(result)), ["deleted", "signature"]);
    const tooOld = time.now - 70_001;
    const old = { ...alice.auth(`delete_all${tooOld}`), timestamp: tooOld };
    assert.equal((await n.node.handle("delete_all", old, { forwarded: true })).status, 406);
  });
});

Deno.test("§6.5 delete_all: one namespace (default 0) or all; sorted lists; node signature", async () => {
  await withNet(async ({ nodes, time }) => {
    const alice = accountIn(SWARM_A);
    const n = nodes[0];
    const ns0 = [
      await put(n.node, alice, time.now, { data: "a" }),
      await put(n.node, alice, time.now, { data: "b" }),
    ];
    const ns2 = await put(n.node, alice, time.now, { namespace: 2 });
    const ns5 = await put(n.node, alice, time.now, { namespace: -10 });
    const now = time.now;
    const one = body(
      await n.node.handle("delete_all", { ...alice.auth(`delete_all${now}`), timestamp: now }),
    );
    const sorted = [...ns0].sort();
    for (const { info } of nodes.slice(0, 3)) {
      const mine = (one.swarm as Swarm)[info.ed25519];
      assert.deepEqual(mine.deleted, sorted);
      assertNodeSignature(info.ed25519, mine.signature, alice.pubkey + now + sorted.join(""));
    }
    const all = body(
      await n.node.handle("delete_all", {
        ...alice.auth(`delete_allall${now}`),
        timestamp: now,
        namespace: "all",
      }),
    );
    const mine = (all.swarm as Swarm)[n.info.ed25519];
    assert.deepEqual(mine.deleted, { "2": [ns2], "-10": [ns5] });
    assertNodeSignature(
      n.info.ed25519,
      mine.signature,
      alice.pubkey + now + [ns2, ns5].sort().join(""),
    );
    assert.deepEqual(await hashesOn(nodes[2].node, alice, now, 2), []);
  });
});

Deno.test('§6.5 delete_all: namespace must be an integer or "all"; bad signature → 401', async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const now = time.now;
    const params = { ...alice.auth(`delete_all${now}`), timestamp: now, namespace: "every" };
    assert.deepEqual(
      await n.node.handle("delete_all", params),
      bad(`Invalid value given for 'namespace': expected integer or "all"`),
    );
    const wrong = { ...alice.auth(`delete_all0${now}`), timestamp: now, namespace: 0 };
    assert.deepEqual(await n.node.handle("delete_all", wrong), {
      status: 401,
      text: "delete_all signature verification failed",
    });
  });
});

Deno.test("§6.5 delete_before: before > now+60 s → 401 (not 406)", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const before = time.now + 60_001;
    assert.deepEqual(
      await n.node.handle("delete_before", { ...alice.auth(`delete_before${before}`), before }),
      { status: 401, text: "delete_before timestamp too far in the future" },
    );
  });
});

Deno.test("§6.5 delete_before: removes timestamp ≤ before; signed `delete_before ‖ ns ‖ before`", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const old = await put(n.node, alice, time.now - 5_000, { namespace: 3, data: "old" });
    const edge = await put(n.node, alice, time.now - 3_000, { namespace: 3, data: "edge" });
    const fresh = await put(n.node, alice, time.now, { namespace: 3, data: "new" });
    const before = time.now - 3_000;
    const result = await n.node.handle("delete_before", {
      ...alice.auth(`delete_before3${before}`),
      before,
      namespace: 3,
    });
    const mine = (body(result).swarm as Swarm)[n.info.ed25519];
    assert.deepEqual(mine.deleted, [old, edge].sort());
    assertNodeSignature(
      n.info.ed25519,
      mine.signature,
      alice.pubkey + before + [old, edge].sort().join(""),
    );
    assert.deepEqual(await hashesOn(n.node, alice, time.now, 3), [fresh]);
    const wrong = { ...alice.auth(`delete_before${before}`), before, namespace: 3 };
    assert.deepEqual(await n.node.handle("delete_before", wrong), {
      status: 401,
      text: "delete_before signature verification failed",
    });
  });
});
