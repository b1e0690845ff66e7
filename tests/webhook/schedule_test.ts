import assert from "node:assert/strict";
import { DEFAULT_SCHEDULE } from "../../src/webhook/mod.ts";
import { nextDelay, parseRetryAfter } from "../../src/webhook/schedule.ts";

const HOUR = 3600_000;

Deno.test("schedule: the default retries for at least 24 h even with the shortest jitter", () => {
  const total = (random: () => number) => {
    let sum = 0;
    for (let attempt = 1;; attempt++) {
      const delay = nextDelay(attempt, DEFAULT_SCHEDULE, random);
      if (delay === undefined) return { sum, attempts: attempt };
      sum += delay;
    }
  };
  const shortest = total(() => 0);
  const longest = total(() => 0.999999);
  assert.equal(shortest.attempts, 12, "12 attempts, then dead");
  assert.ok(shortest.sum >= 24 * HOUR, `${shortest.sum / HOUR} h`);
  assert.ok(longest.sum <= 40 * HOUR, `${longest.sum / HOUR} h`);
  // exponential-ish and jittered ±20 %
  assert.equal(nextDelay(1, DEFAULT_SCHEDULE, () => 0.5), 5000);
  assert.equal(nextDelay(1, DEFAULT_SCHEDULE, () => 0), 4000);
  assert.equal(nextDelay(2, DEFAULT_SCHEDULE, () => 0.5), 30_000);
  for (let i = 1; i < DEFAULT_SCHEDULE.length; i++) {
    assert.ok(DEFAULT_SCHEDULE[i] >= DEFAULT_SCHEDULE[i - 1]);
  }
});

Deno.test("schedule: Retry-After (seconds or a date) lengthens the wait, capped at 8 h", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(parseRetryAfter("120", now), 120_000);
  assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now), 60_000);
  assert.equal(parseRetryAfter("soon", now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
  assert.equal(nextDelay(1, [5000], () => 0.5, 120_000), 120_000);
  assert.equal(nextDelay(1, [5000], () => 0.5, 1000), 5000, "never shorter than the schedule");
  assert.equal(nextDelay(1, [5000], () => 0.5, 100 * HOUR), 8 * HOUR);
  assert.equal(nextDelay(2, [5000], () => 0.5, 1000), undefined);
});
