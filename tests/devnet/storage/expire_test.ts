// storage-server.md §6.6: `expire`, `expire_all`, `get_expiries`.
import assert from "node:assert/strict";
import { fromBase64, fromHex } from "../../../src/core/mod.ts";
import { verifyEd25519 } from "../../../src/crypto/ed25519.ts";
import { createKvMessageStore, createStorageNode } from "../../../src/devnet/storage/mod.ts";
import { accountIn, body, nodeSeed, put, SWARM_A, withNet } from "./_helpers.ts";

const DAY = 86_400_000;
const bad = (message: string) => ({ status: 400, text: `invalid request: ${message}` });
type Swarm = Record<string, Record<string, unknown>>;

async function expiries(
  node: { handle: (m: string, p: Record<string, unknown>) => Promise<unknown> },
  account: ReturnType<typeof accountIn>,
  now: number,
  hashes: string[],
) {
  const params = {
    ...account.auth(`get_expiries${now}${hashes.join("")}`),
    timestamp: now,
    messages: hashes,
  };
  return body(await node.handle("get_expiries", params) as never).expiries as Record<
    string,
    number
  >;
}

Deno.test("§6.6 expire: sets expiries on every member, signed result", async () => {
  await withNet(async ({ nodes, time }) => {
    const alice = accountIn(SWARM_A);
    const now = time.now;
    const hash = await put(nodes[0].node, alice, now, { ttl: DAY });
    const expiry = now + 2 * DAY;
    const params = { ...alice.auth(`expire${expiry}${hash}`), messages: [hash], expiry };
    const got = body(await nodes[1].node.handle("expire", params));
    assert.deepEqual(Object.keys(got), ["hf", "swarm", "t"]);
    for (const { info, node } of nodes.slice(0, 3)) {
      const mine = (got.swarm as Swarm)[info.ed25519];
      assert.deepEqual(Object.keys(mine), ["expiry", "signature", "updated"]);
      assert.deepEqual(mine.updated, [hash]);
      assert.equal(mine.expiry, expiry);
      const signed = new TextEncoder().encode(alice.pubkey + expiry + hash + hash);
      assert.ok(verifyEd25519(fromBase64(mine.signature as string), signed, fromHex(info.ed25519)));
      assert.deepEqual(await expiries(node, alice, now, [hash]), { [hash]: expiry });
    }
  });
});

Deno.test("§6.6 expire: an expiry before now−60 s → 401", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hash = await put(n.node, alice, time.now);
    const expiry = time.now - 60_001;
    const params = { ...alice.auth(`expire${expiry}${hash}`), messages: [hash], expiry };
    assert.deepEqual(await n.node.handle("expire", params), {
      status: 401,
      text: "expire: timestamp should be >= current time",
    });
  });
});

Deno.test("§6.6 expire: expiries are capped at now + 30 days (the signature covers the request)", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hash = await put(n.node, alice, time.now);
    const expiry = time.now + 90 * DAY;
    const params = { ...alice.auth(`expire${expiry}${hash}`), messages: [hash], expiry };
    const mine = (body(await n.node.handle("expire", params)).swarm as Swarm)[n.info.ed25519];
    assert.equal(mine.expiry, time.now + 30 * DAY);
    assert.deepEqual(await expiries(n.node, alice, time.now, [hash]), {
      [hash]: time.now + 30 * DAY,
    });
  });
});

Deno.test("§6.6 expire: shorten only lowers, extend only raises; `unchanged` lists the rest", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const now = time.now;
    const short = await put(n.node, alice, now, { data: "s", ttl: DAY });
    const long = await put(n.node, alice, now, { data: "l", ttl: 3 * DAY });
    const target = now + 2 * DAY;
    const run = async (mode: "shorten" | "extend") => {
      const hashes = [short, long];
      const params = {
        ...alice.auth(`expire${mode}${target}${hashes.join("")}`),
        messages: hashes,
        expiry: target,
        [mode]: true,
      };
      return (body(await n.node.handle("expire", params)).swarm as Swarm)[n.info.ed25519];
    };
    const shortened = await run("shorten");
    assert.deepEqual(shortened.updated, [long]);
    assert.deepEqual(shortened.unchanged, { [short]: now + DAY });
    const extended = await run("extend");
    assert.deepEqual(extended.updated, [short]);
    assert.deepEqual(extended.unchanged, { [long]: target });
    assert.deepEqual(await expiries(n.node, alice, now, [short, long]), {
      [short]: target,
      [long]: target,
    });
  });
});

Deno.test("§6.6 expire: shorten and extend together → 400; expiry list mismatch → 400", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const h = "A".repeat(43);
    const both = {
      ...alice.auth("x"),
      messages: [h],
      expiry: time.now,
      shorten: true,
      extend: true,
    };
    assert.deepEqual(
      await n.node.handle("expire", both),
      bad("cannot specify both 'shorten' and 'extend'"),
    );
    const mismatch = { ...alice.auth("x"), messages: [h], expiry: [time.now, time.now] };
    assert.deepEqual(
      await n.node.handle("expire", mismatch),
      bad("'expiry' must be a single expiry, or the same length as 'messages'"),
    );
    const none = { ...alice.auth("x"), messages: [h], expiry: [] };
    assert.deepEqual(
      await n.node.handle("expire", none),
      bad("'expiry' does not contain any expiration timestamps"),
    );
  });
});

Deno.test("§6.6 expire: several expiries (HF ≥ 19.4) apply per message and sign the applied ones", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const now = time.now;
    const a = await put(n.node, alice, now, { data: "a" });
    const b = await put(n.node, alice, now, { data: "b" });
    const ghost = "C".repeat(43);
    const hashes = [a, ghost, b];
    const list = [now + 2 * DAY, now + 3 * DAY, now + 4 * DAY];
    const params = {
      ...alice.auth(`expire${list.join("")}${hashes.join("")}`),
      messages: hashes,
      expiry: list,
    };
    const mine = (body(await n.node.handle("expire", params)).swarm as Swarm)[n.info.ed25519];
    const updated = [[a, now + 2 * DAY], [b, now + 4 * DAY]].sort(([x], [y]) => (x < y ? -1 : 1));
    assert.deepEqual(mine.updated, updated.map(([h]) => h));
    assert.deepEqual(mine.expiry, updated.map(([, e]) => e));
    const signed = new TextEncoder().encode(
      alice.pubkey + updated.map(([, e]) => e).join("") + hashes.join("") +
        updated.map(([h]) => h).join(""),
    );
    assert.ok(verifyEd25519(fromBase64(mine.signature as string), signed, fromHex(n.info.ed25519)));
  });
});

Deno.test("§6.6 expire: multi-expiry before HF 19.4 → 403", async () => {
  await withNet(async ({ nodes: [n], network, time }) => {
    const kv = await Deno.openKv(":memory:");
    try {
      const old = createStorageNode({
        seed: nodeSeed(0),
        info: n.info,
        network,
        store: createKvMessageStore(kv, "old"),
        hf: [19, 3],
        clock: () => time.now,
      });
      const alice = accountIn(SWARM_A);
      const h = ["A".repeat(43), "B".repeat(43)];
      const list = [time.now + DAY, time.now + DAY];
      const params = {
        ...alice.auth(`expire${list.join("")}${h.join("")}`),
        messages: h,
        expiry: list,
      };
      assert.deepEqual(await old.handle("expire", params), {
        status: 403,
        text: "expire: multi-expiry requests are not yet active on the network",
      });
    } finally {
      kv.close();
    }
  });
});

Deno.test("§6.6 expire: bad signature → 401 and nothing changes", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hash = await put(n.node, alice, time.now, { ttl: DAY });
    const expiry = time.now + 1_000;
    const params = { ...alice.auth(`expire${hash}${expiry}`), messages: [hash], expiry };
    assert.deepEqual(await n.node.handle("expire", params), {
      status: 401,
      text: "expire: signature verification failed",
    });
    assert.deepEqual(await expiries(n.node, alice, time.now, [hash]), { [hash]: time.now + DAY });
  });
});

Deno.test("§6.6 expire_all: only shortens; expiry before now−60 s → 406", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const now = time.now;
    const short = await put(n.node, alice, now, { namespace: 4, data: "s", ttl: DAY });
    const long = await put(n.node, alice, now, { namespace: 4, data: "l", ttl: 3 * DAY });
    const target = now + 2 * DAY;
    const result = await n.node.handle("expire_all", {
      ...alice.auth(`expire_all4${target}`),
      expiry: target,
      namespace: 4,
    });
    const mine = (body(result).swarm as Swarm)[n.info.ed25519];
    assert.deepEqual(mine.updated, [long]);
    const signed = new TextEncoder().encode(alice.pubkey + target + long);
    assert.ok(verifyEd25519(fromBase64(mine.signature as string), signed, fromHex(n.info.ed25519)));
    assert.deepEqual(await expiries(n.node, alice, now, [short, long]), {
      [short]: now + DAY,
      [long]: target,
    });
    const past = now - 60_001;
    assert.deepEqual(
      await n.node.handle("expire_all", { ...alice.auth(`expire_all${past}`), expiry: past }),
      { status: 406, text: "expire_all timestamp should be >= current time" },
    );
    const forwardedOk = now - 65_000;
    const forwarded = { ...alice.auth(`expire_all${forwardedOk}`), expiry: forwardedOk };
    assert.equal((await n.node.handle("expire_all", forwarded, { forwarded: true })).status, 200);
    const wrong = { ...alice.auth(`expire_all${target}`), expiry: target, namespace: 4 };
    assert.deepEqual(await n.node.handle("expire_all", wrong), {
      status: 401,
      text: "expire_all signature verification failed",
    });
  });
});

Deno.test('§6.6 expire_all with namespace "all" answers {ns: [hashes]}', async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const a = await put(n.node, alice, time.now, { ttl: DAY });
    const b = await put(n.node, alice, time.now, { namespace: 3, ttl: DAY });
    const target = time.now + 1_000;
    const mine = (body(
      await n.node.handle("expire_all", {
        ...alice.auth(`expire_allall${target}`),
        expiry: target,
        namespace: "all",
      }),
    ).swarm as Swarm)[n.info.ed25519];
    assert.deepEqual(mine.updated, { "0": [a], "3": [b] });
  });
});

Deno.test("§6.6 get_expiries: ±60 s window (406), signature (401), no t/hf in the answer", async () => {
  await withNet(async ({ nodes: [n], time }) => {
    const alice = accountIn(SWARM_A);
    const hash = await put(n.node, alice, time.now, { ttl: DAY });
    const ghost = "Z".repeat(43);
    const result = await n.node.handle("get_expiries", {
      ...alice.auth(`get_expiries${time.now}${hash}${ghost}`),
      timestamp: time.now,
      messages: [hash, ghost],
    });
    assert.deepEqual(result, { status: 200, body: { expiries: { [hash]: time.now + DAY } } });
    const stale = time.now - 61_000;
    assert.deepEqual(
      await n.node.handle("get_expiries", {
        ...alice.auth(`get_expiries${stale}${hash}`),
        timestamp: stale,
        messages: [hash],
      }),
      { status: 406, text: "get_expiries timestamp too far from current time" },
    );
    assert.deepEqual(
      await n.node.handle("get_expiries", {
        ...alice.auth(`get_expiries${hash}${time.now}`),
        timestamp: time.now,
        messages: [hash],
      }),
      { status: 401, text: "get_expiries signature verification failed" },
    );
    assert.deepEqual(
      await n.node.handle("get_expiries", {
        ...alice.auth("x"),
        timestamp: time.now,
        messages: [],
      }),
      bad("messages does not contain any message hashes"),
    );
  });
});
