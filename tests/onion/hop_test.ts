import assert from "node:assert/strict";
import { fromHex, randomBytes, toHex, utf8 } from "../../src/core/bytes.ts";
import { CryptoError } from "../../src/core/errors.ts";
import { generateX25519KeyPair, x25519KeyPair } from "../../src/crypto/x25519.ts";
import {
  decryptAtNode,
  decryptHop,
  encryptForNode,
  encryptHop,
  type EncType,
  hopKey,
  parseEncType,
} from "../../src/onion/mod.ts";
import { assertValidation } from "../assertions.ts";
import { vectors } from "../vectors.ts";

const ENC_TYPES: EncType[] = ["aes-gcm", "xchacha20", "aes-cbc"];
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The client-side hop key of a vector (ephemeral secret + node public key). */
function clientKey(v: Record<string, string>, encType: EncType): Uint8Array {
  const client = x25519KeyPair(fromHex(v.client_ephemeral_sk_hex));
  const nodePk = fromHex(v.node_x25519_pk_hex);
  assert.equal(toHex(client.publicKey), v.client_ephemeral_pk_hex);
  return hopKey(encType, client.sharedSecret(nodePk), client.publicKey, nodePk);
}

function assertDecryptFails(fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof CryptoError && e.code === "decrypt_failed");
}

for (const v of vectors("onion.json", "hop_decrypt")) {
  Deno.test(`hop_decrypt ${v.id}: node side and client side`, () => {
    const encType = parseEncType(v.enc_type);
    const node = x25519KeyPair(fromHex(v.node_x25519_sk_hex));
    assert.equal(toHex(node.publicKey), v.node_x25519_pk_hex);
    const clientPk = fromHex(v.client_ephemeral_pk_hex);
    assert.equal(toHex(node.sharedSecret(clientPk)), v.shared_secret_hex);
    const { plaintext, key } = decryptAtNode(
      node,
      v.client_ephemeral_pk_hex,
      encType,
      fromHex(v.ciphertext_hex),
    );
    assert.equal(text(plaintext), v.expected_plaintext_utf8);
    assert.equal(toHex(key), v.derived_key_hex);
    assert.equal(toHex(clientKey(v, encType)), v.derived_key_hex);
    assert.equal(text(decryptHop(encType, key, fromHex(v.ciphertext_hex))), "Hello world");
  });
}

for (const v of vectors("onion.json", "hop_decrypt_must_fail")) {
  Deno.test(`hop_decrypt_must_fail ${v.id}`, () => {
    const node = x25519KeyPair(fromHex(v.node_x25519_sk_hex));
    const sealed = fromHex(v.ciphertext_hex);
    assertDecryptFails(() => decryptAtNode(node, v.client_ephemeral_pk_hex, v.enc_type, sealed));
    // libsession asserts the tampered inputs fail under both schemes.
    for (const encType of ["aes-gcm", "xchacha20"] as const) {
      assertDecryptFails(() => decryptAtNode(node, v.client_ephemeral_pk_hex, encType, sealed));
    }
  });
}

for (const v of vectors("onion.json", "hop_encrypt")) {
  Deno.test(`hop_encrypt ${v.id}: fixed IV gives the exact bytes`, () => {
    const encType = parseEncType(v.enc_type);
    const key = clientKey(v, encType);
    assert.equal(toHex(key), v.derived_key_hex);
    const sealed = encryptHop(encType, key, utf8(v.plaintext_utf8), fromHex(v.iv_hex));
    assert.equal(toHex(sealed), v.expected_ciphertext_hex);
    const node = x25519KeyPair(fromHex(v.node_x25519_sk_hex));
    const opened = decryptAtNode(node, fromHex(v.client_ephemeral_pk_hex), encType, sealed);
    assert.equal(text(opened.plaintext), v.plaintext_utf8);
  });
}

for (const v of vectors("onion.json", "reply_decrypt")) {
  Deno.test(`reply_decrypt ${v.id}`, () => {
    const encType = parseEncType(v.enc_type);
    const reply = fromHex(v.reply_hex);
    assert.equal(reply.length, v.expected_len);
    assert.equal(
      text(decryptHop(encType, clientKey(v, encType), reply)),
      v.expected_plaintext_utf8,
    );
    // The node encrypts under the same key: its key from the other side must match.
    const node = x25519KeyPair(fromHex(v.node_x25519_sk_hex));
    const nodeKey = hopKey(
      encType,
      node.sharedSecret(fromHex(v.client_ephemeral_pk_hex)),
      fromHex(v.client_ephemeral_pk_hex),
      node.publicKey,
    );
    assert.deepEqual(nodeKey, clientKey(v, encType));
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

Deno.test("reply lengths match libsession: 12+13+16 for aes-gcm, 24+13+16 for xchacha20", () => {
  const key = randomBytes(32);
  assert.equal(encryptHop("aes-gcm", key, utf8("Goodbye world")).length, 41);
  assert.equal(encryptHop("xchacha20", key, utf8("Goodbye world")).length, 53);
  assert.equal(encryptHop("aes-cbc", key, utf8("Goodbye world")).length, 32);
});

for (const encType of ENC_TYPES) {
  Deno.test(`${encType}: round trips of many sizes, client to node and back`, () => {
    const node = generateX25519KeyPair();
    for (const size of [0, 1, 15, 16, 17, 255, 4096]) {
      const plaintext = randomBytes(size);
      const sent = encryptForNode(toHex(node.publicKey), plaintext, encType);
      const opened = decryptAtNode(node, sent.ephemeralPublicKey, encType, sent.ciphertext);
      assert.deepEqual(opened.plaintext, plaintext);
      assert.deepEqual(opened.key, sent.key);
      assert.equal(Object.getPrototypeOf(opened.plaintext), Uint8Array.prototype);
      const reply = encryptHop(encType, opened.key, plaintext);
      assert.deepEqual(decryptHop(encType, sent.key, reply), plaintext);
    }
  });

  Deno.test(`${encType}: truncated, extended and tampered ciphertexts fail as decrypt_failed`, () => {
    const key = randomBytes(32);
    const sealed = encryptHop(encType, key, utf8("a message of some length"));
    for (let cut = 0; cut < sealed.length; cut += 5) {
      assertDecryptFails(() => decryptHop(encType, key, sealed.subarray(0, cut)));
    }
    assertDecryptFails(() => decryptHop(encType, key, new Uint8Array([...sealed, 0])));
    // CBC has no MAC: tampering is only caught by chance (padding), so only the AEADs are
    // checked here; CBC padding failures have their own deterministic test below.
    if (encType === "aes-cbc") return;
    for (const index of [0, 12, sealed.length - 1]) {
      const bad = sealed.slice();
      bad[index] ^= 0x01;
      assertDecryptFails(() => decryptHop(encType, key, bad));
    }
    assertDecryptFails(() => decryptHop(encType, randomBytes(32), sealed));
  });
}

Deno.test("aes-cbc: the key is the raw shared secret and bad padding fails", () => {
  const client = generateX25519KeyPair();
  const node = generateX25519KeyPair();
  const shared = client.sharedSecret(node.publicKey);
  assert.deepEqual(hopKey("aes-cbc", shared, client.publicKey, node.publicKey), shared);
  const key = new Uint8Array(32).fill(7); // fixed, so the padding check below is deterministic
  const sealed = encryptHop("aes-cbc", key, utf8("0123456789abcdef"), new Uint8Array(16));
  assert.equal(sealed.length, 16 + 32);
  const badPadding = sealed.slice();
  badPadding[badPadding.length - 1] ^= 0xff;
  assertDecryptFails(() => decryptHop("aes-cbc", key, badPadding));
});

Deno.test("parseEncType: the server's spellings; absent means aes-gcm; others rejected", () => {
  assert.equal(parseEncType(undefined), "aes-gcm");
  for (
    const [input, expected] of [
      ["aes-gcm", "aes-gcm"],
      ["gcm", "aes-gcm"],
      ["xchacha20", "xchacha20"],
      ["xchacha20-poly1305", "xchacha20"],
      ["aes-cbc", "aes-cbc"],
      ["cbc", "aes-cbc"],
    ]
  ) assert.equal(parseEncType(input), expected);
  for (const bad of [null, "", "AES-GCM", "chacha20", 1, {}, ["gcm"]]) {
    assertValidation(() => parseEncType(bad), "bad_enc_type", "enc_type");
  }
});

Deno.test("bad keys, IVs and enc types are rejected before any crypto", () => {
  const key = randomBytes(32);
  assert.throws(() => encryptHop("aes-gcm", randomBytes(31), utf8("x")), RangeError);
  assert.throws(() => encryptHop("aes-gcm", key, utf8("x"), randomBytes(16)), RangeError);
  assert.throws(() => encryptHop("xchacha20", key, utf8("x"), randomBytes(12)), RangeError);
  assert.throws(() => decryptHop("aes-gcm", randomBytes(16), randomBytes(64)), RangeError);
  assert.throws(() => hopKey("aes-gcm", randomBytes(31), key, key), RangeError);
  assertValidation(() => encryptHop("gcm2" as EncType, key, utf8("x")), "bad_enc_type");
  assertValidation(() => encryptForNode("abcd", utf8("x")), "bad_key");
  assertValidation(() => encryptForNode(randomBytes(33), utf8("x")), "bad_key");
  assertValidation(
    () => decryptAtNode(generateX25519KeyPair(), "zz".repeat(32), "aes-gcm", randomBytes(40)),
    "bad_key",
    "ephemeral_key",
  );
  // A low-order "node key" must not yield an all-zero shared secret.
  assert.throws(() => encryptForNode(new Uint8Array(32), utf8("x")), CryptoError);
});

Deno.test("encryptForNode uses a given ephemeral key and a fresh one otherwise", () => {
  const node = generateX25519KeyPair();
  const ephemeral = generateX25519KeyPair();
  const a = encryptForNode(node.publicKey, utf8("x"), "xchacha20", ephemeral);
  assert.deepEqual(a.ephemeralPublicKey, ephemeral.publicKey);
  const b = encryptForNode(node.publicKey, utf8("x"), "xchacha20");
  assert.notDeepEqual(b.ephemeralPublicKey, a.ephemeralPublicKey);
  assert.notDeepEqual(b.key, a.key);
});
