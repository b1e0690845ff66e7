import assert from "node:assert/strict";
import { createMailbox, peerId, waitFor } from "../../src/testing/mod.ts";

Deno.test("mailbox: hands out the oldest match, waits for the next, times out with a summary", async () => {
  const box = createMailbox<number>((all) => `got ${all.join(",")}`);
  box.push(1);
  box.push(2);
  assert.equal(await box.take((n) => n % 2 === 0, 100, "even"), 2);
  const waiting = box.take((n) => n > 5, 1000, "big");
  box.push(3);
  box.push(7);
  assert.equal(await waiting, 7);
  assert.equal(await box.take(() => true, 100, "any"), 1);
  await assert.rejects(
    box.take((n) => n > 100, 30, "huge"),
    /huge: nothing within 30 ms\. got 1,2,3,7/,
  );
  const pending = box.take(() => false, 1000, "never");
  box.close("closed");
  await assert.rejects(pending, /closed/);
  assert.deepEqual(box.all, [1, 2, 3, 7]);
});

Deno.test("waitFor: the first truthy value, or a timeout naming what was awaited", async () => {
  let n = 0;
  assert.equal(await waitFor(() => ++n >= 3 && n, { intervalMs: 1 }), 3);
  await assert.rejects(
    waitFor(() => false, { timeout: 30, what: "pigs to fly" }),
    /waiting for pigs to fly/,
  );
});

Deno.test("peerId: Session IDs from strings, clients and bots", () => {
  assert.equal(peerId("05ab"), "05ab");
  assert.equal(peerId({ sessionId: "05cd" }), "05cd");
  assert.equal(peerId({ me: "05ef" }), "05ef");
});
