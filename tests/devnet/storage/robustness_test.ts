// Bad input of every kind: the node answers with a 4xx (never crashes, never a 500 from a
// validation gap), keeps serving, and loses nothing already stored.
import assert from "node:assert/strict";
import {
  accountIn,
  b64,
  body,
  hashesOn,
  put,
  retrieveParams,
  storeParams,
  SWARM_A,
  type TestNet,
  withNet,
} from "./_helpers.ts";

const JUNK: unknown[] = [
  null,
  1.5,
  -1,
  0,
  2 ** 60,
  "",
  "x",
  "A".repeat(43),
  "=".repeat(88),
  [],
  [1, "a", null],
  {},
  { __proto__: { polluted: true } },
  true,
  "A".repeat(200_000),
];

/** Alice's messages, and a template per method signed by Mallory (who owns nothing). */
async function seed(net: TestNet) {
  const alice = accountIn(SWARM_A);
  const mallory = accountIn(SWARM_A, undefined, 1);
  const now = net.time.now;
  const stored = [
    await put(net.nodes[0].node, alice, now, { data: "one" }),
    await put(net.nodes[0].node, alice, now, { data: "two" }),
  ];
  const secret = await put(net.nodes[0].node, alice, now, { namespace: 2, data: "three" });
  const ghost = "G".repeat(43);
  const templates: [string, Record<string, unknown>][] = [
    ["store", storeParams(mallory, now, { namespace: 3 })],
    ["retrieve", retrieveParams(mallory, now, { namespace: 0, last_hash: ghost, max_count: 3 })],
    ["delete", { ...mallory.auth(`delete${ghost}`), messages: [ghost], required: true }],
    ["delete_all", { ...mallory.auth(`delete_allall${now}`), timestamp: now, namespace: "all" }],
    ["delete_before", { ...mallory.auth(`delete_before${now}`), before: now }],
    ["expire", { ...mallory.auth(`expire${now}${ghost}`), messages: [ghost], expiry: now }],
    ["expire_all", { ...mallory.auth(`expire_all${now}`), expiry: now }],
    ["get_expiries", {
      ...mallory.auth(`get_expiries${now}${stored[0]}`),
      timestamp: now,
      messages: [stored[0]],
    }],
    ["get_swarm", { pubkey: alice.pubkey }],
    ["oxend_request", { endpoint: "ons_resolve", params: { type: 0, name_hash: ghost } }],
    ["batch", { requests: [{ method: "info", params: {} }] }],
    ["ifelse", { if: { hf_at_least: [19, 4] }, then: { method: "info", params: {} } }],
  ];
  return { alice, stored, secret, templates };
}

async function assertIntact(
  net: TestNet,
  alice: ReturnType<typeof accountIn>,
  stored: string[],
  secret: string,
) {
  for (const { node } of net.nodes.slice(0, 3)) {
    assert.deepEqual(await hashesOn(node, alice, net.time.now), stored);
    assert.deepEqual(await hashesOn(node, alice, net.time.now, 2), [secret]);
    assert.equal((await node.handle("info", {})).status, 200);
  }
}

Deno.test("robustness: every field of every method set to junk → 4xx, nothing lost", async () => {
  await withNet(async (net) => {
    const { alice, stored, secret, templates } = await seed(net);
    const n = net.nodes[1].node;
    let calls = 0;
    for (const [method, template] of templates) {
      const fields = [...Object.keys(template), "pubKey", "namespace", "subaccount", "signature"];
      for (const field of fields) {
        for (const junk of JUNK) {
          const result = await n.handle(method, { ...template, [field]: junk });
          calls++;
          const where = `${method}.${field}=${JSON.stringify(junk)?.slice(0, 30)}`;
          assert.ok(result.status < 500, `${where} → ${JSON.stringify(result).slice(0, 200)}`);
        }
      }
    }
    assert.ok(calls > 1000);
    await assertIntact(net, alice, stored, secret);
  });
});

Deno.test("robustness: mangled request bodies → 400 texts, nothing lost", async () => {
  await withNet(async (net) => {
    const { alice, stored, secret, templates } = await seed(net);
    const n = net.nodes[0].node;
    const bodies: (string | Uint8Array)[] = [
      "[".repeat(100_000),
      '{"method":"store","params":' + "[".repeat(50_000) + "]".repeat(50_000) + "}",
      '{"method":"store","params":{"data":"' + "A".repeat(300_000) + '"}}',
      new Uint8Array(4096).map((_, i) => (i * 131) & 255),
      '{"method":"retrieve","params":{"pubkey":"' + alice.pubkey + '","namespace":1e300}}',
      '{"method":"retrieve","params":{"pubkey":"' + alice.pubkey + '","max_count":99999999999}}',
      '{"method":"__proto__","params":{}}',
      '{"method":"constructor","params":{}}',
      '{"method":"store","params":{"__proto__":{"data":"aGk="}}}',
    ];
    for (const [method, params] of templates) {
      const text = JSON.stringify({ method, params });
      for (let cut = 1; cut < text.length; cut += 37) bodies.push(text.slice(0, cut));
      bodies.push(text.replaceAll('"', "'"), text.replace("{", "["));
    }
    for (const raw of bodies) {
      const result = await n.handleRpcBody(raw);
      assert.ok(
        result.status < 500,
        `${String(raw).slice(0, 60)} → ${JSON.stringify(result).slice(0, 200)}`,
      );
      if (result.status === 400 && "text" in result) assert.ok(result.text.length > 0);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    await assertIntact(net, alice, stored, secret);
  });
});

Deno.test("robustness: forged signatures for Alice's account change nothing", async () => {
  await withNet(async (net) => {
    const { alice, stored, secret } = await seed(net);
    const mallory = accountIn(SWARM_A, undefined, 1);
    const now = net.time.now;
    const n = net.nodes[2].node;
    const asAlice = (message: string) => ({
      ...mallory.auth(message),
      pubkey: alice.pubkey,
      pubkey_ed25519: alice.ed25519,
    });
    const attacks: [string, Record<string, unknown>][] = [
      ["delete", { ...asAlice(`delete${stored[0]}`), messages: [stored[0]] }],
      ["delete_all", { ...asAlice(`delete_allall${now}`), timestamp: now, namespace: "all" }],
      ["delete_before", { ...asAlice(`delete_before${now}`), before: now }],
      ["expire", { ...asAlice(`expire${now}${stored[1]}`), messages: [stored[1]], expiry: now }],
      ["expire_all", { ...asAlice(`expire_allall${now}`), expiry: now, namespace: "all" }],
      ["store", { ...storeParams(alice, now, { namespace: 2 }), ...asAlice(`store2${now}`) }],
      ["retrieve", { ...asAlice(`retrieve2${now}`), timestamp: now, namespace: 2 }],
    ];
    for (const [method, params] of attacks) {
      assert.equal((await n.handle(method, params)).status, 401, method);
      const sig = params.signature as string;
      const flipped = sig.slice(0, 10) + (sig[10] === "A" ? "B" : "A") + sig.slice(11);
      const own = { ...params, pubkey_ed25519: alice.ed25519, signature: flipped };
      assert.equal((await n.handle(method, own)).status, 401, `${method} flipped`);
    }
    await assertIntact(net, alice, stored, secret);
  });
});

Deno.test("robustness: oversize data is refused before anything is written", async () => {
  await withNet(async (net) => {
    const { alice, stored, secret } = await seed(net);
    const huge = { ...storeParams(alice, net.time.now), data: b64("x".repeat(76_801)) };
    const result = await net.nodes[0].node.handle("store", huge);
    assert.equal(result.status, 400);
    const batch = await net.nodes[0].node.handle("batch", {
      requests: [
        { method: "store", params: storeParams(alice, net.time.now, { data: "would be new" }) },
        { method: "store", params: huge },
      ],
    });
    // The batch fails to parse as a whole, so its valid first store never runs either.
    assert.equal(batch.status, 400);
    await assertIntact(net, alice, stored, secret);
    assert.equal(body(await net.nodes[0].node.handle("info", {})).version?.toString(), "2,8,0");
  });
});
