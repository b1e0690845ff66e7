import assert from "node:assert/strict";
import { fromHex, toHex } from "../../src/core/bytes.ts";
import { ValidationError } from "../../src/core/errors.ts";
import { Identity } from "../../src/crypto/identity.ts";
import { x25519SecretFromEd25519Seed } from "../../src/crypto/x25519.ts";
import { vectorFile } from "../vectors.ts";

const file = vectorFile("identity.json");

for (const v of file.vectors) {
  Deno.test(`identity ${v.id}: seed → phrase, keys and Session ID`, () => {
    const identity = Identity.fromSeed(fromHex(v.seed_hex));
    assert.equal(identity.mnemonic(), v.mnemonic);
    assert.equal(identity.ed25519PublicKey, v.ed25519_pk_hex);
    assert.equal(toHex(identity.x25519.publicKey), v.x25519_pk_hex);
    assert.equal(toHex(x25519SecretFromEd25519Seed(fromHex(v.ed25519_seed_hex))), v.x25519_sk_hex);
    assert.equal(identity.sessionId, v.session_id);
    assert.equal(v.ed25519_sk_hex, v.ed25519_seed_hex + identity.ed25519PublicKey);
  });

  Deno.test(`identity ${v.id}: phrase → the same identity`, () => {
    const identity = Identity.fromMnemonic(v.mnemonic);
    assert.equal(toHex(identity.exportSeed()), v.seed_hex);
    assert.equal(identity.sessionId, v.session_id);
  });
}

for (const v of file.seed32_vectors) {
  Deno.test(`identity seed32 ${v.id}: Session ID from a 32-byte seed`, () => {
    const identity = Identity.fromSeed(v.ed25519_seed_hex);
    assert.equal(identity.sessionId, v.session_id);
    assert.equal(toHex(identity.x25519.publicKey), v.x25519_pk_hex);
  });
}

Deno.test("generate: random, restorable, and secrets stay out of JSON and inspect", () => {
  const a = Identity.generate();
  const b = Identity.generate();
  assert.notEqual(a.sessionId, b.sessionId);
  assert.match(a.sessionId, /^05[0-9a-f]{64}$/);
  assert.equal(a.mnemonic().split(" ").length, 13);
  assert.equal(Identity.fromMnemonic(a.mnemonic()).sessionId, a.sessionId);
  const shown = JSON.stringify(a) + Deno.inspect(a) + String(a);
  assert.ok(!shown.includes(toHex(a.exportSeed())));
  for (const word of a.mnemonic().split(" ")) assert.ok(!JSON.stringify(a).includes(word));
  assert.deepEqual(JSON.parse(JSON.stringify(a)), a.toPublic());
});

Deno.test("fromSeed rejects bad seeds with precise errors", () => {
  assert.throws(() => Identity.fromSeed(new Uint8Array(15)), RangeError);
  assert.throws(() => Identity.fromSeed("xyz"), ValidationError);
  assert.throws(() => Identity.fromSeed("00".repeat(20)), ValidationError);
  assert.throws(() => Identity.fromMnemonic("not a phrase"), ValidationError);
});
