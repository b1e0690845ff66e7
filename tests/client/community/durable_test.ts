/**
 * The community inbox is the durable one: a restart resumes from the KV cursor (no replay, no
 * loss), failing handlers are retried then dead-lettered, bad posts become errors and the poll
 * goes on, and `history` delivers earlier posts.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { toBase64 } from "../../../src/core/bytes.ts";
import { blind15Sign } from "../../../src/crypto/blinding.ts";
import type { CommunityMessageEvent } from "../../../src/client/community/mod.ts";
import { createConnection } from "../../../src/client/community/transport.ts";
import type { SessionEvent } from "../../../src/client/session/mod.ts";
import { identity, record, ROOM_POLL, waitFor, withDevnet } from "./_setup.ts";

const bodies = (events: SessionEvent[]) =>
  events.flatMap((e) => e.type === "community:message" ? [e.body] : []);

Deno.test("a restart resumes from the KV cursor: nothing replayed, nothing lost", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sessionbot-community-" });
  try {
    await withDevnet(async ({ devnet, open }) => {
      const link = devnet.community.joinLink;
      const bob = await open(identity(6));
      await bob.start();
      const bobRoom = await bob.communities.join(link, { pollInterval: ROOM_POLL });

      const path = join(dir, "alice.kv");
      let alice = await open(identity(5), { kv: path });
      let seen = record(alice);
      await alice.start();
      await alice.communities.join(link, { pollInterval: ROOM_POLL });
      const m1 = await bobRoom.post("one");
      await waitFor(seen, (e) => e.type === "community:message" && e.messageId === m1.id, "one");
      await alice.idle();
      await alice.stop();

      // While Alice is away: two posts and a reaction.
      const m2 = await bobRoom.post("two");
      await bobRoom.post("three");
      await bobRoom.react(m1.id, "🎉");

      alice = await open(identity(5), { kv: path });
      seen = record(alice);
      await alice.start();
      assert.deepEqual((await alice.communities.list()).map((c) => c.room), ["lobby"]);
      assert.ok(alice.communities.get(link), "resumed rooms are loaded by start()");
      await waitFor(
        seen,
        (e) => e.type === "community:reaction" && e.emoji === "🎉",
        "the reaction",
      );
      const m4 = await bobRoom.post("four");
      await waitFor(seen, (e) => e.type === "community:message" && e.messageId === m4.id, "four");
      await alice.idle();
      assert.deepEqual(bodies(seen), ["two", "three", "four"]);
      const ids = seen.filter((e) => e.type === "community:message").map((e) =>
        (e as CommunityMessageEvent).messageId
      );
      assert.equal(ids[0], m2.id);
      await alice.stop();
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("failing handlers are retried, then dead-lettered; bad posts are errors; polling goes on", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const link = devnet.community.joinLink;
    const alice = await open(identity(7));
    const bob = await open(identity(8));
    const seen = record(alice);
    const tries = new Map<string, number>();
    alice.on("community:message", (e) => {
      const n = (tries.get(e.body ?? "") ?? 0) + 1;
      tries.set(e.body ?? "", n);
      if (e.body === "flaky" && n === 1) throw new Error("first try fails");
      if (e.body === "poison") throw new Error("always fails");
    });
    await alice.start();
    await bob.start();
    await alice.communities.join(link, { pollInterval: ROOM_POLL });
    const bobRoom = await bob.communities.join(link, { pollInterval: ROOM_POLL });

    await bobRoom.post("flaky");
    await bobRoom.post("poison");
    // A correctly signed post whose data is not a Session message, sent by hand.
    const junk = new Uint8Array([0xff, 0xff, 0xff, 0x80]);
    const junkSeed = new Uint8Array(32).fill(9);
    const raw = createConnection({
      network: {
        serverRequest: () => Promise.reject(new Error("direct only")),
        now: () => Date.now(),
      },
      seed: junkSeed,
      server: devnet.community.url,
      publicKey: devnet.community.publicKey,
      transport: "direct",
      blinded: () => true,
    });
    await raw.call("garbage post", {
      method: "POST",
      path: "/room/lobby/message",
      json: {
        data: toBase64(junk),
        signature: toBase64(blind15Sign(junkSeed, devnet.community.publicKey, junk)),
      },
    });
    const after = await bobRoom.post("after");
    await waitFor(
      seen,
      (e) => e.type === "community:message" && e.messageId === after.id,
      "the post after",
    );
    await waitFor(
      seen,
      (e) => e.type === "error" && e.code === "bad_post" && e,
      "the bad post's error",
    );
    await waitFor(
      seen,
      (e) => e.type === "error" && e.code === "handler_failed" && e,
      "the poison dead letter",
    );
    await alice.idle();
    assert.equal(tries.get("flaky"), 2);
    assert.equal(tries.get("poison"), 3);
    assert.equal(tries.get("after"), 1);
    const letters = await alice.deadLetters();
    const codes = letters.filter((l) => l.id.startsWith(devnet.community.url)).map((l) => l.code)
      .sort();
    assert.deepEqual(codes, ["bad_post", "handler_failed"]);
  });
});

Deno.test("history: a late joiner gets the earlier posts when asked, not otherwise", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const link = devnet.community.joinLink;
    const bob = await open(identity(10));
    await bob.start();
    const bobRoom = await bob.communities.join(link, { pollInterval: ROOM_POLL });
    await bobRoom.post("old 1");
    await bobRoom.post("old 2");

    const withHistory = await open(identity(11));
    const seenWith = record(withHistory);
    await withHistory.start();
    await withHistory.communities.join(link, { history: true, pollInterval: ROOM_POLL });

    const without = await open(identity(12));
    const seenWithout = record(without);
    await without.start();
    await without.communities.join(link, { pollInterval: ROOM_POLL });

    const marker = await bobRoom.post("new");
    for (const seen of [seenWith, seenWithout]) {
      await waitFor(
        seen,
        (e) => e.type === "community:message" && e.messageId === marker.id,
        "new",
      );
    }
    await withHistory.idle();
    await without.idle();
    assert.deepEqual(bodies(seenWith), ["old 1", "old 2", "new"]);
    assert.deepEqual(bodies(seenWithout), ["new"]);
  });
});
