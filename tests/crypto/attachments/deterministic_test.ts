import assert from "node:assert/strict";
import { fromHex, toHex } from "../../../src/core/bytes.ts";
import {
  decryptDeterministicAttachment,
  deriveDeterministicKey,
  deterministicEncryptedSize,
  deterministicPaddingSize,
  encryptDeterministicAttachment,
  MAX_DETERMINISTIC_BYTES,
} from "../../../src/crypto/attachments/mod.ts";
import { sha256 } from "../../../src/crypto/attachments/_symmetric.ts";
import { assertValidation } from "../../assertions.ts";
import { vectors } from "../../vectors.ts";
import { assertCrypto, flip, pseudoRandom } from "./_helpers.ts";

const DOMAINS = { SessionAttachmnt: "attachment", Session_Prof_Pic: "profile_picture" } as const;
/** libsession's test seed and data (tests/test_attachment_encrypt.cpp). */
const UPSTREAM_SEED = fromHex("0123456789abcdef".repeat(4));
const upstreamData = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);

for (const v of vectors("attachments.json", "deterministic_encrypted_size")) {
  Deno.test(`deterministic size ${v.id}`, () => {
    assert.equal(deterministicEncryptedSize(v.plaintext_len), v.expected_encrypted_len);
    assert.equal(deterministicPaddingSize(v.plaintext_len), v.expected_padding_len);
  });
}

for (const v of vectors("attachments.json", "deterministic_attachment")) {
  const domain = DOMAINS[v.domain_personalization as keyof typeof DOMAINS];
  const plaintext = fromHex(v.plaintext_hex);
  const seed = fromHex(v.uploader_seed_hex);

  Deno.test(`deterministic attachment ${v.id}: key, header and ciphertext byte for byte`, () => {
    const derived = deriveDeterministicKey(plaintext, seed, domain);
    assert.equal(toHex(derived.key), v.expected_key_hex);
    assert.equal(toHex(derived.header), v.expected_header_hex);
    assert.equal(deterministicPaddingSize(plaintext.length), v.expected_padding_len);
    const out = encryptDeterministicAttachment(plaintext, seed, { domain });
    assert.equal(out.blob.length, v.expected_encrypted_len);
    assert.equal(toHex(sha256(out.blob)), v.expected_encrypted_sha256_hex);
    assert.equal(toHex(out.blob), v.expected_encrypted_hex);
    assert.equal(toHex(out.key), v.expected_key_hex);
    assert.equal(out.size, plaintext.length);
  });

  Deno.test(`deterministic attachment ${v.id}: decrypts with the standard pull`, () => {
    const encrypted = fromHex(v.expected_encrypted_hex);
    const key = fromHex(v.expected_key_hex);
    assert.equal(toHex(decryptDeterministicAttachment(encrypted, key)), v.plaintext_hex);
  });
}

Deno.test("deterministic: a 16-byte account seed is zero-padded like the Ed25519 seed", () => {
  const v = vectors("attachments.json", "deterministic_attachment").find((x) =>
    x.uploader_seed_hex.endsWith("0".repeat(32))
  )!;
  const short = fromHex(v.uploader_seed_hex.slice(0, 32));
  const data = fromHex(v.plaintext_hex);
  assert.equal(toHex(deriveDeterministicKey(data, short).key), v.expected_key_hex);
  const sk = new Uint8Array(64);
  sk.set(fromHex(v.uploader_seed_hex));
  sk.fill(0xee, 32); // the public-key half is ignored
  assert.equal(toHex(deriveDeterministicKey(data, sk).key), v.expected_key_hex);
});

Deno.test("deterministic: round trips across chunk and padding boundaries (upstream sizes)", () => {
  const sizes = [0, 1, 4053, 4054, 8150, 32_767, 32_768, 32_769, 33_333, 65_536, 261_983, 523_990];
  for (const n of sizes) {
    const data = upstreamData(n);
    const a = encryptDeterministicAttachment(data, UPSTREAM_SEED);
    assert.equal(a.blob.length, deterministicEncryptedSize(n), `size ${n}`);
    assert.equal(a.blob[0], 0x53);
    assert.deepEqual(decryptDeterministicAttachment(a.blob, a.key), data, `size ${n}`);
    // Same seed and data: identical output (file-server dedup).
    assert.deepEqual(encryptDeterministicAttachment(data, UPSTREAM_SEED), a);
  }
});

Deno.test("deterministic: the largest regular file (10,218,286 bytes) round trips", () => {
  const data = pseudoRandom(MAX_DETERMINISTIC_BYTES, 3);
  const out = encryptDeterministicAttachment(data, UPSTREAM_SEED);
  assert.equal(out.blob.length, 10_223_616);
  assert.deepEqual(decryptDeterministicAttachment(out.blob, out.key), data);
  assertValidation(
    () =>
      encryptDeterministicAttachment(new Uint8Array(MAX_DETERMINISTIC_BYTES + 1), UPSTREAM_SEED),
    "attachment_too_large",
    "plaintext",
  );
});

Deno.test("deterministic: other seed or domain gives another key, which does not decrypt", () => {
  const data = upstreamData(5000);
  const a = encryptDeterministicAttachment(data, UPSTREAM_SEED);
  const otherSeed = encryptDeterministicAttachment(data, flip(UPSTREAM_SEED, 0));
  const avatar = encryptDeterministicAttachment(data, UPSTREAM_SEED, { domain: "profile_picture" });
  for (const other of [otherSeed, avatar]) {
    assert.notDeepEqual(other.key, a.key);
    assertCrypto(() => decryptDeterministicAttachment(a.blob, other.key), "decrypt_failed");
  }
  assert.deepEqual(decryptDeterministicAttachment(avatar.blob, avatar.key), data);
});

Deno.test("deterministic: tampered, truncated, extended or foreign input is rejected", () => {
  const data = upstreamData(40_000); // two chunks
  const { blob, key } = encryptDeterministicAttachment(data, UPSTREAM_SEED);
  for (const index of [1, 24, 25, 26, 1000, 32_810, 32_811, -17, -1]) {
    assertCrypto(() => decryptDeterministicAttachment(flip(blob, index), key), "decrypt_failed");
  }
  assertCrypto(() => decryptDeterministicAttachment(flip(blob, 0), key), "unknown_format");
  const cut = [blob.length - 1, 25 + 32_785, 25 + 32_785 + 17, 50, 42, 0];
  for (const length of cut) {
    assertCrypto(
      () => decryptDeterministicAttachment(blob.subarray(0, length), key),
      "decrypt_failed",
    );
  }
  const longer = new Uint8Array(blob.length + 1);
  longer.set(blob);
  assertCrypto(() => decryptDeterministicAttachment(longer, key), "decrypt_failed");
  assertCrypto(() => decryptDeterministicAttachment(pseudoRandom(5000), key), "unknown_format");
  const junk = pseudoRandom(5000);
  junk[0] = 0x53;
  assertCrypto(() => decryptDeterministicAttachment(junk, key), "decrypt_failed");
});

Deno.test("deterministic: argument validation", () => {
  // deno-lint-ignore no-explicit-any
  const any = (x: unknown) => x as any;
  assertValidation(
    () => decryptDeterministicAttachment(new Uint8Array(100), new Uint8Array(64)),
    "invalid_key",
    "key",
  );
  assert.throws(() => decryptDeterministicAttachment(any("S"), new Uint8Array(32)), TypeError);
  assert.throws(() => deriveDeterministicKey(new Uint8Array(1), new Uint8Array(31)), RangeError);
  assert.throws(() => deriveDeterministicKey(any(null), UPSTREAM_SEED), TypeError);
  assert.throws(
    () => deriveDeterministicKey(new Uint8Array(1), UPSTREAM_SEED, any("x")),
    TypeError,
  );
  assert.throws(() => deterministicEncryptedSize(-1), RangeError);
  assert.throws(() => deterministicPaddingSize(0.5), RangeError);
});
