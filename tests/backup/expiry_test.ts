import assert from "node:assert/strict";
import { expiresAt, restoreExpireIn, SEEN_KEEP_MS } from "../../src/backup/expiry.ts";

Deno.test("expiry: dedup markers outlive any message still in a swarm; others keep theirs", () => {
  const now = 1_700_000_000_000;
  const sid = "05" + "ab".repeat(32);
  assert.equal(expiresAt(["seen", sid, "hash"], now), now + SEEN_KEEP_MS);
  assert.ok(SEEN_KEEP_MS >= 14 * 86_400_000);
  assert.equal(expiresAt(["ref", sid, "05cd", now - 1000], now), now - 1000 + SEEN_KEEP_MS);
  assert.equal(expiresAt(["sent", sid, now - 5], now), now - 5 + SEEN_KEEP_MS);
  assert.equal(expiresAt(["dead", sid, "in", "x"], now), now + 14 * 86_400_000);
  assert.equal(expiresAt(["dead", sid, "out", "x"], now), undefined);
  for (const key of [["identity", "x"], ["cursor", sid, 0, "n"], ["contact", sid, "p"], ["hook"]]) {
    assert.equal(expiresAt(key, now), undefined, JSON.stringify(key));
  }
  // restored later: what is left, at least an hour
  assert.equal(restoreExpireIn(now + 10 * 86_400_000, now + 86_400_000), 9 * 86_400_000);
  assert.equal(restoreExpireIn(now, now + 86_400_000), 3_600_000);
  assert.equal(restoreExpireIn(undefined, now), undefined);
});
