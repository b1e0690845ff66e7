import assert from "node:assert/strict";
import { createTestNetwork } from "../../src/testing/mod.ts";
import { runOnce } from "../../src/server/idempotency.ts";
import { ApiError } from "../../src/server/mod.ts";
import { postJson, startService } from "./_setup.ts";

const keyed = (key: string) => ({ headers: { "idempotency-key": key } });

Deno.test("Idempotency-Key: a repeated POST /v1/messages is answered from store, sent once", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const alice = await net.createUser("alice");
  const message = { to: alice.sessionId, body: "disk 91% full" };

  const first = await postJson(service, "/v1/messages", message, keyed("cron-disk-1"));
  assert.equal(first.status, 201, await first.clone().text());
  assert.equal(first.headers.get("idempotent-replayed"), null);
  const again = await postJson(service, "/v1/messages", message, keyed("cron-disk-1"));
  assert.equal(again.status, 201);
  assert.equal(again.headers.get("idempotent-replayed"), "true");
  assert.deepEqual(await again.json(), await first.json());

  // Alice got it once: the next message she sees is the one sent after.
  const marker = await postJson(service, "/v1/messages", { to: alice.sessionId, body: "marker" });
  assert.equal(marker.status, 201);
  await marker.body?.cancel();
  assert.equal((await alice.nextMessage()).body, "disk 91% full");
  assert.equal((await alice.nextMessage()).body, "marker");

  // The same key for another message is refused; a new key sends.
  const reused = await postJson(
    service,
    "/v1/messages",
    { ...message, body: "disk 95% full" },
    keyed("cron-disk-1"),
  );
  assert.equal(reused.status, 422);
  assert.equal((await reused.json()).error, "idempotency_key_reused");
  const fresh = await postJson(
    service,
    "/v1/messages",
    { ...message, body: "disk 95% full" },
    keyed("cron-disk-2"),
  );
  assert.equal(fresh.status, 201);
  await fresh.body?.cancel();
});

Deno.test("Idempotency-Key: bad keys are 400; a failed send releases its key", async () => {
  await using net = await createTestNetwork();
  await using service = await startService(net);
  const alice = await net.createUser("alice");
  for (const key of ["has space", "é", "x".repeat(256)]) {
    const response = await postJson(service, "/v1/messages", { to: alice.sessionId }, keyed(key));
    assert.equal(response.status, 400, key);
    assert.equal((await response.json()).code, "bad_idempotency_key");
  }
  const failed = await postJson(
    service,
    "/v1/messages",
    { to: "nobody-registered", body: "x" },
    keyed("retry-me"),
  );
  assert.equal(failed.status, 400);
  await failed.body?.cancel();
  net.devnet.names.register("nobody-registered", alice.sessionId);
  const retried = await postJson(
    service,
    "/v1/messages",
    { to: "nobody-registered", body: "x" },
    keyed("retry-me"),
  );
  assert.equal(retried.status, 201, await retried.clone().text());
  assert.equal(retried.headers.get("idempotent-replayed"), null);
  await retried.body?.cancel();
});

Deno.test("runOnce: concurrent requests send once; a claim left by a crash is taken after 5 min", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    let sends = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => release = r);
    const send = async () => {
      sends++;
      await held;
      return { status: 201, body: { n: sends } };
    };
    const first = runOnce(kv, ["05aa", "k"], "f1", send);
    await new Promise((r) => setTimeout(r, 10));
    await assert.rejects(
      runOnce(kv, ["05aa", "k"], "f1", send),
      (e) => e instanceof ApiError && e.status === 409 && e.code === "request_in_progress",
    );
    release();
    assert.deepEqual(await first, { status: 201, body: { n: 1 }, replayed: false });
    assert.equal(sends, 1);

    // A process died while sending: its claim stays, then expires for the next caller.
    const key = ["api_idempotency", "05aa", "crashed"];
    await kv.set(key, { state: "sending", fingerprint: "f2", since: 1_000 });
    await assert.rejects(
      runOnce(kv, ["05aa", "crashed"], "f2", send, () => 1_000 + 60_000),
      (e) => e instanceof ApiError && e.status === 409,
    );
    const taken = await runOnce(kv, ["05aa", "crashed"], "f2", send, () => 1_000 + 300_001);
    assert.equal(taken.replayed, false);
    assert.equal(sends, 2);
  } finally {
    kv.close();
  }
});
