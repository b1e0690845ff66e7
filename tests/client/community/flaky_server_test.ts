/**
 * A community server that fails: a local HTTP server answering like SOGS (direct transport)
 * whose first polls fail with 500 and 429. The loop reports typed errors, backs off, goes on,
 * and no update is skipped.
 */
import assert from "node:assert/strict";
import { toHex } from "../../../src/core/bytes.ts";
import { encodePost } from "../../../src/client/community/mod.ts";
import { blind15KeyPair } from "../../../src/crypto/blinding.ts";
import type { CommunityMessageEvent } from "../../../src/client/community/mod.ts";
import { identity, record, waitFor, withDevnet } from "./_setup.ts";

const SERVER_KEY = toHex(new Uint8Array(32).fill(0x42));
const POSTER = new Uint8Array(32).fill(0x24);

function post(id: number, body: string) {
  const { data, signature } = encodePost(POSTER, SERVER_KEY, {
    dataMessage: { body },
    sigTimestamp: 1_700_000_000_000 + id,
  });
  return {
    id,
    seqno: id,
    session_id: blind15KeyPair(POSTER, SERVER_KEY).id,
    posted: 1_700_000_000 + id,
    data,
    signature,
    reactions: {},
  };
}

/** A tiny SOGS: fails the first `failures` batches, then serves posts 1..3 by seqno. */
function flakySogs(failures: number[]) {
  const since: number[] = [];
  const answer = (path: string): { code: number; body: unknown } => {
    if (path === "/capabilities") return { code: 200, body: { capabilities: ["sogs", "blind"] } };
    if (path === "/room/flaky") {
      return { code: 200, body: { token: "flaky", name: "Flaky", message_sequence: 0 } };
    }
    const m = path.match(/^\/room\/flaky\/messages\/since\/(\d+)/);
    if (m) {
      since.push(Number(m[1]));
      const updates: Record<string, unknown>[] = [
        post(1, "one"),
        post(2, "two"),
        post(3, "three"),
        {
          id: "not a number",
          seqno: 4,
        },
      ];
      const page = updates.filter((p) => (p.seqno as number) > Number(m[1])).slice(0, 2);
      return { code: 200, body: [...page, { id: 9 }] }; // the last one has no seqno
    }
    if (path.startsWith("/inbox") || path.startsWith("/outbox")) return { code: 200, body: [] };
    return { code: 404, body: "not found" };
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    const path = decodeURI(url.pathname) + url.search;
    const json = (code: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status: code,
        headers: { "content-type": "application/json" },
      });
    if (path === "/batch") {
      const requests = await req.json() as { path: string }[];
      const fail = failures.shift();
      if (fail) return new Response("try later", { status: fail });
      return json(200, requests.map((r) => ({ ...answer(r.path), headers: {} })));
    }
    await req.body?.cancel();
    const { code, body } = answer(path);
    return json(code, body);
  });
  return { server, since };
}

Deno.test("500 and 429 are reported, the loop backs off and resumes without skipping", async () => {
  const { server, since } = flakySogs([500, 429]);
  try {
    await withDevnet(async ({ open }) => {
      const alice = await open(identity(30));
      const seen = record(alice);
      await alice.start();
      const link = `http://127.0.0.1:${server.addr.port}/flaky?public_key=${SERVER_KEY}`;
      await alice.communities.join(link, {
        transport: "direct",
        pollInterval: { min: 20, max: 50 },
      });
      await waitFor(
        seen,
        (e) => e.type === "community:message" && e.body === "three",
        "the third post",
      );
      await waitFor(seen, (e) => e.type === "error" && e.deadLettered && e, "the dead letter");
      await alice.idle();
      const errors = seen.flatMap((e) => e.type === "error" ? [e.code] : []);
      assert.deepEqual(errors.slice(0, 2), ["server_error", "rate_limited"]);
      assert.ok(errors.includes("bad_update"), "an update without seqno is reported");
      const letters = await alice.deadLetters();
      assert.deepEqual(letters.map((l) => [l.id, l.code]), [[
        `${link.split("?")[0]}#4`,
        "bad_update",
      ]]);
      const messages = seen.filter((e) =>
        e.type === "community:message"
      ) as CommunityMessageEvent[];
      assert.deepEqual(messages.map((e) => [e.body, e.seqno]), [["one", 1], ["two", 2], [
        "three",
        3,
      ]]);
      // Pages of 2 (the server's choice): the cursor moved 0 → 2 → 4, never past an update.
      const cursors = [...new Set(since)];
      assert.deepEqual(cursors, [0, 2, 4].slice(0, cursors.length));
      assert.ok(cursors.length >= 2);
      assert.equal(messages[0].timestamp, 1_700_000_000_001);
    });
  } finally {
    await server.shutdown();
  }
});
