import assert from "node:assert/strict";
import {
  createLease,
  type DeposedReason,
  type Lease,
  startElection,
} from "../../../src/runner/mod.ts";
import { waitFor } from "../../../src/testing/mod.ts";

const timing = { ttlMs: 300 };

function member(
  kv: Deno.Kv,
  name: string,
  log: string[],
  lease: Lease = createLease(kv, "bot", timing),
) {
  return startElection({
    lease,
    retryMs: 30,
    onElected: () => void log.push(`${name} elected`),
    onDeposed: (reason: DeposedReason) => void log.push(`${name} deposed: ${reason}`),
    onStandby: () => void log.push(`${name} standby`),
  });
}

Deno.test("election: one leader; when it stops, the standby takes over at once", async () => {
  await using kv = await Deno.openKv(":memory:");
  const log: string[] = [];
  const a = member(kv, "a", log);
  await waitFor(() => a.leader);
  const b = member(kv, "b", log);
  await waitFor(() => log.includes("b standby"));
  assert.equal(b.leader, false);
  await a.stop();
  const stoppedAt = performance.now();
  await waitFor(() => b.leader, { what: "b leading" });
  assert.ok(performance.now() - stoppedAt < 200, "no need to wait for the TTL after a release");
  await b.stop();
  assert.deepEqual(log, [
    "a elected",
    "b standby",
    "a deposed: stopping",
    "b elected",
    "b deposed: stopping",
  ]);
});

Deno.test("election: a leader that cannot renew steps down before its lease lapses", async () => {
  await using kv = await Deno.openKv(":memory:");
  const log: string[] = [];
  const real = createLease(kv, "bot", timing);
  let broken = false;
  const unreachable = () => Promise.reject(new Error("store unreachable"));
  const flaky: Lease = Object.create(real, {
    acquire: { value: () => broken ? unreachable() : real.acquire() },
    renew: { value: () => broken ? unreachable() : real.renew() },
  });
  const errors: unknown[] = [];
  const a = startElection({
    lease: flaky,
    onElected: () => void log.push("a elected"),
    onDeposed: (reason) => void log.push(`a deposed: ${reason}`),
    onError: (e) => void errors.push(e),
  });
  await waitFor(() => a.leader);
  const b = member(kv, "b", log);
  broken = true;
  await waitFor(() => b.leader, { what: "b taking over" });
  const deposed = log.indexOf("a deposed: lost");
  assert.ok(deposed >= 0 && deposed < log.indexOf("b elected"), log.join(", "));
  assert.match(String(errors[0]), /store unreachable/);
  await Promise.all([a.stop(), b.stop()]);
});

Deno.test("election: a failing onElected steps down and tries again later", async () => {
  await using kv = await Deno.openKv(":memory:");
  let tries = 0;
  const reasons: string[] = [];
  const election = startElection({
    lease: createLease(kv, "bot", { ttlMs: 90 }),
    retryMs: 10,
    onElected: () => {
      if (++tries === 1) throw new Error("setup failed");
    },
    onDeposed: (reason) => void reasons.push(reason),
    onError: () => {},
  });
  await waitFor(() => tries === 2, { what: "a second try" });
  await election.stop();
  assert.deepEqual(reasons, ["failed", "stopping"]);
});
