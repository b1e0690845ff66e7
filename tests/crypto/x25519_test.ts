import assert from "node:assert/strict";
import { fromHex, toHex } from "../../src/core/bytes.ts";
import { CryptoError } from "../../src/core/errors.ts";
import {
  ed25519ToX25519PublicKey,
  generateX25519KeyPair,
  x25519KeyPair,
  x25519ToEd25519PublicKey,
} from "../../src/crypto/x25519.ts";
import { vectors } from "../vectors.ts";

for (const v of vectors("xed25519.json", "pubkey_conversion")) {
  Deno.test(`pubkey_conversion ${v.id}`, () => {
    assert.equal(toHex(ed25519ToX25519PublicKey(fromHex(v.ed25519_pk_hex))), v.x25519_pk_hex);
    const x = fromHex(v.x25519_pk_hex);
    assert.equal(toHex(x25519ToEd25519PublicKey(x)), v.expected_xed25519_pk_hex);
    const withSign = x25519ToEd25519PublicKey(x, 1);
    assert.equal(toHex(withSign), v.expected_xed_with_sign_bit_set_hex ?? v.ed25519_pk_hex);
  });
}

for (const v of vectors("onion.json", "x25519_pubkey")) {
  Deno.test(`x25519_pubkey ${v.id}`, () => {
    assert.equal(
      toHex(x25519KeyPair(fromHex(v.x25519_sk_hex)).publicKey),
      v.expected_x25519_pk_hex,
    );
  });
}

Deno.test("key agreement is symmetric; low-order peer keys are refused", () => {
  const a = generateX25519KeyPair();
  const b = generateX25519KeyPair();
  assert.deepEqual(a.sharedSecret(b.publicKey), b.sharedSecret(a.publicKey));
  assert.throws(() => a.sharedSecret(new Uint8Array(32)), CryptoError);
  const one = new Uint8Array(32);
  one[0] = 1;
  assert.throws(() => a.sharedSecret(one), CryptoError);
  assert.throws(() => a.sharedSecret(new Uint8Array(31)), RangeError);
});
