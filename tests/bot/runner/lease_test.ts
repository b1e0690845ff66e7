import assert from "node:assert/strict";
import { createLease } from "../../../src/runner/mod.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("lease: one holder; renewals keep it; it lapses after ttlMs; the fence stops the old holder", async () => {
  await using kv = await Deno.openKv(":memory:");
  const a = createLease(kv, "bot", { ttlMs: 200 });
  const b = createLease(kv, "bot", { ttlMs: 200 });
  assert.equal(await a.acquire(), true);
  assert.equal(a.epoch, 1);
  assert.equal(await b.acquire(), false);
  for (let i = 0; i < 5; i++) {
    await sleep(60);
    assert.equal(await a.renew(), true);
    assert.equal(await b.acquire(), false, "renewed leases stay taken");
  }
  assert.deepEqual((await b.read())?.owner, a.owner);

  await sleep(250); // a stops renewing
  assert.equal(await b.acquire(), true);
  assert.equal(b.epoch, 2);
  assert.equal(await a.renew(), false, "a learns it lost the lease");
  assert.equal(a.held, false);
  assert.equal((await kv.atomic().check(a.fence()).set(["effect"], "a").commit()).ok, false);
  assert.equal((await kv.atomic().check(b.fence()).set(["effect"], "b").commit()).ok, true);
  assert.equal(await b.renew(), true, "renewals keep the fence");
  assert.equal((await kv.atomic().check(b.fence()).set(["effect"], "b2").commit()).ok, true);

  await b.release();
  assert.equal(await a.acquire(), true, "a released lease is free at once");
  assert.equal(a.epoch, 3);
});

Deno.test("lease: a record past its expiry (beyond the clock skew) is free for a newcomer", async () => {
  await using kv = await Deno.openKv(":memory:");
  await kv.set(["lease", "bot"], { owner: "crashed", epoch: 4, expiresAt: Date.now() - 5000 });
  await kv.set(["lease", "bot", "epoch"], { epoch: 4, owner: "crashed" });
  const fresh = createLease(kv, "bot", { ttlMs: 60_000, clockSkewMs: 1000 });
  assert.equal(await fresh.acquire(), true);
  assert.equal(fresh.epoch, 5);
  const late = createLease(kv, "bot", { ttlMs: 60_000 });
  assert.equal(await late.acquire(), false, "a fresh record is not free");
});

Deno.test("lease: options are checked", async () => {
  await using kv = await Deno.openKv(":memory:");
  assert.throws(
    () => createLease(kv, "bot", { ttlMs: 0 }),
    /lease\.ttlMs must be a positive number/,
  );
});
