// The Deno KV message store on its own: isolation between nodes, chunked data, ordering,
// dedupe, expiry changes, purging and revocations.
import assert from "node:assert/strict";
import { createKvMessageStore, type StoredMessage } from "../../../src/devnet/storage/mod.ts";
import { T0 } from "./_helpers.ts";

const PK = "05" + "11".repeat(32);

function message(i: number, extra: Partial<StoredMessage> = {}): StoredMessage {
  return {
    pubkey: PK,
    namespace: 0,
    hash: `hash${String(i).padStart(39, "0")}`,
    timestamp: T0,
    expiry: T0 + 60_000,
    data: new Uint8Array([i]),
    ...extra,
  };
}

async function withKv(fn: (kv: Deno.Kv) => Promise<void>) {
  const kv = await Deno.openKv(":memory:");
  try {
    await fn(kv);
  } finally {
    kv.close();
  }
}

async function keysUnder(kv: Deno.Kv, nodeId: string): Promise<Deno.KvKey[]> {
  const keys = [];
  for await (const { key } of kv.list({ prefix: ["devnet-storage", nodeId] })) keys.push(key);
  return keys;
}

Deno.test("kv store: nodes sharing one KV keep to their own prefix", async () => {
  await withKv(async (kv) => {
    const a = createKvMessageStore(kv, "a");
    const b = createKvMessageStore(kv, "b");
    await a.put(message(1), T0);
    assert.equal((await a.list(PK, 0, T0)).messages.length, 1);
    assert.equal((await b.list(PK, 0, T0)).messages.length, 0);
    assert.deepEqual(await b.deleteByHash(PK, [message(1).hash], T0), []);
    assert.equal(await a.countMessages(T0), 1);
  });
});

Deno.test("kv store: data beyond one KV value is chunked, read back whole, deleted whole", async () => {
  await withKv(async (kv) => {
    const store = createKvMessageStore(kv, "n");
    const data = new Uint8Array(76_800).map((_, i) => i % 251);
    await store.put(message(1, { data }), T0);
    const [got] = (await store.list(PK, 0, T0)).messages;
    assert.deepEqual(got.data, data);
    await store.updateExpiries(PK, [got.hash], [T0 + 120_000], "any", T0);
    assert.deepEqual((await store.list(PK, 0, T0 + 90_000)).messages[0].data, data);
    await store.deleteByHash(PK, [got.hash], T0);
    assert.deepEqual((await keysUnder(kv, "n")).map((k) => k[2]), ["seq"]);
  });
});

Deno.test("kv store: insertion order survives concurrent puts and a restart", async () => {
  await withKv(async (kv) => {
    const first = createKvMessageStore(kv, "n");
    await Promise.all(Array.from({ length: 30 }, (_, i) => first.put(message(i), T0)));
    const again = createKvMessageStore(kv, "n");
    await again.put(message(99), T0);
    const hashes = (await again.list(PK, 0, T0)).messages.map((m) => m.hash);
    assert.deepEqual(hashes, [
      ...Array.from({ length: 30 }, (_, i) => message(i).hash),
      message(99).hash,
    ]);
  });
});

Deno.test("kv store: duplicates are new, then extended (later expiry) or existing", async () => {
  await withKv(async (kv) => {
    const store = createKvMessageStore(kv, "n");
    assert.deepEqual(await store.put(message(1), T0), { status: "new", expiry: T0 + 60_000 });
    assert.deepEqual(await store.put(message(1, { expiry: T0 + 90_000 }), T0), {
      status: "extended",
      expiry: T0 + 90_000,
    });
    assert.deepEqual(await store.put(message(1, { expiry: T0 + 10_000 }), T0), {
      status: "exists",
      expiry: T0 + 90_000,
    });
    // Once expired, the same hash is stored anew (at the end of the order).
    await store.put(message(2), T0);
    assert.equal(
      (await store.put(message(1, { expiry: T0 + 200_000 }), T0 + 95_000)).status,
      "new",
    );
    const order = (await store.list(PK, 0, T0 + 95_000)).messages.map((m) => m.hash);
    assert.deepEqual(order, [message(1).hash]);
  });
});

Deno.test("kv store: purge removes every key of expired messages, and follows expiry changes", async () => {
  await withKv(async (kv) => {
    const store = createKvMessageStore(kv, "n");
    await store.put(message(1), T0);
    await store.put(message(2), T0);
    await store.updateExpiries(PK, [message(2).hash], [T0 + 600_000], "extend", T0);
    assert.equal(await store.purgeExpired(T0 + 60_000), 1);
    assert.deepEqual((await store.list(PK, 0, T0 + 60_000)).messages.map((m) => m.hash), [
      message(2).hash,
    ]);
    assert.equal(await store.purgeExpired(T0 + 600_000), 1);
    assert.deepEqual((await keysUnder(kv, "n")).map((k) => k[2]), ["seq"]);
  });
});

Deno.test("kv store: extend only raises, shorten only lowers, any sets", async () => {
  await withKv(async (kv) => {
    const store = createKvMessageStore(kv, "n");
    await store.put(message(1), T0);
    const h = [message(1).hash];
    assert.deepEqual(await store.updateExpiries(PK, h, [T0 + 30_000], "extend", T0), []);
    assert.deepEqual(await store.updateExpiries(PK, h, [T0 + 90_000], "shorten", T0), []);
    assert.deepEqual(await store.updateExpiries(PK, h, [T0 + 30_000], "shorten", T0), [
      { hash: h[0], expiry: T0 + 30_000 },
    ]);
    assert.deepEqual(await store.updateExpiries(PK, h, [T0 + 30_000], "any", T0), [
      { hash: h[0], expiry: T0 + 30_000 },
    ]);
    assert.deepEqual(await store.updateExpiries("05" + "22".repeat(32), h, [T0], "any", T0), []);
    assert.deepEqual([...await store.getExpiries(PK, h, T0)], [[h[0], T0 + 30_000]]);
  });
});

Deno.test("kv store: replace keeps one message in the namespace", async () => {
  await withKv(async (kv) => {
    const store = createKvMessageStore(kv, "n");
    await store.put(message(1, { namespace: -1 }), T0, { replace: true });
    await store.put(message(2, { namespace: -1 }), T0, { replace: true });
    await store.put(message(3, { namespace: -1 }), T0, { replace: true });
    await store.put(message(3, { namespace: -1 }), T0, { replace: true });
    assert.deepEqual((await store.list(PK, -1, T0)).messages.map((m) => m.hash), [message(3).hash]);
  });
});

Deno.test("kv store: revocations keep the newest 50 per account", async () => {
  await withKv(async (kv) => {
    const store = createKvMessageStore(kv, "n");
    for (let i = 0; i < 55; i++) await store.revokeSubaccounts(PK, [`t${i}`], T0 + i);
    assert.equal(await store.isSubaccountRevoked(PK, "t4"), false);
    assert.equal(await store.isSubaccountRevoked(PK, "t5"), true);
    assert.equal(await store.unrevokeSubaccounts(PK, ["t54", "t54", "t0"]), 1);
    assert.equal(await store.isSubaccountRevoked(PK, "t54"), false);
  });
});

Deno.test("kv store: bulk deletes larger than one atomic commit", async () => {
  await withKv(async (kv) => {
    const store = createKvMessageStore(kv, "n");
    for (let i = 0; i < 400; i++) await store.put(message(i, { namespace: i % 2 }), T0);
    const before = await store.deleteBefore(PK, "all", T0, T0);
    assert.equal(before.length, 400);
    assert.equal(await store.countMessages(T0), 0);
  });
});
