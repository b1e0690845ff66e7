/** Every 1:1 feature between two identities on a devnet. */
import assert from "node:assert/strict";
import { ValidationError } from "../../../src/core/errors.ts";
import { decodeDirectMessage } from "../../../src/client/codec/mod.ts";
import { createFileServerClient } from "../../../src/client/files/mod.ts";
import { fetchAvatar } from "../../../src/client/profile/mod.ts";
import { ofType, png } from "./_fixtures.ts";
import { Identity, record, until, withDevnet } from "./_setup.ts";

Deno.test("text, reply, reactions, receipts, typing and unsend between two identities", () =>
  withDevnet(async ({ open, net }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const a = await open(alice, { displayName: "Alice" });
    const b = await open(bob, { displayName: "Bob" });
    const [atA, atB] = [record(a), record(b)];
    await Promise.all([a.start(), b.start()]);

    const hello = await a.send(bob.sessionId, "hello bob");
    const got = await until(() => ofType(atB, "message")[0], 10_000, "hello");
    assert.deepEqual([got.body, got.from, got.conversation, got.outgoing], [
      "hello bob",
      alice.sessionId,
      alice.sessionId,
      false,
    ]);
    assert.deepEqual([got.id, got.timestamp], [hello.hash, hello.timestamp]);
    assert.equal(got.profile?.displayName, "Alice");

    // A reply quoting alice's message, then reactions and receipts referring to it.
    await b.send(alice.sessionId, {
      body: "hi!",
      quote: { timestamp: hello.timestamp, author: alice.sessionId },
    });
    await b.react(alice.sessionId, { timestamp: hello.timestamp, author: alice.sessionId }, "👍");
    await b.react(
      alice.sessionId,
      { timestamp: hello.timestamp, author: alice.sessionId },
      "👍",
      true,
    );
    await b.markRead(alice.sessionId, [hello.timestamp]);
    await b.typing(alice.sessionId, true);
    await b.typing(alice.sessionId, false);
    await until(() => ofType(atA, "typing").length === 2, 10_000, "typing");
    const reply = ofType(atA, "message")[0];
    assert.deepEqual(reply.quote, { timestamp: hello.timestamp, author: alice.sessionId });
    const reactions = ofType(atA, "reaction");
    assert.deepEqual(reactions.map((r) => [r.emoji, r.removed, r.target.timestamp]), [
      ["👍", false, hello.timestamp],
      ["👍", true, hello.timestamp],
    ]);
    assert.deepEqual(ofType(atA, "receipt").map((r) => [r.kind, r.timestamps]), [["read", [
      hello.timestamp,
    ]]]);
    assert.deepEqual(ofType(atA, "typing").map((t) => t.typing), [true, false]);
    // Events arrive in the order they were sent (one conversation is handled in order).
    assert.deepEqual(
      atA.filter((e) => e.type !== "profile" && e.type !== "requestAccepted").map((e) => e.type),
      ["message", "reaction", "reaction", "receipt", "typing", "typing"],
    );

    // Unsend: bob gets the event, and alice's sync copy leaves her own swarm.
    const own = async () =>
      (await net.retrieve(alice)).messages
        .filter((m) => decodeDirectMessage(alice, m.data).sender === alice.sessionId)
        .map((m) => m.hash);
    const syncCopies = await own();
    assert.equal(syncCopies.length, 1, "alice's swarm holds the sync copy of her message");
    await a.unsend(bob.sessionId, hello);
    const unsend = await until(() => ofType(atB, "unsend")[0], 10_000, "unsend");
    assert.deepEqual(unsend.target, { timestamp: hello.timestamp, author: alice.sessionId });
    await until(async () => !(await own()).includes(syncCopies[0]), 10_000, "sync copy deleted");
    // Bob's copy of the unsent message leaves bob's swarm too (his sweeper runs after a poll).
    await until(
      async () => !(await net.retrieve(bob)).messages.some((m) => m.hash === hello.hash),
      10_000,
      "bob's copy deleted",
    );
    assert.deepEqual(ofType(atA, "error").concat(ofType(atB, "error")), []);
  }));

Deno.test("profile with avatar, attachments with metadata, and the 10 MB limit", () =>
  withDevnet(async ({ open, net, devnet }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const a = await open(alice);
    const b = await open(bob);
    const atB = record(b);
    await b.start();

    const avatar = png(64, 64);
    const profile = await a.setProfile({ displayName: "Alice", avatar });
    assert.equal(profile.displayName, "Alice");
    assert.equal(profile.avatar?.profileKey.length, 32);
    const image = png(320, 200, 5000);
    const doc = new TextEncoder().encode("a small text file");
    await a.send(bob.sessionId, {
      body: "two files",
      attachments: [{ bytes: image, fileName: "cat.png" }, {
        bytes: doc,
        fileName: "notes.txt",
        contentType: "text/plain",
      }],
    });
    const message = await until(() => ofType(atB, "message")[0], 10_000, "message");
    assert.deepEqual(
      message.attachments.map((f) => [f.fileName, f.contentType, f.size, f.width, f.height]),
      [["cat.png", "image/png", image.length, 320, 200], [
        "notes.txt",
        "text/plain",
        doc.length,
        undefined,
        undefined,
      ]],
    );
    const fetched = await b.download(message.attachments[0]);
    assert.deepEqual([fetched.bytes, fetched.fileName, fetched.width], [image, "cat.png", 320]);
    assert.deepEqual((await b.download(message.attachments[1])).bytes, doc);

    const seen = ofType(atB, "profile")[0];
    assert.equal(seen.displayName, "Alice");
    assert.ok(seen.avatarUrl && seen.profileKey);
    const files = createFileServerClient(net, devnet.fileServer);
    assert.deepEqual(await fetchAvatar(files, seen.avatarUrl!, seen.profileKey!), avatar);

    // Over 10 MB: a ValidationError before anything is uploaded or queued.
    const before = (await net.retrieve(bob)).messages.length;
    await assert.rejects(
      a.send(bob.sessionId, {
        body: "too big",
        attachments: [{ bytes: new Uint8Array(10_000_001) }],
      }),
      (e) => e instanceof ValidationError && e.code === "attachment_too_large",
    );
    await a.idle();
    assert.equal((await net.retrieve(bob)).messages.length, before);
    await assert.rejects(a.send(bob.sessionId, {}), ValidationError);
    await assert.rejects(a.send("not-an-id!", "x"), ValidationError);
  }));

Deno.test("ONS: resolve a registered name and send to it", () =>
  withDevnet(async ({ open, devnet }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    devnet.names.register("bobby", bob.sessionId);
    const a = await open(alice);
    const b = await open(bob);
    const atB = record(b, "message");
    await b.start();
    assert.equal(await a.resolve("bobby"), bob.sessionId);
    const sent = await a.send("bobby", "found you");
    const got = await until(() => ofType(atB, "message")[0], 10_000, "message");
    assert.deepEqual([got.body, got.id], ["found you", sent.hash]);
    await assert.rejects(a.resolve("nobody-here"));
  }, 5));
