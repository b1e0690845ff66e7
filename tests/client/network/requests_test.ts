/** Request builders: params, input checks and reply checks (core §4.4). */
import assert from "node:assert/strict";
import { toBase64, utf8 } from "../../../src/core/bytes.ts";
import { SwarmError } from "../../../src/core/errors.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import {
  batchRequest,
  DEFAULT_TTL_MS,
  getSwarmRequest,
  messageHash,
  retrieveRequest,
  storeRequest,
} from "../../../src/client/network/mod.ts";
import { assertValidation } from "../../assertions.ts";

const me = Identity.fromSeed("39038c8988db02c1af44e8c847bd9713");
const data = toBase64(utf8("hello storage"));
const HASH = "4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjHs";

Deno.test("store to a public inbox is unsigned, with network time and a 14-day default TTL", () => {
  const request = storeRequest(me.sessionId, { data });
  assert.deepEqual(request.params(1_700_000_000_000), {
    pubkey: me.sessionId,
    timestamp: 1_700_000_000_000,
    ttl: DEFAULT_TTL_MS,
    data,
    namespace: 0,
  });
  // Same bytes as bytes or base64: same request.
  const bytes = storeRequest(me.sessionId, { data: utf8("hello storage") });
  assert.deepEqual(bytes.params(1), request.params(1));
  // An explicit timestamp wins over network time.
  assert.equal(storeRequest(me, { data, timestamp: 42_000 }).params(1).timestamp, 42_000);
});

Deno.test("store to a private namespace needs a signer and signs store‖ns‖timestamp", () => {
  assertValidation(
    () => storeRequest(me.sessionId, { data, namespace: 2 }),
    "signature_required",
    "target",
  );
  const params = storeRequest(me, { data, namespace: 2 }).params(1_700_000_000_456);
  assert.equal(
    params.signature,
    "TiP6ii6X3/6pATBb32d3Kr6OM06lH1DzfrEud/LGBrFAzslnTmfA+KqkCmGJ1uu7mAgcntlTRea+wyPEbcuWDg==",
  );
  assert.equal(params.pubkey_ed25519, me.ed25519PublicKey);
});

Deno.test("store checks data, TTL and namespace before any round trip", () => {
  assertValidation(() => storeRequest(me, { data: "not base64!" }), "bad_data", "data");
  assertValidation(
    () => storeRequest(me, { data: new Uint8Array(76_801) }),
    "data_too_large",
    "data",
  );
  assertValidation(() => storeRequest(me, { data, ttl: 9_999 }), "bad_ttl", "ttl");
  assertValidation(() => storeRequest(me, { data, ttl: 15 * 86_400_000 }), "bad_ttl", "ttl");
  storeRequest(me, { data, ttl: 30 * 86_400_000, namespace: 2 }); // private: 30 days is fine
  assertValidation(() => storeRequest(me, { data, namespace: 1.5 }), "bad_namespace", "namespace");
  assertValidation(() => storeRequest("05abc", { data }), "bad_pubkey", "pubkey");
});

Deno.test("store result: the hash is computed locally; a different one is a bad reply", () => {
  const request = storeRequest(me.sessionId, { data });
  const hash = messageHash(me.sessionId, 0, utf8("hello storage"));
  const ok = request.read({
    hash,
    swarm: { aa: { hash, expiry: 1 }, bb: { hash, already: true } },
  });
  assert.deepEqual([ok.hash, ok.already], [hash, true]);
  assert.throws(() => request.read({ hash: HASH, swarm: {} }), isBadReply);
  assert.throws(() => request.read({ hash }), isBadReply);
  assert.throws(() => request.read("garbage"), isBadReply);
  assert.throws(() => request.read({ hash, swarm: { aa: 5 } }), isBadReply);
});

Deno.test("retrieve: signed params, limits, cursor from the last message", () => {
  const request = retrieveRequest(me, { lastHash: HASH, maxCount: 5, maxSize: -2 });
  const params = request.params(1_700_000_000_123);
  assert.equal(
    params.signature,
    "CuOCgMkDmi8vwVPZ0gWa/5b7lc8EWyMaZK+i6bi5SiBk8bhdbKkUovaoYoyLSczfqy/3wHAUqBHTB+IjYaIRBg==",
  );
  assert.deepEqual([params.last_hash, params.max_count, params.max_size], [HASH, 5, -2]);
  const message = { hash: "B".repeat(43), timestamp: 1, expiration: 2, data: "AA==" };
  assert.deepEqual(request.read({ messages: [message], more: true }), {
    messages: [message],
    more: true,
    lastHash: "B".repeat(43),
  });
  // No messages: the cursor stays where it was.
  assert.equal(request.read({ messages: [] }).lastHash, HASH);
  for (const bad of [{}, { messages: [{ hash: "x" }] }, { messages: [], more: "yes" }, []]) {
    assert.throws(() => request.read(bad), isBadReply, JSON.stringify(bad));
  }
  assertValidation(() => retrieveRequest(me, { lastHash: "short" }), "bad_hashes", "lastHash");
  // A bare key: unsigned (legacy group / public outbox namespaces).
  assert.equal(retrieveRequest(me.sessionId, { namespace: -10 }).params(1).signature, undefined);
});

Deno.test("batch: 1..20 sub-requests for one swarm; 421/406 sub-results decide the outcome", () => {
  const a = retrieveRequest(me, { namespace: 0 });
  const b = retrieveRequest(me, { namespace: 2 });
  const batch = batchRequest("batch", [a, b]);
  const params = batch.params(1_700_000_000_123) as { requests: { method: string }[] };
  assert.deepEqual(params.requests.map((r) => r.method), ["retrieve", "retrieve"]);
  assertValidation(() => batchRequest("batch", []), "bad_batch", "requests");
  assertValidation(() => batchRequest("batch", Array(21).fill(a)), "bad_batch", "requests");
  assertValidation(() => batchRequest("sequence", [batch]), "bad_batch", "requests");
  const other = retrieveRequest(Identity.generate());
  assertValidation(() => batchRequest("batch", [a, other]), "bad_batch", "requests");

  const moved = { results: [{ code: 421, body: { snodes: [] } }, { code: 421, body: {} }] };
  assert.equal(batch.outcome?.(moved)?.status, 421);
  assert.equal(
    batch.outcome?.({ results: [{ code: 200, body: {} }, { code: 406, body: "" }] })?.status,
    406,
  );
  assert.equal(
    batch.outcome?.({ results: [{ code: 200, body: {} }, { code: 404, body: "" }] }),
    undefined,
  );
  assert.throws(() => batch.read({ results: [{ code: "x" }] }), isBadReply);
});

Deno.test("get_swarm reads usable nodes and drops 0.0.0.0 and malformed ones", () => {
  const ed = "ab".repeat(32);
  const nodes = getSwarmRequest(me.sessionId).read({
    snodes: [
      { ip: "1.2.3.4", port: "22021", port_https: 22021, pubkey_ed25519: ed, pubkey_x25519: ed },
      { ip: "0.0.0.0", port_https: 1, pubkey_ed25519: "cd".repeat(32), pubkey_x25519: ed },
      { ip: "1.2.3.5", port_https: 1, pubkey_ed25519: "zz", pubkey_x25519: ed },
    ],
  });
  assert.deepEqual(nodes, [{ ed25519: ed, x25519: ed, ip: "1.2.3.4", port: 22021 }]);
  assert.throws(() => getSwarmRequest(me.sessionId).read({ snodes: [] }), isBadReply);
});

function isBadReply(error: unknown): boolean {
  return error instanceof SwarmError && error.code === "bad_reply" && error.retryable;
}
