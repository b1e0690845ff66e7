/** Network time from replies' `t` (core §4.8). */
import assert from "node:assert/strict";
import { createClock } from "../../../src/client/network/mod.ts";

const NOW = 1_800_000_000_000;

Deno.test("the offset is the median of recent samples; one skewed node barely moves it", () => {
  const clock = createClock({ now: () => NOW });
  assert.equal(clock.now(), NOW);
  for (const t of [NOW + 1000, NOW + 1200, NOW + 300_000]) clock.observe({ t }, undefined);
  assert.equal(clock.offset(), -1200);
  assert.equal(clock.now(), NOW + 1200);
});

Deno.test("a node's own clock is used for that node while recent", () => {
  let local = NOW;
  const clock = createClock({ now: () => local, nodeTtlMs: 60_000 });
  clock.observe({ t: NOW }, "a");
  clock.observe({ t: NOW }, "b");
  clock.observe({ t: NOW - 300_000 }, "skewed");
  assert.equal(clock.now("skewed"), NOW - 300_000);
  assert.equal(clock.now("a"), NOW);
  assert.equal(clock.now("unknown"), NOW);
  local += 61_000; // stale: back to the median
  assert.equal(clock.now("skewed"), local);
});

Deno.test("implausible or missing t is ignored; batch sub-results count", () => {
  const clock = createClock({ now: () => NOW });
  for (const body of [null, "text", { t: "soon" }, { t: 5 }, { t: Number.NaN }, {}]) {
    clock.observe(body, "x");
  }
  assert.equal(clock.offset(), 0);
  clock.observe({ results: [{ code: 200, body: { t: NOW + 5000 } }, { code: 500, body: "x" }] });
  assert.equal(clock.offset(), -5000);
});

Deno.test("only the last `window` samples count", () => {
  const clock = createClock({ now: () => NOW, window: 3 });
  for (const t of [NOW + 9000, NOW + 9000, NOW + 9000, NOW, NOW, NOW]) clock.observe({ t });
  assert.equal(clock.offset(), 0);
});
