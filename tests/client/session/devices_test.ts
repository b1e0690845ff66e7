/** Multi-device (two processes' worth of clients with one identity) and several identities. */
import assert from "node:assert/strict";
import { openClients } from "../../../src/client/session/mod.ts";
import { FAST, Identity, record, until, withDevnet } from "./_setup.ts";
import { ofType } from "./_fixtures.ts";

Deno.test("multi-device: both devices see incoming messages and each other's sent messages", () =>
  withDevnet(async ({ open }) => {
    const alice = Identity.generate();
    const bob = Identity.generate();
    const a = await open(alice);
    const phone = await open(bob); // each open() gets its own KV store: two devices
    const laptop = await open(bob);
    const [atA, atPhone, atLaptop] = [record(a), record(phone), record(laptop)];
    await Promise.all([a.start(), phone.start(), laptop.start()]);

    const hi = await a.send(bob.sessionId, "hi bob");
    await until(
      () => ofType(atPhone, "message").length && ofType(atLaptop, "message").length,
      10_000,
      "both",
    );
    for (const device of [atPhone, atLaptop]) {
      const [m] = ofType(device, "message");
      assert.deepEqual([m.body, m.from, m.outgoing, m.id], [
        "hi bob",
        alice.sessionId,
        false,
        hi.hash,
      ]);
    }

    // The phone answers; the laptop sees it as an outgoing message in the chat with alice.
    const reply = await phone.send(alice.sessionId, {
      body: "from my phone",
      quote: { timestamp: hi.timestamp, author: alice.sessionId },
    });
    await phone.react(alice.sessionId, { timestamp: hi.timestamp, author: alice.sessionId }, "❤️");
    await until(() => ofType(atLaptop, "reaction").length, 10_000, "synced reaction");
    const [synced] = ofType(atLaptop, "message").filter((m) => m.outgoing);
    assert.deepEqual(
      [synced.body, synced.from, synced.conversation, synced.timestamp, synced.quote?.timestamp],
      ["from my phone", bob.sessionId, alice.sessionId, reply.timestamp, hi.timestamp],
    );
    assert.deepEqual(
      ofType(atLaptop, "reaction").map((r) => [r.outgoing, r.conversation, r.emoji]),
      [[
        true,
        alice.sessionId,
        "❤️",
      ]],
    );
    await until(() => ofType(atA, "message").length, 10_000, "alice got the reply");
    // The phone does not hear its own sync copies back.
    await phone.poll();
    await phone.idle();
    assert.deepEqual(ofType(atPhone, "message").map((m) => m.outgoing), [false]);
    assert.deepEqual(ofType(atPhone, "reaction"), []);
    assert.equal((await laptop.contact(alice.sessionId)).approved, true, "a synced reply accepts");
  }));

Deno.test("several identities in one process: one network, separate pollers and state", () =>
  withDevnet(async ({ devnet, open, net }) => {
    const ids = [Identity.generate(), Identity.generate(), Identity.generate()];
    const kv = await Deno.openKv(":memory:");
    const bots = await openClients(
      { kv, network: net, fileServer: devnet.fileServer, ...FAST, networkOptions: undefined },
      ids,
    );
    try {
      const seen: [string, string][] = [];
      bots.on("message", (e) => void seen.push([e.identity, e.body ?? ""]));
      await bots.start();
      const sender = await open(Identity.generate());
      for (const [i, id] of ids.entries()) await sender.send(id.sessionId, `for bot ${i}`);
      await until(() => seen.length === 3, 10_000, "three messages");
      assert.deepEqual(
        seen.sort(),
        ids.map((id, i) => [id.sessionId, `for bot ${i}`] as [string, string]).sort(),
      );
      // Each identity answers with its own keys.
      const atSender = record(sender, "message");
      await sender.start();
      await bots.get(ids[1].sessionId)!.send(sender.sessionId, "bot 1 here");
      const got = await until(() => ofType(atSender, "message")[0], 10_000, "answer");
      assert.equal(got.from, ids[1].sessionId);
      // State is per identity: bot 0 has a request from the sender, bot 1 accepted it by replying.
      assert.equal((await bots.clients[0].contact(sender.sessionId)).approved, false);
      assert.equal((await bots.clients[1].contact(sender.sessionId)).approved, true);
    } finally {
      await bots.stop();
      kv.close();
    }
  }));
