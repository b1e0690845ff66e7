import assert from "node:assert/strict";
import { ed25519 } from "@noble/curves/ed25519.js";
import { fromBase64, fromHex, randomBytes, toHex, utf8 } from "../../src/core/bytes.ts";
import { ValidationError } from "../../src/core/errors.ts";
import {
  blind15Factor,
  blind15Ids,
  blind15KeyPair,
  blind15Sign,
  blind25Factor,
  blind25KeyPair,
  blind25Sign,
  blinded15Id,
  blinded25Id,
  isBlindedIdOf,
  sameBlindedId,
  versionKeyPair,
  versionRequestMessage,
  versionSign,
} from "../../src/crypto/blinding.ts";
import { sogsRequestHeaders, sogsSignatureMessage } from "../../src/crypto/sogs_auth.ts";

const file = JSON.parse(
  await Deno.readTextFile(new URL("../../../shared/vectors/blinding.json", import.meta.url)),
);
// deno-lint-ignore no-explicit-any
type Vector = Record<string, any>;
const ofKind = (kind: string): Vector[] => file.vectors.filter((v: Vector) => v.kind === kind);

/** Plain Ed25519 verification under the key inside a 66-character ID. */
function verifiesUnder(id: string, signature: Uint8Array, message: Uint8Array): boolean {
  return ed25519.verify(signature, message, fromHex(id.slice(2)));
}

/** The signature with one bit flipped. */
function flipBit(signature: Uint8Array, bit: number): Uint8Array {
  const copy = signature.slice();
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}

function sessionIdOf(seed: Uint8Array): string {
  return "05" + toHex(ed25519.utils.toMontgomery(ed25519.getPublicKey(seed)));
}

Deno.test("blind_ids_and_signatures: IDs, factors and libsession's exact signatures", () => {
  const vectors = ofKind("blind_ids_and_signatures");
  assert.equal(vectors.length, 4);
  for (const v of vectors) {
    const seed = fromHex(v.ed25519_sk_hex.slice(0, 64));
    const server = v.server_pubkey_hex;
    const message = utf8(v.message_utf8);
    assert.equal(sessionIdOf(seed), v.session_id, v.id);
    assert.equal(toHex(blind15Factor(server)), v.blind15_factor_hex, v.id);
    assert.deepEqual(blind15Ids(v.session_id, server), [
      v.blinded15_id_positive,
      v.blinded15_id_negative,
    ]);
    assert.equal(blinded15Id(seed, server), v.blinded15_id, v.id);
    assert.equal(blinded25Id(v.session_id, server), v.blinded25_id, v.id);
    assert.equal(blind25KeyPair(seed, server).id, v.blinded25_id, v.id);

    const sig15 = blind15Sign(seed, server, message);
    const sig25 = blind25Sign(seed, server, message);
    assert.equal(toHex(sig15), v.blind15_signature_hex, v.id);
    assert.equal(toHex(sig25), v.blind25_signature_hex, v.id);
    assert.ok(verifiesUnder(v.blinded15_id, sig15, message));
    assert.ok(verifiesUnder(v.blinded25_id, sig25, message));
  }
});

Deno.test("blind_ids_and_signatures: tampering breaks verification", () => {
  for (const v of ofKind("blind_ids_and_signatures")) {
    const message = utf8(v.message_utf8);
    for (
      const [id, hex] of [[v.blinded15_id, v.blind15_signature_hex], [
        v.blinded25_id,
        v.blind25_signature_hex,
      ]]
    ) {
      const signature = fromHex(hex);
      for (const bit of [0, 100, 255, 256, 300, 500]) {
        assert.equal(verifiesUnder(id, flipBit(signature, bit), message), false, `${v.id} ${bit}`);
      }
      assert.equal(verifiesUnder(id, signature, utf8(v.message_utf8 + "!")), false);
    }
    // A 15 signature does not verify under the other sign candidate.
    const other = v.blinded15_id === v.blinded15_id_positive
      ? v.blinded15_id_negative
      : v.blinded15_id_positive;
    assert.equal(verifiesUnder(other, fromHex(v.blind15_signature_hex), message), false);
  }
});

Deno.test("blind15_from_seed: pysogs vectors", () => {
  const vectors = ofKind("blind15_from_seed");
  assert.equal(vectors.length, 14);
  for (const v of vectors) {
    const seed = fromHex(v.ed25519_seed_hex);
    assert.equal(sessionIdOf(seed), v.session_id, v.id);
    const pair = blind15KeyPair(seed, v.server_pubkey_hex);
    assert.equal(pair.id, v.blinded15_id, v.id);
    assert.equal(
      toHex(ed25519.Point.BASE.multiply(scalarOf(pair.secretScalar)).toBytes()),
      pair.id.slice(2),
    );
    assert.equal(
      blinded15Id(fromHex(v.ed25519_seed_hex), fromHex(v.server_pubkey_hex)),
      v.blinded15_id,
    );
    const candidates = blind15Ids(v.session_id, v.server_pubkey_hex);
    assert.deepEqual(candidates, [v.blinded15_id_positive, v.blinded15_id_negative], v.id);
    assert.equal(candidates[v.blinded15_id_is === "positive" ? 0 : 1], v.blinded15_id, v.id);
    assert.ok(sameBlindedId(candidates[0], v.blinded15_id));
    assert.ok(isBlindedIdOf(v.blinded15_id, v.session_id, v.server_pubkey_hex));
  }
});

function scalarOf(bytes: Uint8Array): bigint {
  return BigInt("0x" + toHex(bytes.slice().reverse()));
}

Deno.test("blind15_from_session_id: IDs observed on live servers", () => {
  const vectors = ofKind("blind15_from_session_id");
  assert.equal(vectors.length, 5);
  for (const v of vectors) {
    const candidates = blind15Ids(v.session_id, v.server_pubkey_hex);
    assert.deepEqual(candidates, [v.blinded15_id_positive, v.blinded15_id_negative], v.id);
    assert.ok(candidates.includes(v.observed_blinded15_id), v.id);
    assert.ok(sameBlindedId(v.blinded15_id_positive, v.observed_blinded15_id));
    assert.ok(isBlindedIdOf(v.observed_blinded15_id, v.session_id, v.server_pubkey_hex));
    assert.ok(
      isBlindedIdOf(v.observed_blinded15_id.toUpperCase(), v.session_id, v.server_pubkey_hex),
    );
  }
  // Another user's ID on the same server does not match.
  const [a, b] = [vectors[0], vectors[1]];
  assert.equal(isBlindedIdOf(a.observed_blinded15_id, b.session_id, a.server_pubkey_hex), false);
});

Deno.test("version_blinded_key: file-server 07 key and signature", () => {
  const vectors = ofKind("version_blinded_key");
  assert.equal(vectors.length, 1);
  for (const v of vectors) {
    const seed = fromHex(v.ed25519_sk_hex.slice(0, 64));
    const pair = versionKeyPair(seed);
    assert.equal(toHex(pair.seed), v.version_seed_hex);
    assert.equal(toHex(pair.publicKey), v.version_pk_hex);
    assert.equal(toHex(pair.secretKey), v.version_sk_hex);
    assert.equal(pair.id, v.x_fs_pubkey_hex);
    const message = versionRequestMessage(v.timestamp, "GET", "/session_version?platform=desktop");
    assert.deepEqual(message, utf8(v.signed_message_utf8));
    const signature = versionSign(seed, message);
    assert.equal(toHex(signature), v.signature_hex);
    assert.ok(verifiesUnder(pair.id, signature, message));
    assert.equal(verifiesUnder(pair.id, flipBit(signature, 7), message), false);
  }
  assert.deepEqual(versionRequestMessage(1, "POST", "/x", utf8("ab")), utf8("1POST/xab"));
});

Deno.test("sogs_request_signature: signed bytes and X-SOGS-* headers", () => {
  const vectors = ofKind("sogs_request_signature");
  assert.equal(vectors.length, 4);
  for (const v of vectors) {
    const request = {
      serverPubkey: v.server_pubkey_hex,
      nonce: fromHex(v.nonce_hex),
      timestamp: v.timestamp,
      method: v.method,
      path: v.path,
      body: v.body_hex === null ? null : fromHex(v.body_hex),
    };
    const message = sogsSignatureMessage(request);
    assert.equal(toHex(message), v.signed_message_hex, v.id);
    if (v.body_utf8 !== null) {
      assert.deepEqual(sogsSignatureMessage({ ...request, body: v.body_utf8 }), message);
    }
    const headers = sogsRequestHeaders({
      ...request,
      ed25519Seed: fromHex(v.ed25519_seed_hex),
      blinded: v.blinded,
    });
    assert.deepEqual(headers, v.expected_headers, v.id);
    const signature = fromBase64(headers["X-SOGS-Signature"]);
    assert.ok(verifiesUnder(headers["X-SOGS-Pubkey"], signature, message));
    assert.equal(verifiesUnder(headers["X-SOGS-Pubkey"], flipBit(signature, 42), message), false);
  }
});

Deno.test("sogs: an empty body is not hashed; defaults are fresh", () => {
  const base = {
    serverPubkey: new Uint8Array(32).fill(7),
    nonce: new Uint8Array(16),
    timestamp: 5,
    method: "GET",
    path: "/a",
  };
  const plain = sogsSignatureMessage(base);
  assert.equal(plain.length, 32 + 16 + "5GET/a".length);
  assert.deepEqual(sogsSignatureMessage({ ...base, body: new Uint8Array() }), plain);
  assert.deepEqual(sogsSignatureMessage({ ...base, body: "" }), plain);
  assert.throws(() => sogsSignatureMessage({ ...base, method: "get" }), RangeError);
  assert.throws(() => sogsSignatureMessage({ ...base, path: "a" }), RangeError);
  assert.throws(() => sogsSignatureMessage({ ...base, timestamp: 1.5 }), RangeError);
  assert.throws(() => sogsSignatureMessage({ ...base, nonce: new Uint8Array(15) }), RangeError);

  const seed = randomBytes(32);
  const before = Math.floor(Date.now() / 1000);
  const h1 = sogsRequestHeaders({
    ed25519Seed: seed,
    serverPubkey: base.serverPubkey,
    method: "GET",
    path: "/a",
  });
  const h2 = sogsRequestHeaders({
    ed25519Seed: seed,
    serverPubkey: base.serverPubkey,
    method: "GET",
    path: "/a",
  });
  assert.notEqual(h1["X-SOGS-Nonce"], h2["X-SOGS-Nonce"]);
  assert.ok(Number(h1["X-SOGS-Timestamp"]) >= before);
  assert.equal(h1["X-SOGS-Pubkey"], blinded15Id(seed, base.serverPubkey));
});

Deno.test("random accounts: key-derived IDs agree with Session-ID-derived ones", () => {
  for (let i = 0; i < 24; i++) {
    const seed = randomBytes(32);
    const server = randomBytes(32);
    const sessionId = sessionIdOf(seed);
    const message = randomBytes(i * 5);
    const id15 = blinded15Id(seed, server);
    const [positive, negative] = blind15Ids(sessionId, server);
    assert.ok(id15 === positive || id15 === negative);
    assert.ok(sameBlindedId(id15, positive) && sameBlindedId(id15, negative));
    assert.equal(blind25KeyPair(seed, server).id, blinded25Id(sessionId, server));
    assert.equal(blind25Factor(sessionId, server).length, 32);
    for (const nonce of ["libsession", "sogs"] as const) {
      const signature = blind15Sign(seed, server, message, { nonce });
      assert.ok(verifiesUnder(id15, signature, message));
      assert.equal(verifiesUnder(id15, flipBit(signature, i * 21), message), false);
    }
    const sig25 = blind25Sign(seed, server, message);
    assert.ok(verifiesUnder(blinded25Id(sessionId, server), sig25, message));
    assert.deepEqual(blind15Sign(seed, server, message), blind15Sign(seed, server, message));
  }
});

Deno.test("sameBlindedId and isBlindedIdOf: prefixes and the abs rule", () => {
  const key = "ab".repeat(31);
  assert.ok(sameBlindedId(`15${key}44`, `15${key}c4`));
  assert.ok(sameBlindedId(`15${key}44`, `15${key.toUpperCase()}44`));
  assert.equal(sameBlindedId(`15${key}44`, `15${key}45`), false);
  assert.equal(sameBlindedId(`25${key}44`, `25${key}c4`), false, "the abs rule is only for 15");
  assert.ok(sameBlindedId(`25${key}44`, `25${key}44`));
  assert.equal(sameBlindedId(`15${key}44`, `25${key}44`), false);
  assert.throws(() => sameBlindedId("15", `15${key}44`), ValidationError);

  const v = ofKind("blind_ids_and_signatures")[0];
  assert.ok(isBlindedIdOf(v.blinded25_id, v.session_id, v.server_pubkey_hex));
  assert.ok(isBlindedIdOf(v.session_id, v.session_id, v.server_pubkey_hex));
  assert.equal(
    isBlindedIdOf("00" + v.session_id.slice(2), v.session_id, v.server_pubkey_hex),
    false,
  );
  assert.equal(isBlindedIdOf(v.blinded25_id, v.session_id, "00".repeat(32)), false);
});

Deno.test("input validation", () => {
  const seed = new Uint8Array(32);
  const server = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
  const sid = "05fe94b7ad4b7f1cc1bb92671f1f0d243f226e115b33770465e82b503fc3e96e1f";
  assert.throws(() => blind15Factor(new Uint8Array(31)), RangeError);
  assert.throws(() => blind15Factor(server.slice(2)), RangeError);
  assert.throws(() => blind15Factor("zz" + server.slice(2)), RangeError);
  assert.throws(() => blind15Factor(42 as unknown as string), TypeError);
  assert.throws(() => blinded15Id(new Uint8Array(64), server), RangeError);
  assert.throws(() => blind25KeyPair("00" as unknown as Uint8Array, server), TypeError);
  assert.throws(() => blind15Sign(seed, server, "hi" as unknown as Uint8Array), TypeError);
  assert.throws(() => blind25Sign(seed, server, "hi" as unknown as Uint8Array), TypeError);
  assert.throws(
    () => blind15Sign(seed, server, new Uint8Array(), { nonce: "x" as "sogs" }),
    RangeError,
  );
  assert.throws(() => versionKeyPair(new Uint8Array(16)), RangeError);
  assert.throws(() => versionRequestMessage(-1, "GET", "/"), RangeError);
  // Bad Session IDs are user input: ValidationError.
  for (
    const bad of [
      "15" + sid.slice(2),
      sid.slice(0, 64),
      "05" + "00".repeat(32),
      "05" + "02" + "00".repeat(31),
    ]
  ) {
    assert.throws(() => blind15Ids(bad, server), ValidationError, bad);
    assert.throws(() => blinded25Id(bad, server), ValidationError, bad);
  }
  // u = p - 1 and u >= p have no Edwards point.
  const pMinus1 = "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";
  assert.throws(() => blind15Ids("05" + pMinus1, server), ValidationError);
  assert.throws(() => blind15Ids("05" + "ff".repeat(32), server), ValidationError);
});

Deno.test("blind15 keys are derived once per seed and server, and follow a seed changed in place", () => {
  const seed = new Uint8Array(32).fill(7);
  const server = "ab".repeat(32);
  const first = blind15KeyPair(seed, server);
  assert.equal(blind15KeyPair(seed, server).id, first.id, "same seed array, same server");
  assert.notEqual(blind15KeyPair(seed, "cd".repeat(32)).id, first.id, "another server");
  seed[0] ^= 1; // the caller reuses the array for another account
  const changed = blind15KeyPair(seed, server);
  assert.notEqual(changed.id, first.id);
  assert.equal(changed.id, blind15KeyPair(seed.slice(), server).id, "not a stale cached key");
});
