/**
 * Bad input from nodes (issue "Bad input"): garbage, truncated, oversize and undecryptable
 * replies, and nodes that never answer. The node or path is struck and skipped; the caller
 * gets a value or a typed error after bounded retries, never a hang or an unhandled rejection.
 */
import assert from "node:assert/strict";
import { fromBase64, toBase64, utf8 } from "../../../src/core/bytes.ts";
import { NetworkError, OnionError } from "../../../src/core/errors.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import type { SnodeFetcher, SnodeResponse } from "../../../src/onion/mod.ts";
import { withNetwork } from "./_devnet.ts";

type Corrupt = (url: string, res: SnodeResponse) => SnodeResponse;

/** A `wrapFetch` that corrupts onion replies for which `pick(url)` says so. */
function corrupting(corrupt: Corrupt, pick: (url: string) => boolean = () => true) {
  const hits: string[] = [];
  const wrap = (fetch: SnodeFetcher): SnodeFetcher => async (url, body, options) => {
    const res = await fetch(url, body, options);
    if (!url.endsWith("/onion_req/v2") || !pick(url)) return res;
    hits.push(url);
    return corrupt(url, res);
  };
  return { wrap, hits };
}

const garbage: Corrupt = (_url, res) => ({ ...res, body: utf8("<html>hello</html>") });
const truncated: Corrupt = (_url, res) => ({
  ...res,
  body: res.body.slice(0, res.body.length >> 1),
});
const flipped: Corrupt = (_url, res) => {
  const bytes = fromBase64(new TextDecoder().decode(res.body));
  bytes[bytes.length >> 1] ^= 0x40;
  return { ...res, body: utf8(toBase64(bytes)) };
};

/** Corrupts replies coming back through the first guard it sees, and only that one. */
function oneGuard(corrupt: Corrupt) {
  let bad: string | undefined;
  return corrupting(corrupt, (url) => (bad ??= new URL(url).port) === new URL(url).port);
}

for (
  const [name, corrupt] of [["garbage", garbage], ["truncated", truncated], [
    "undecryptable",
    flipped,
  ]] as const
) {
  Deno.test(`${name} replies through one guard: its path is skipped, every request succeeds`, async () => {
    const faulty = oneGuard(corrupt);
    await withNetwork({ nodes: 9, swarms: 3 }, { wrapFetch: faulty.wrap }, async (_devnet, net) => {
      const me = Identity.generate();
      for (let i = 0; i < 6; i++) {
        const stored = await net.store(me.sessionId, { data: toBase64(utf8(`m${i}`)) });
        assert.equal(stored.hash.length, 43);
      }
      assert.equal((await net.retrieve(me)).messages.length, 6);
      // The bad path failed once; picks then prefer the clean one (a third failure drops it).
      assert.ok(faulty.hits.length >= 1 && faulty.hits.length <= 3, `${faulty.hits.length} hits`);
    });
  });
}

Deno.test("oversize replies are cut off at maxResponseBytes and retried elsewhere", async () => {
  let bad: string | undefined;
  const wrap = (fetch: SnodeFetcher): SnodeFetcher => (url, body, options) => {
    bad ??= new URL(url).port;
    const tiny = new URL(url).port === bad ? { ...options, maxResponseBytes: 64 } : options;
    return fetch(url, body, tiny);
  };
  await withNetwork({ nodes: 9, swarms: 3 }, { wrapFetch: wrap }, async (_devnet, net) => {
    const me = Identity.generate();
    const stored = await net.store(me.sessionId, { data: toBase64(new Uint8Array(4096)) });
    assert.deepEqual((await net.retrieve(me)).messages.map((m) => m.hash), [stored.hash]);
  });
});

for (
  const [name, corrupt, code] of [
    ["garbage", garbage, "bad_reply"],
    ["undecryptable", flipped, "undecryptable"],
  ] as const
) {
  Deno.test(`${name} from every node: a typed OnionError after bounded attempts`, async () => {
    const faulty = corrupting(corrupt);
    await withNetwork({ nodes: 9, swarms: 3 }, { wrapFetch: faulty.wrap }, async (_devnet, net) => {
      const me = Identity.generate();
      const started = Date.now();
      await assert.rejects(net.retrieve(me), (e) => {
        assert.ok(e instanceof OnionError, String(e));
        assert.equal(e.code, code);
        assert.match(e.message, /failed after \d attempts/);
        return true;
      });
      assert.ok(Date.now() - started < 3000);
      // get_swarm (3 attempts) then retrieve (3 path failures): bounded.
      assert.ok(faulty.hits.length <= 6, `${faulty.hits.length} requests`);
    });
  });
}

Deno.test("nodes that stop answering: attempts time out, the deadline holds, the error is typed", () =>
  withNetwork({ nodes: 9, swarms: 3 }, {}, async (devnet, net) => {
    const me = Identity.generate();
    await net.retrieve(me); // paths and swarm in place
    for (const node of devnet.nodes) node.faults.drop(1);
    const started = Date.now();
    await assert.rejects(
      net.store(me.sessionId, { data: toBase64(utf8("into the void")) }),
      (e) => {
        assert.ok(e instanceof OnionError || e instanceof NetworkError, String(e));
        assert.match(e.message, /gave up after 4800 ms|failed after \d attempts/);
        return true;
      },
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5500, `${elapsed} ms: the deadline is 4 × 1200 ms`);
  }));

Deno.test("closing while requests hang rejects them at once with NetworkError closed", () =>
  withNetwork({ nodes: 9, swarms: 3 }, {}, async (devnet, net) => {
    const me = Identity.generate();
    await net.retrieve(me);
    for (const node of devnet.nodes) node.faults.drop(1);
    const pending = net.retrieve(me);
    const outcome = pending.then(() => "resolved", (e) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await net.close();
    const error = await outcome;
    assert.ok(error instanceof NetworkError && error.code === "closed", String(error));
    assert.ok(Date.now() - started < 500);
  }));
