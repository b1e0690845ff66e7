/**
 * Redelivering community dead letters (room posts and blinded DMs) once the handler is fixed:
 * handled once more with the same `event.id`, the dead letter gone, the pollers' intakes never
 * conflicting with the moved counter.
 */
import assert from "node:assert/strict";
import { SessionBotError, ValidationError } from "../../../src/core/errors.ts";
import { redeliverCommunityLetter } from "../../../src/client/community/redeliver.ts";
import { intake } from "../../../src/client/community/intake.ts";
import type { RawRoomUpdate } from "../../../src/client/community/raw.ts";
import { createInbox } from "../../../src/client/session/inbox.ts";
import type { SessionClient, SessionEvent } from "../../../src/client/session/mod.ts";
import { identity, record, ROOM_POLL, waitFor, withDevnet } from "./_setup.ts";

const code = (want: string) => (e: unknown) =>
  e instanceof SessionBotError && e.code === want || assert.fail(`expected ${want}, got ${e}`);

const errorCodes = (events: SessionEvent[]) =>
  events.flatMap((e) => e.type === "error" ? [e.code] : []);

/** The community dead letters of `client` (the 1:1 ones have no `:` in their id). */
async function communityLetters(client: SessionClient) {
  return (await client.deadLetters()).filter((l) => l.id.includes(":"));
}

async function until<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test("redeliver: a fixed handler gets the room post once, same id, no poll conflict", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const link = devnet.community.joinLink;
    const alice = await open(identity(60), { retry: { attempts: 2, backoffMs: [20] } });
    const bob = await open(identity(61));
    const seen = record(alice);
    let fixed = false;
    const ids: string[] = [];
    const handled: string[] = [];
    alice.on("community:message", (e) => {
      if (e.body === "needs fix") ids.push(e.id);
      if (!fixed && e.body === "needs fix") throw new Error("bug in the handler");
      handled.push(e.body ?? "");
    });
    await alice.start();
    await bob.start();
    await alice.communities.join(link, { pollInterval: ROOM_POLL });
    const bobRoom = await bob.communities.join(link, { pollInterval: ROOM_POLL });

    const post = await bobRoom.post("needs fix");
    const [letter] = await until(
      () => communityLetters(alice).then((l) => l.length ? l : undefined),
      "the dead letter",
    );
    await alice.idle();
    assert.equal(letter.id, `${devnet.community.url}/lobby#${post.seqno}`);
    assert.deepEqual([letter.box, letter.code, letter.attempts], ["in", "handler_failed", 2]);
    assert.ok(letter.data, "the raw update is kept");

    fixed = true;
    // A post waits on the server while the redelivery races a poll round for the counter.
    await bobRoom.post("later");
    await Promise.all([alice.poll(), alice.redeliver(letter)]);
    await waitFor(seen, (e) => e.type === "community:message" && e.body === "later", "later");
    await until(() => Promise.resolve(handled.length === 2), "both handled");
    const after = await bobRoom.post("after");
    await waitFor(
      seen,
      (e) => e.type === "community:message" && e.messageId === after.id,
      "the post after (polling goes on with the moved counter)",
    );
    await alice.poll();
    await alice.idle();

    assert.deepEqual(handled.sort(), ["after", "later", "needs fix"]);
    assert.equal(ids.length, 3, "two failed tries, then the redelivery");
    assert.deepEqual(new Set(ids), new Set([`${devnet.community.url}/lobby/${post.id}`]));
    assert.deepEqual(await communityLetters(alice), []);
    assert.deepEqual(errorCodes(seen), ["handler_failed"], "no poll_conflict, nothing else");
    await assert.rejects(alice.redeliver(letter), code("not_found"));
    await assert.rejects(alice.redeliver({ ...letter, box: "out" }), code("wrong_box"));
  });
});

Deno.test("redeliver: a blinded DM dead letter is handled once more with its id", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const link = devnet.community.joinLink;
    const alice = await open(identity(62), { retry: { attempts: 1, backoffMs: [20] } });
    const bob = await open(identity(63));
    const seen = record(alice);
    let fixed = false;
    const got: { id: string; body?: string; sessionId: string }[] = [];
    alice.on("community:dm", (e) => {
      if (!fixed) throw new Error("bug in the DM handler");
      got.push({ id: e.id, body: e.body, sessionId: e.sessionId });
    });
    await alice.start();
    await bob.start();
    const aliceRoom = await alice.communities.join(link, { pollInterval: ROOM_POLL });
    const bobRoom = await bob.communities.join(link, { pollInterval: ROOM_POLL });
    await alice.poll(); // the first DM poll only sets the cursor

    const dm = await bobRoom.sendDm(aliceRoom.me, "psst");
    const [letter] = await until(
      () => communityLetters(alice).then((l) => l.length ? l : undefined),
      "the DM's dead letter",
    );
    await alice.idle();
    assert.equal(letter.id, `${devnet.community.url}/inbox/${dm.id}`);
    assert.equal(letter.code, "handler_failed");

    fixed = true;
    await alice.redeliver(letter.id);
    await until(() => Promise.resolve(got.length === 1), "the redelivered DM");
    await alice.poll();
    await alice.idle();
    assert.deepEqual(got, [{
      id: `${devnet.community.url}/inbox/${dm.id}`,
      body: "psst",
      sessionId: bob.sessionId,
    }]);
    assert.deepEqual(await communityLetters(alice), []);
    assert.deepEqual(errorCodes(seen), ["handler_failed"]);
  });
});

Deno.test("redeliver before start: the community letter is handled once the client starts", async () => {
  await withDevnet(async ({ devnet, open }) => {
    const kv = await Deno.openKv(":memory:");
    try {
      const link = devnet.community.joinLink;
      const bob = await open(identity(65));
      await bob.start();
      const bobRoom = await bob.communities.join(link, { pollInterval: ROOM_POLL });
      const first = await open(identity(64), { kv, retry: { attempts: 1, backoffMs: [20] } });
      first.on("community:message", () => {
        throw new Error("bug");
      });
      await first.start();
      await first.communities.join(link, { pollInterval: ROOM_POLL });
      const post = await bobRoom.post("again");
      await until(() => communityLetters(first).then((l) => l.length > 0), "dead letter");
      await first.stop();

      const alice = await open(identity(64), { kv });
      const seen = record(alice);
      const [letter] = await communityLetters(alice);
      await alice.redeliver(letter);
      assert.deepEqual(await communityLetters(alice), [], "moved at once, handled on start");
      await alice.start();
      await waitFor(
        seen,
        (e) => e.type === "community:message" && e.messageId === post.id,
        "handled after start",
      );
      await alice.poll();
      await alice.idle();
      assert.equal(seen.filter((e) => e.type === "community:message").length, 1);
      assert.deepEqual(errorCodes(seen), []);
      await alice.stop();
      await assert.rejects(alice.redeliver(letter), code("stopped"));
    } finally {
      kv.close();
    }
  });
});

Deno.test("redeliverCommunityLetter takes the next community number and keeps the raw JSON", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const sid = identity(66).sessionId;
    const server = "http://127.0.0.1:4000";
    const ref = { server, room: "lobby", publicKey: "ab".repeat(32) };
    const raw: RawRoomUpdate = {
      kind: "room",
      ref,
      message: { id: 7, seqno: 9, posted: 1_700_000_000.5, data: "AA", session_id: "15aa" },
      reactions: [],
    };
    const data = JSON.stringify(raw);
    const dead = (id: string, extra: Record<string, unknown> = {}) =>
      kv.set(["dead", sid, "in", id], {
        box: "in",
        id,
        code: "handler_failed",
        reason: "x",
        attempts: 3,
        at: 1,
        ...extra,
      });
    const cursor = ["community_cursor", sid, `${server}/lobby`];
    // Two entries already queued by an intake (numbers 1 and 2).
    const queued = (hash: string, n: number) => ({ hash, raw, timestamp: n, cursor: n });
    const first = await intake(kv, sid, cursor, null, [queued("q1", 1), queued("q2", 2)]);
    await dead(`${server}/lobby#9`, { data });

    assert.equal(await redeliverCommunityLetter(kv, sid, `${server}/lobby#9`), 3);
    assert.equal((await kv.get(["community_seq", sid])).value, 4);
    assert.equal((await kv.get(["dead", sid, "in", `${server}/lobby#9`])).value, null);
    // The next intake (same cursor versionstamp) goes after it without a conflict.
    await intake(kv, sid, cursor, first.versionstamp, [queued("q3", 3)]);
    const entries = await createInbox(kv, sid, "community_inbox").list(0, 10);
    assert.deepEqual(entries.map((e) => [e.seq, e.hash]), [
      [1, "q1"],
      [2, "q2"],
      [3, `${server}/lobby#9`],
      [4, "q3"],
    ]);
    assert.equal(entries[2].data, data, "the raw JSON the intake stored");
    assert.equal(entries[2].attempts, undefined, "a fresh attempt count");
    assert.equal(entries[2].timestamp, 1_700_000_000_500, "the post's time");

    await dead(`${server}/inbox/4`);
    await assert.rejects(redeliverCommunityLetter(kv, sid, `${server}/inbox/4`), (e) => {
      assert.ok(e instanceof ValidationError && e.code === "no_data", String(e));
      return true;
    });
    await dead(`${server}/inbox/5`, { data: "{}" });
    await assert.rejects(
      redeliverCommunityLetter(kv, sid, `${server}/inbox/5`),
      code("bad_data"),
    );
    await assert.rejects(
      redeliverCommunityLetter(kv, sid, `${server}/inbox/6`),
      code("not_found"),
    );
    assert.equal((await kv.get(["community_seq", sid])).value, 5, "refusals change nothing");
  } finally {
    kv.close();
  }
});
