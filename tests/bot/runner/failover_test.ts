/**
 * High availability: three processes share one KV file and elect one poller with the lease.
 * The leader is killed with SIGKILL in the middle of a handler while messages keep arriving
 * (a handler that ran but did not commit runs again); another process takes over
 * within 15 s (default lease timing), and every message's KV effect is committed exactly once.
 */
import assert from "node:assert/strict";
import { createTestNetwork, waitFor } from "../../../src/testing/mod.ts";
import type { Spawned } from "../../_spawn.ts";
import { botHome } from "./_helpers.ts";

const started = (p: Spawned) => p.lines.filter((l) => l.includes('"event":"started"')).length;

Deno.test("failover: SIGKILL the leader, another takes over ≤ 15 s, no message lost or handled twice", async () => {
  await using net = await createTestNetwork();
  await using home = await botHome();
  const alice = await net.createUser("alice");
  const procs = [0, 1, 2].map(() => home.start(net.seedUrl));
  try {
    const leader = await waitFor(() => procs.find((p) => started(p) > 0), {
      timeout: 30_000,
      what: "a leader",
    });
    await waitFor(
      () => procs.every((p) => p === leader || p.lines.some((l) => l.includes('"standby"'))),
      {
        what: "two standbys",
      },
    );
    assert.equal(procs.filter((p) => started(p) > 0).length, 1, "exactly one leader");

    const ids = Array.from({ length: 90 }, (_, i) => `m${String(i).padStart(3, "0")}`);
    const send = (batch: string[], prefix = "") =>
      Promise.all(batch.map((id) => alice.send(home.identity.sessionId, prefix + id)));
    await send(ids.slice(0, 30));
    await waitFor(async () => (await home.handled()).size >= 10, {
      what: "the leader handling messages",
    });

    // Slow handlers (150 ms each): the leader dies in the middle of one.
    const sending = send(ids.slice(30, 60), "slow:150:");
    await leader.line(/"event":"handling"/);
    leader.kill("SIGKILL");
    const killedAt = performance.now();
    await leader.status;
    const next = await waitFor(() => procs.find((p) => p !== leader && started(p) > 0), {
      timeout: 20_000,
      intervalMs: 50,
      what: "a new leader",
    });
    const takeoverMs = performance.now() - killedAt;
    await sending;
    await send(ids.slice(60));

    const counts = await waitFor(async () => {
      const handled = await home.handled();
      return handled.size === ids.length && handled;
    }, { timeout: 30_000, intervalMs: 250, what: "every message handled" });
    assert.deepEqual([...counts.keys()].sort(), ids, "no message lost");
    assert.deepEqual(
      [...counts].filter(([, n]) => n !== 1n),
      [],
      "every effect committed exactly once",
    );
    assert.equal(await home.inbox(), 0, "the inbox is empty");
    assert.ok(takeoverMs <= 15_000, `takeover took ${Math.round(takeoverMs)} ms`);

    const rest = procs.filter((p) => p !== leader);
    rest.forEach((p) => p.kill("SIGTERM"));
    for (const p of rest) assert.equal((await p.status).code, 0, p.stderr());
    const log = await home.log();
    console.log(
      `takeover ${
        (takeoverMs / 1000).toFixed(1)
      } s after SIGKILL (new leader pid ${next.child.pid}); ` +
        `${ids.length} messages, handler ran ${log.length} times (${
          log.length - ids.length
        } re-run after the kill, ` +
        "each committed once)",
    );
  } finally {
    await Promise.all(procs.map((p) => p[Symbol.asyncDispose]()));
  }
});
