/** Signature strings and signed params against storage.json `request_signature` (core §4.3). */
import assert from "node:assert/strict";
import { fromBase64, toBase64, utf8 } from "../../../src/core/bytes.ts";
import { createEd25519Signer, Identity, verifyEd25519 } from "../../../src/crypto/mod.ts";
import {
  accountAuth,
  deleteAllRequest,
  deleteRequest,
  expireRequest,
  getExpiriesRequest,
  groupAdminAuth,
  messageHash,
  retrieveRequest,
  signatureStrings,
  type StorageAuth,
  storeRequest,
} from "../../../src/client/network/mod.ts";
import { fromHex } from "../../../src/core/bytes.ts";
import { assertValidation } from "../../assertions.ts";
import { type Vector, vectors } from "../../vectors.ts";

const SIGNATURES = vectors("storage.json", "request_signature");

function authOf(v: Vector): StorageAuth {
  if (v.group_id) {
    return groupAdminAuth(v.group_id, createEd25519Signer(fromHex(v.group_ed25519_seed_hex)));
  }
  const identity = Identity.fromSeed(v.account_seed_hex);
  assert.equal(identity.sessionId, v.session_id);
  return accountAuth(identity);
}

/** The signed string rebuilt from the vector's example params. */
function stringOf(v: Vector): string {
  const p = v.example_params;
  switch (v.method) {
    case "store":
      return signatureStrings.store(p.namespace, p.sig_timestamp ?? p.timestamp);
    case "retrieve":
      return signatureStrings.retrieve(p.namespace, p.timestamp);
    case "delete":
      return signatureStrings.delete(p.messages);
    case "delete_all":
      return signatureStrings.deleteAll(p.namespace, p.timestamp);
    case "delete_before":
      return signatureStrings.deleteBefore(p.namespace, p.before);
    case "expire":
      return signatureStrings.expire(
        p.shorten ? "shorten" : p.extend ? "extend" : "",
        [p.expiry],
        p.messages,
      );
    case "expire_all":
      return signatureStrings.expireAll(p.namespace, p.expiry);
  }
  throw new Error(`no string builder for ${v.method}`);
}

Deno.test("signature strings and signatures reproduce every request_signature vector", () => {
  assert.ok(SIGNATURES.length >= 11);
  for (const v of SIGNATURES) {
    const text = stringOf(v);
    assert.equal(text, v.signed_string_utf8, v.id);
    const auth = authOf(v);
    const signature = toBase64(auth.sign(utf8(text)));
    assert.equal(signature, v.signature_b64, v.id);
    assert.ok(verifyEd25519(fromBase64(signature), utf8(text), fromHex(v.ed25519_pk_hex)), v.id);
  }
});

Deno.test("request builders sign exactly what the vectors sign, with the vectors' params", () => {
  const data = toBase64(utf8("hello"));
  for (const v of SIGNATURES) {
    const p = v.example_params;
    const auth = authOf(v);
    let params: Record<string, unknown> | undefined;
    switch (v.method) {
      case "retrieve":
        params = retrieveRequest(auth, { namespace: p.namespace }).params(p.timestamp);
        assert.equal(params.timestamp, p.timestamp, v.id);
        break;
      case "store":
        // desktop omits sig_timestamp: the store timestamp is what gets signed.
        params = storeRequest(auth, { namespace: p.namespace, data, ttl: 86_400_000 })
          .params(p.sig_timestamp);
        assert.equal(params.timestamp, p.sig_timestamp, v.id);
        assert.equal(params.sig_timestamp, undefined, v.id);
        break;
      case "delete":
        params = deleteRequest(auth, p.messages).params(0);
        assert.deepEqual(params.messages, p.messages, v.id);
        break;
      case "delete_all":
        params = deleteAllRequest(auth, { namespace: p.namespace }).params(p.timestamp);
        assert.equal(params.timestamp, p.timestamp, v.id);
        break;
      case "expire":
        params = expireRequest(auth, {
          hashes: p.messages,
          expiry: p.expiry,
          mode: p.shorten ? "shorten" : "",
        }).params(0);
        assert.equal(params.expiry, p.expiry, v.id);
        assert.equal(params.shorten, p.shorten, v.id);
        break;
    }
    if (!params) continue;
    assert.equal(params.signature, v.signature_b64, v.id);
    assert.equal(params.pubkey, p.pubkey, v.id);
    assert.equal(params.pubkey_ed25519, p.pubkey_ed25519, v.id); // absent for 03 groups
    if ("namespace" in p) assert.equal(params.namespace, p.namespace, v.id);
  }
});

Deno.test("namespace 0 is the empty string; negative and 'all' namespaces are spelt out", () => {
  assert.equal(signatureStrings.retrieve(0, 5), "retrieve5");
  assert.equal(signatureStrings.retrieve(-10, 5), "retrieve-105");
  assert.equal(signatureStrings.deleteAll("all", 7), "delete_allall7");
  assert.equal(signatureStrings.getExpiries(9, ["a", "b"]), "get_expiries9ab");
  assert.equal(signatureStrings.expire("extend", [1, 2], ["h1", "h2"]), "expireextend12h1h2");
});

Deno.test("get_expiries signs timestamp then hashes", () => {
  const me = Identity.fromSeed("39038c8988db02c1af44e8c847bd9713");
  const hash = "4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjHs";
  const params = getExpiriesRequest(me, [hash]).params(1700000000123);
  const text = `get_expiries1700000000123${hash}`;
  assert.ok(verifyEd25519(fromBase64(params.signature as string), utf8(text), me.signer.publicKey));
  assert.deepEqual([params.timestamp, params.messages], [1700000000123, [hash]]);
});

Deno.test("auth: 05 accounts send pubkey_ed25519; group keys must match their signer", () => {
  const me = Identity.generate();
  assert.deepEqual(accountAuth(me).params, { pubkey_ed25519: me.ed25519PublicKey });
  const signer = createEd25519Signer(new Uint8Array(32).fill(1));
  assertValidation(() => groupAdminAuth("03" + "00".repeat(32), signer), "bad_pubkey", "groupId");
  assertValidation(
    () => accountAuth({ sessionId: "03" + "00".repeat(32), signer }),
    "bad_pubkey",
    "sessionId",
  );
});

Deno.test("message hashes match storage.json message_hash", () => {
  for (const v of vectors("storage.json", "message_hash")) {
    assert.equal(
      messageHash(v.pubkey_hex, v.namespace, fromBase64(v.data_b64)),
      v.expected_hash_b64,
      v.id,
    );
  }
});
