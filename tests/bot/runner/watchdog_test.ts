import assert from "node:assert/strict";
import type { ErrorEvent } from "../../../src/bot/mod.ts";
import { runBot, startWatchdog } from "../../../src/runner/mod.ts";
import { createTestNetwork, waitFor } from "../../../src/testing/mod.ts";

/** A client whose polls succeed, fail (an error event) or hang, as the test says. */
function fakeClient() {
  let handler: ((e: ErrorEvent) => void) | undefined;
  const state = { mode: "ok" as "ok" | "fail" | "hang", hung: [] as (() => void)[] };
  return {
    state,
    on: (_type: string, h: (e: ErrorEvent) => void) => (handler = h, () => handler = undefined),
    poll() {
      if (state.mode === "hang") return new Promise<void>((resolve) => state.hung.push(resolve));
      if (state.mode === "fail") {
        handler?.({ type: "error", code: "timeout", message: "all nodes timed out" } as ErrorEvent);
      }
      return Promise.resolve();
    },
  };
}

Deno.test("watchdog: unhealthy after staleMs of failed or hung polls, healthy again after a success", async () => {
  const client = fakeClient();
  const changes: boolean[] = [];
  const watchdog = startWatchdog(client as never, {
    staleMs: 150,
    probeMs: 20,
    onChange: (h) => void changes.push(h.healthy),
  });
  try {
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(watchdog.health().healthy, true);
    client.state.mode = "fail";
    const bad = await waitFor(() => !watchdog.health().healthy && watchdog.health());
    assert.match(bad.reason!, /no successful poll for 150 ms: all nodes timed out/);
    client.state.mode = "ok";
    await waitFor(() => watchdog.health().healthy, { what: "recovery" });
    client.state.mode = "hang";
    await waitFor(() => changes.length === 3, { what: "a hung poll noticed" });
    assert.deepEqual(changes, [false, true, false]);
    assert.match(watchdog.health().reason!, /a poll has not returned/);
  } finally {
    watchdog.stop();
    client.state.hung.forEach((resolve) => resolve());
  }
});

Deno.test("watchdog on a real bot: every node failing makes it unhealthy; recovery is noticed", async () => {
  await using net = await createTestNetwork();
  const bot = await net.createBot((bot) => bot.on("message", () => {}), {
    start: false,
    logLevel: "error",
  });
  const events: string[] = [];
  const run = await runBot(bot, {
    signals: false,
    watchdog: { staleMs: 400, probeMs: 50 },
    onEvent: (e) => void events.push(e.type === "health" ? `health:${e.health.healthy}` : e.type),
  });
  assert.equal(run.health().healthy, true);
  net.devnet.faults.nodes.forEach((node) => node.status(503));
  await waitFor(() => events.includes("health:false"), { what: "unhealthy" });
  assert.match(run.health().reason ?? "", /no successful poll for 400 ms/);
  net.devnet.faults.nodes.forEach((node) => node.clear());
  await waitFor(() => events.includes("health:true"), { timeout: 15_000, what: "healthy again" });
  assert.equal(run.health().healthy, true);
  await run.stop();
  assert.deepEqual(events, ["started", "health:false", "health:true", "stopping", "stopped"]);
});

Deno.test("watchdog: with stats() it reads the last successful poll and never forces one", async () => {
  let lastPollAt = Date.now();
  let polls = 0;
  const client = {
    on: () => () => {},
    poll: () => (polls++, Promise.resolve()),
    stats: () => Promise.resolve({ lastPollAt }),
  };
  const watchdog = startWatchdog(client as never, { staleMs: 150, probeMs: 20 });
  try {
    const ticking = setInterval(() => lastPollAt = Date.now(), 30);
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(watchdog.health().healthy, true);
    clearInterval(ticking); // the poll loop stops succeeding
    await waitFor(() => !watchdog.health().healthy, { what: "stale noticed" });
    assert.match(watchdog.health().reason!, /no successful poll for 150 ms/);
    lastPollAt = Date.now();
    await waitFor(() => watchdog.health().healthy, { what: "recovery read from stats" });
    assert.equal(polls, 0, "no extra poll rounds");
  } finally {
    watchdog.stop();
  }
});
