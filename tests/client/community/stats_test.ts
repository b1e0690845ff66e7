/** Rooms in `client.stats()` and `client.poll()`. */
import assert from "node:assert/strict";
import { identity, record, ROOM_POLL, waitFor, withDevnet } from "./_setup.ts";

Deno.test("client.poll() polls joined rooms at once; stats count room events", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const alice = await open(identity(1));
    const bob = await open(identity(2));
    const seenByBob = record(bob);
    await alice.start();
    await bob.start();
    const link = devnet.community.joinLink;
    const aliceRoom = await alice.communities.join(link, { pollInterval: ROOM_POLL });
    // Bob's room poller would wait a minute between rounds: only poll() fetches in time.
    await bob.communities.join(link, { pollInterval: { min: 60_000, max: 60_000 } });
    await bob.poll();
    const before = await bob.stats();
    const posted = await aliceRoom.post("poll me");
    await bob.poll();
    await waitFor(
      seenByBob,
      (e) => e.type === "community:message" && e.messageId === posted.id && e,
      "the post, fetched by poll()",
    );
    await bob.idle();
    const after = await bob.stats();
    assert.equal(after.received - before.received, 1);
    assert.equal(after.inbox, 0);
  });
});
