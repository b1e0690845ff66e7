/** The KV side on its own: intake (dedup, chunking, KV limits), inbox reads, group commits. */
import assert from "node:assert/strict";
import { createCommitter } from "../../../src/client/session/committer.ts";
import { createInbox } from "../../../src/client/session/inbox.ts";
import { intake } from "../../../src/client/session/intake.ts";
import { loadState } from "../../../src/client/session/state.ts";
import type { StoredMessage } from "../../../src/client/network/mod.ts";

const SID = "05" + "ab".repeat(32);

function page(count: number, from = 0, size = 400): StoredMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    hash: `h${String(from + i).padStart(42, "0")}`,
    timestamp: 1,
    expiration: Date.now() + 60_000,
    data: "A".repeat(size),
  }));
}

Deno.test("intake: a 1,200-message page in several commits, dedup, then skip mode", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const messages = page(1200);
    let state = await loadState(kv, SID);
    const options = { mode: "deliver", history: false, baselined: true } as const;
    const first = await intake(kv, SID, state, {
      messages,
      node: "n1",
      lastHash: messages.at(-1)!.hash,
    }, options);
    assert.equal(first.taken, 1200);
    state = first.state;
    assert.equal(state.value.seq, 1201);
    assert.equal((await kv.get(["cursor", SID, 0, "n1"])).value, messages.at(-1)!.hash);
    const again = await intake(kv, SID, state, { messages, node: "n2" }, options);
    assert.equal(again.taken, 0, "seen hashes are not taken twice, whichever node lists them");
    const inbox = createInbox(kv, SID);
    assert.equal(await inbox.size(), 1200);
    const entries = await inbox.list(1, 5);
    assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3, 4, 5]);

    // Skip mode marks without taking; history takes what was skipped.
    const more = page(3, 5000);
    const skipped = await intake(kv, SID, again.state, { messages: more, node: "n1" }, {
      ...options,
      mode: "skip",
    });
    assert.equal(skipped.taken, 0);
    const history = await intake(kv, SID, skipped.state, { messages: more, node: "n1" }, {
      ...options,
      history: true,
    });
    assert.equal(history.taken, 3);
  } finally {
    kv.close();
  }
});

Deno.test("intake and inbox: a 100,000-character message is split and joined back", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const [big] = page(1, 0, 100_000);
    await intake(kv, SID, await loadState(kv, SID), { messages: [big], node: "n" }, {
      mode: "deliver",
      history: false,
      baselined: true,
    });
    const [entry] = await createInbox(kv, SID).list(0, 10);
    assert.deepEqual([entry.parts, entry.data], [1, big.data]);
  } finally {
    kv.close();
  }
});

Deno.test("group commit: one item's failed check fails only that item", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const committer = createCommitter(kv);
    await kv.set(["guard"], 1);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      committer.add({
        ops: [(a) => {
          if (i === 7) a.check({ key: ["guard"], versionstamp: null }); // exists: fails
          a.set(["item", i], i);
        }],
        checks: i === 7 ? 1 : 0,
      })));
    await committer.drain();
    assert.deepEqual(results.map((ok, i) => ok === (i !== 7)), Array(50).fill(true));
    const written = await Array.fromAsync(kv.list({ prefix: ["item"] }));
    assert.equal(written.length, 49);
  } finally {
    kv.close();
  }
});
