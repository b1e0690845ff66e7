import assert from "node:assert/strict";
import { fromHex, toHex } from "../../src/core/bytes.ts";
import { CryptoError } from "../../src/core/errors.ts";
import { createEd25519Signer } from "../../src/crypto/ed25519.ts";
import { blake2b } from "../../src/crypto/hash.ts";
import { openBox, sealBox } from "../../src/crypto/sealed_box.ts";
import { openAndVerify, signAndSeal } from "../../src/crypto/session_protocol.ts";
import {
  generateX25519KeyPair,
  x25519KeyPair,
  x25519KeyPairFromSeed,
} from "../../src/crypto/x25519.ts";
import { vectors } from "../vectors.ts";

const text = new TextEncoder();

for (const v of vectors("messages.json", "sealed_message")) {
  Deno.test(`sealed_message ${v.id}: deterministic seal matches byte for byte`, () => {
    const sender = createEd25519Signer(fromHex(v.sender_ed25519_seed_hex));
    assert.equal(toHex(sender.publicKey), v.sender_ed25519_pk_hex);
    const recipientPk = fromHex(v.recipient_x25519_pk_hex);
    const plaintext = text.encode(v.expected_plaintext_utf8);
    // libsession's deterministic ephemeral: keyed BLAKE2b over seed || recipient || message.
    const ephemeralSeed = blake2b(
      new Uint8Array([...fromHex(v.sender_ed25519_seed_hex), ...recipientPk, ...plaintext]),
      { dkLen: 32, key: text.encode("SessionBoxEphemeralHashKey") },
    );
    assert.equal(toHex(ephemeralSeed), v.ephemeral_seed_hex);
    const ephemeral = x25519KeyPairFromSeed(ephemeralSeed);
    assert.equal(toHex(ephemeral.publicKey), v.ephemeral_x25519_pk_hex);
    assert.equal(toHex(signAndSeal(plaintext, sender, recipientPk, ephemeral)), v.sealed_hex);
  });

  Deno.test(`sealed_message ${v.id}: opens, verifies and recovers the sender`, () => {
    const recipient = x25519KeyPair(fromHex(v.recipient_x25519_sk_hex));
    assert.equal(toHex(openBox(fromHex(v.sealed_hex), recipient)), v.expected_inner_hex);
    const opened = openAndVerify(fromHex(v.sealed_hex), recipient);
    assert.equal(new TextDecoder().decode(opened.plaintext), v.expected_plaintext_utf8);
    assert.equal(opened.senderSessionId, v.sender_session_id);
    assert.equal(toHex(opened.senderEd25519PublicKey), v.sender_ed25519_pk_hex);
  });
}

for (const v of vectors("messages.json", "wrapped_message")) {
  Deno.test(`wrapped_message ${v.id}: sealed layer matches with the vector's ephemeral key`, () => {
    const sender = createEd25519Signer(fromHex(v.sender_ed25519_seed_hex));
    const ephemeral = x25519KeyPair(fromHex(v.ephemeral_x25519_sk_hex));
    const sealed = signAndSeal(
      fromHex(v.padded_hex),
      sender,
      fromHex(v.recipient_x25519_pk_hex),
      ephemeral,
    );
    assert.equal(toHex(sealed), v.sealed_hex);
    const opened = openAndVerify(sealed, x25519KeyPair(fromHex(v.recipient_x25519_sk_hex)));
    assert.equal(toHex(opened.plaintext), v.padded_hex);
    assert.equal(opened.senderSessionId, v.sender_session_id);
  });
}

for (const v of vectors("messages.json", "sealed_must_fail")) {
  Deno.test(`sealed_must_fail ${v.id}: rejected with a CryptoError`, () => {
    const recipient = x25519KeyPair(fromHex(v.recipient_x25519_sk_hex));
    assert.throws(
      () => openAndVerify(fromHex(v.sealed_hex), recipient),
      (e: unknown) => e instanceof CryptoError && e.code === "bad_signature",
    );
  });
}

Deno.test("round trip with random keys, and every single-bit flip is rejected", () => {
  const sender = createEd25519Signer(crypto.getRandomValues(new Uint8Array(32)));
  const recipient = generateX25519KeyPair();
  const sealed = signAndSeal(text.encode("flip me"), sender, recipient.publicKey);
  assert.equal(new TextDecoder().decode(openAndVerify(sealed, recipient).plaintext), "flip me");
  for (let bit = 0; bit < sealed.length * 8; bit += 7) {
    const tampered = sealed.slice();
    tampered[bit >> 3] ^= 1 << (bit & 7);
    assert.throws(() => openAndVerify(tampered, recipient), CryptoError);
  }
});

Deno.test("wrong recipient, truncation and garbage give CryptoError", () => {
  const sender = createEd25519Signer(new Uint8Array(32).fill(7));
  const recipient = generateX25519KeyPair();
  const sealed = signAndSeal(text.encode("x"), sender, recipient.publicKey);
  assert.throws(() => openAndVerify(sealed, generateX25519KeyPair()), CryptoError);
  for (const length of [0, 1, 31, 47, 48, 100, sealed.length - 1]) {
    assert.throws(() => openAndVerify(sealed.slice(0, length), recipient), CryptoError);
  }
  assert.throws(() => openAndVerify(new Uint8Array(300), recipient), CryptoError);
  // A box that opens but carries fewer than 96 bytes of key and signature.
  assert.throws(
    () => openAndVerify(sealBox(new Uint8Array(96), recipient.publicKey), recipient),
    (e: unknown) => e instanceof CryptoError && e.code === "too_short",
  );
});

Deno.test("a small-order (degenerate) sender key cannot forge a message", () => {
  const recipient = generateX25519KeyPair();
  const message = text.encode("forged");
  // Identity point as public key with R = identity, S = 0: accepted by naive verifiers.
  const identityPoint = new Uint8Array(32);
  identityPoint[0] = 1;
  const forgedSignature = new Uint8Array(64);
  forgedSignature[0] = 1;
  const inner = new Uint8Array([...message, ...identityPoint, ...forgedSignature]);
  const sealed = sealBox(inner, recipient.publicKey);
  assert.throws(
    () => openAndVerify(sealed, recipient),
    (e: unknown) => e instanceof CryptoError && e.code === "bad_signature",
  );
});
