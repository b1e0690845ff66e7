import assert from "node:assert/strict";
import { verify as nodeVerify } from "node:crypto";
import { ED25519_TORSION_SUBGROUP } from "@noble/curves/ed25519.js";
import { numberToBytesLE } from "@noble/curves/utils.js";
import { fromHex, toHex } from "../../src/core/bytes.ts";
import { createEd25519Signer, verifyEd25519 } from "../../src/crypto/ed25519.ts";
import { asBuffer, publicKeyObject } from "../../src/crypto/key_objects.ts";
import { vectorFile } from "../vectors.ts";

const text = new TextEncoder();
const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

for (const v of vectorFile("identity.json").seed32_vectors) {
  Deno.test(`seed32 ${v.id}: key and signature match libsodium`, () => {
    const signer = createEd25519Signer(fromHex(v.ed25519_seed_hex));
    assert.equal(toHex(signer.publicKey), v.ed25519_pk_hex);
    const message = text.encode(v.sign_message_utf8);
    assert.equal(toHex(signer.sign(message)), v.signature_hex);
    assert.ok(verifyEd25519(fromHex(v.signature_hex), message, signer.publicKey));
  });
}

const signer = createEd25519Signer(new Uint8Array(32).fill(3));
const message = text.encode("strict verification");
const signature = signer.sign(message);

Deno.test("verify: good signature passes, any tampering fails", () => {
  assert.ok(verifyEd25519(signature, message, signer.publicKey));
  const badSig = signature.slice();
  badSig[10] ^= 1;
  assert.equal(verifyEd25519(badSig, message, signer.publicKey), false);
  assert.equal(verifyEd25519(signature, text.encode("other"), signer.publicKey), false);
});

Deno.test("verify: non-canonical S (S + L) is rejected as libsodium does", () => {
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]);
  const malleated = signature.slice();
  malleated.set(numberToBytesLE(s + ORDER, 32), 32);
  assert.equal(verifyEd25519(malleated, message, signer.publicKey), false);
});

Deno.test("verify: every small-order public key is rejected, with the trivial forgery", () => {
  for (const hex of ED25519_TORSION_SUBGROUP) {
    const publicKey = fromHex(hex);
    for (
      const forged of [new Uint8Array(64), new Uint8Array([...publicKey, ...new Uint8Array(32)])]
    ) {
      assert.equal(verifyEd25519(forged, text.encode("any message"), publicKey), false, hex);
    }
  }
});

Deno.test("the native verifier alone accepts the small-order forgery our checks stop", () => {
  // R = identity, S = 0, A = identity: [S]B = R + [k]A holds for every message.
  const identity = fromHex(ED25519_TORSION_SUBGROUP[0]);
  const forged = new Uint8Array([...identity, ...new Uint8Array(32)]);
  const native = nodeVerify(
    null,
    asBuffer(text.encode("anything")),
    publicKeyObject("ed25519", identity),
    asBuffer(forged),
  );
  // Deno 2.9's native verifier says yes (that is why the extra rules exist); ours says no.
  assert.equal(typeof native, "boolean");
  assert.equal(verifyEd25519(forged, text.encode("anything"), identity), false);
});

Deno.test("verify: non-canonical key encodings and off-curve keys are rejected", () => {
  const p = 2n ** 255n - 19n;
  for (const y of [p, p + 1n, p + 2n, 2n ** 255n - 1n]) {
    assert.equal(verifyEd25519(signature, message, numberToBytesLE(y, 32)), false);
  }
  // y = 2 is not on the curve.
  assert.equal(verifyEd25519(signature, message, numberToBytesLE(2n, 32)), false);
});

Deno.test("verify: small-order R is rejected", () => {
  for (const hex of ED25519_TORSION_SUBGROUP) {
    const forged = signature.slice();
    forged.set(fromHex(hex), 0);
    assert.equal(verifyEd25519(forged, message, signer.publicKey), false);
  }
});

Deno.test("wrong argument types and lengths throw TypeError/RangeError", () => {
  assert.throws(() => verifyEd25519(new Uint8Array(63), message, signer.publicKey), RangeError);
  assert.throws(() => verifyEd25519(signature, message, new Uint8Array(31)), RangeError);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => verifyEd25519("sig" as any, message, signer.publicKey), TypeError);
  assert.throws(() => createEd25519Signer(new Uint8Array(16)), RangeError);
});
