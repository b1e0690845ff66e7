import assert from "node:assert/strict";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { fromBase64, fromHex, toBase64, toHex } from "../../../src/core/mod.ts";
import {
  createNameRegistry,
  isValidOnsName,
  loadPubkey,
  messageHash,
  onsNameHash,
  onsRecordKey,
  parseRequest,
  selectSwarm,
  swarmSpace,
  verifyRequestSignature,
} from "../../../src/devnet/storage/mod.ts";
import { vectors } from "../../vectors.ts";

for (const v of vectors("storage.json", "message_hash")) {
  Deno.test(`message_hash ${v.id}`, () => {
    assert.equal(
      messageHash(v.pubkey_hex, v.namespace, fromBase64(v.data_b64)),
      v.expected_hash_b64,
    );
  });
}

for (const v of vectors("storage.json", "swarm_space")) {
  Deno.test(`swarm_space ${v.id}`, () => {
    assert.equal(swarmSpace(v.pubkey_hex), BigInt(v.expected_swarm_space_u64));
  });
}

for (const v of vectors("storage.json", "swarm_select")) {
  Deno.test(`swarm_select ${v.id}`, () => {
    const ids = (v.swarm_ids_u64 as string[]).map(BigInt);
    const space = swarmSpace(v.pubkey_hex);
    if (v.swarm_space_u64) assert.equal(space, BigInt(v.swarm_space_u64));
    assert.equal(selectSwarm(ids, space), BigInt(v.expected_swarm_id_u64));
  });
}

/** The params a real request would add beside the signature-related ones. */
function completeParams(method: string, params: Record<string, unknown>): Record<string, unknown> {
  if (method !== "store") return params;
  return { ...params, timestamp: params.sig_timestamp, ttl: 86_400_000, data: "aGk=" };
}

for (const v of vectors("storage.json", "request_signature")) {
  Deno.test(`request_signature ${v.id}: signed string, parse and verification`, () => {
    const params = completeParams(v.method, v.example_params);
    const message = new TextEncoder().encode(v.signed_string_utf8);
    const pubkey = loadPubkey(params.pubkey as string)!;
    const pubkeyEd25519 = params.pubkey_ed25519
      ? fromHex(params.pubkey_ed25519 as string)
      : undefined;
    const signature = fromBase64(v.signature_b64);
    assert.equal(toHex(signature), v.signature_hex);
    assert.ok(verifyRequestSignature({ pubkey, pubkeyEd25519, signature, message }));
    const parsed = parseRequest(v.method, params);
    const smallTimestamp = [params.timestamp, params.sig_timestamp].some(
      (t) => typeof t === "number" && t < 1_000_000_000,
    );
    if (smallTimestamp) {
      // The group vectors use timestamp 1234, which a real node refuses as "not milliseconds".
      assert.deepEqual(parsed, {
        ok: false,
        error: `invalid request: Invalid timestamp for '${
          params.sig_timestamp !== undefined ? "sig_timestamp" : "timestamp"
        }': timestamp must be in milliseconds`,
      });
      return;
    }
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.equal(parsed.message, v.signed_string_utf8);
    // A flipped bit or a wrong pubkey_ed25519 must not verify.
    const bad = signature.slice();
    bad[0] ^= 1;
    assert.equal(verifyRequestSignature({ pubkey, pubkeyEd25519, signature: bad, message }), false);
    if (pubkeyEd25519) {
      const other = fromHex("f661a69453ef81a3b75bfcf954eb1f439d4d74edcab0e72a5c435ee418a907bf");
      assert.equal(
        verifyRequestSignature({ pubkey, pubkeyEd25519: other, signature, message }),
        false,
      );
      // A 05 account without pubkey_ed25519 verifies with its X25519 bytes: never valid.
      assert.equal(verifyRequestSignature({ pubkey, signature, message }), false);
    }
  });
}

for (const v of vectors("ons.json", "name_hash")) {
  Deno.test(`ons name_hash ${v.id}`, () => {
    assert.equal(toBase64(onsNameHash(v.name)), v.expected_name_hash_b64);
    assert.equal(toHex(onsNameHash(v.name)), v.expected_name_hash_hex);
  });
}

for (const v of vectors("ons.json", "name_validation")) {
  Deno.test(`ons name_validation ${v.id}`, () => {
    assert.equal(isValidOnsName(v.name), v.expected_valid);
    const names = createNameRegistry();
    const register = () => names.register(v.name, "05" + "ab".repeat(32));
    if (v.expected_valid) register();
    else assert.throws(register, { name: "ValidationError" });
  });
}

/** The client side of Appendix B: what desktop/libsession do with an `ons_resolve` answer. */
function decryptOns(name: string, record: { encrypted_value: string; nonce: string }): string {
  const plain = xchacha20poly1305(onsRecordKey(name), fromHex(record.nonce))
    .decrypt(fromHex(record.encrypted_value));
  assert.equal(plain.length, 33);
  return toHex(plain);
}

for (const v of vectors("ons.json", "ons_decrypt_modern")) {
  Deno.test(`ons_decrypt_modern ${v.id}: key, vector decrypt, and a registered record`, () => {
    assert.equal(toHex(onsRecordKey(v.name)), v.expected_key_hex);
    const given = { encrypted_value: v.encrypted_value_hex, nonce: v.nonce_hex };
    assert.equal(decryptOns(v.name, given), v.expected_session_id);
    const names = createNameRegistry();
    const record = names.register(v.name, v.expected_session_id);
    assert.equal(record.nonce.length, 48);
    assert.deepEqual(names.resolve(toBase64(onsNameHash(v.name))), record);
    assert.equal(decryptOns(v.name, record), v.expected_session_id);
    assert.equal(names.resolve(toBase64(onsNameHash(v.name + "x"))), undefined);
  });
}
