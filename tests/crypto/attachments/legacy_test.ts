import assert from "node:assert/strict";
import { fromBase64, fromHex, toBase64, toHex } from "../../../src/core/bytes.ts";
import { CryptoError } from "../../../src/core/errors.ts";
import {
  assertAttachmentSize,
  decryptAttachment,
  encryptAttachment,
  legacyPaddedSize,
  MAX_ATTACHMENT_BYTES,
} from "../../../src/crypto/attachments/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { vectors } from "../../vectors.ts";
import { assertCrypto, flip, pseudoRandom } from "./_helpers.ts";

for (const v of vectors("attachments.json", "legacy_padded_size")) {
  Deno.test(`legacy padded size ${v.id}`, () => {
    assert.equal(legacyPaddedSize(v.plaintext_len), v.expected_padded_len);
  });
}

for (const v of vectors("attachments.json", "legacy_attachment")) {
  Deno.test(`legacy attachment ${v.id}: encrypt byte for byte, decrypt, pointer fields`, () => {
    const plaintext = fromHex(v.plaintext_hex);
    const out = encryptAttachment(plaintext, {
      key: fromHex(v.key_hex),
      iv: fromHex(v.iv_hex),
      pad: v.padded,
    });
    assert.equal(toHex(out.blob), v.expected_blob_hex);
    assert.equal(out.blob.length, v.expected_blob_len);
    assert.equal(toHex(out.digest), v.expected_digest_hex);
    assert.equal(toBase64(out.digest), v.pointer.digest_b64);
    assert.equal(toBase64(out.key), v.pointer.key_b64);
    assert.equal(out.size, v.pointer.size);
    assert.equal(toHex(out.key.subarray(0, 32)), v.aes_key_hex);
    const pointer = {
      key: fromBase64(v.pointer.key_b64),
      digest: fromBase64(v.pointer.digest_b64),
      size: v.pointer.size,
    };
    assert.equal(toHex(decryptAttachment(fromHex(v.expected_blob_hex), pointer)), v.plaintext_hex);
    // Without size, the padded plaintext comes back.
    const padded = decryptAttachment(out.blob, { key: pointer.key });
    assert.equal(padded.length, v.padded_len);
    assert.deepEqual(
      padded.subarray(v.plaintext_len),
      new Uint8Array(v.padded_len - v.plaintext_len),
    );
  });
}

for (const v of vectors("attachments.json", "legacy_attachment_must_fail")) {
  Deno.test(`legacy attachment must fail ${v.id}`, () => {
    const options = { key: fromHex(v.key_hex), digest: fromHex(v.digest_hex) };
    assertCrypto(() => decryptAttachment(fromHex(v.blob_hex), options), v.expected_error);
  });
}

Deno.test("legacy attachment: round trips of many sizes, random keys and IVs", () => {
  for (const size of [0, 1, 15, 16, 17, 540, 541, 542, 4096, 100_000]) {
    const plaintext = pseudoRandom(size, size + 1);
    const a = encryptAttachment(plaintext);
    const b = encryptAttachment(plaintext);
    assert.notDeepEqual(a.key, b.key);
    assert.equal(a.blob.length, 16 + (Math.floor(legacyPaddedSize(size) / 16) + 1) * 16 + 32);
    assert.deepEqual(decryptAttachment(a.blob, a), plaintext);
    const raw = encryptAttachment(plaintext, { pad: false });
    assert.equal(raw.blob.length, 16 + (Math.floor(size / 16) + 1) * 16 + 32);
    assert.deepEqual(decryptAttachment(raw.blob, raw), plaintext);
  }
});

Deno.test("legacy attachment: a 10 MB file round trips (padding capped at the limit)", () => {
  const plaintext = pseudoRandom(MAX_ATTACHMENT_BYTES, 99);
  const out = encryptAttachment(plaintext);
  assert.equal(out.blob.length, 16 + MAX_ATTACHMENT_BYTES + 16 + 32);
  assert.equal(out.size, MAX_ATTACHMENT_BYTES);
  assert.deepEqual(decryptAttachment(out.blob, out), plaintext);
});

Deno.test("legacy attachment: tampering with iv, ciphertext, mac, digest or size is caught", () => {
  const out = encryptAttachment(pseudoRandom(1000, 5));
  for (const index of [0, 15, 16, 500, -33, -32, -1]) {
    assertCrypto(() => decryptAttachment(flip(out.blob, index), out), "bad_mac");
  }
  assertCrypto(
    () => decryptAttachment(out.blob, { ...out, digest: flip(out.digest, 0) }),
    "bad_digest",
  );
  assertCrypto(
    () => decryptAttachment(out.blob, { ...out, digest: out.digest.subarray(1) }),
    "bad_digest",
  );
  assertCrypto(() => decryptAttachment(out.blob, { ...out, key: flip(out.key, 40) }), "bad_mac");
  assertCrypto(
    () => decryptAttachment(out.blob, { ...out, size: 1 + legacyPaddedSize(1000) }),
    "bad_size",
  );
  // A wrong AES key with the right MAC key passes the MAC, then fails to unpad or garbles.
  let result: unknown;
  try {
    result = decryptAttachment(out.blob, { ...out, key: flip(out.key, 0) });
  } catch (e) {
    result = e;
  }
  if (result instanceof Uint8Array) assert.notDeepEqual(result, pseudoRandom(1000, 5));
  else assert.ok(result instanceof CryptoError && result.code === "decrypt_failed", `${result}`);
});

Deno.test("legacy attachment: garbage inputs give typed errors", () => {
  const key = new Uint8Array(64);
  assertCrypto(() => decryptAttachment(new Uint8Array(63), { key }), "decrypt_failed");
  assertCrypto(() => decryptAttachment(new Uint8Array(0), { key }), "decrypt_failed");
  assertCrypto(() => decryptAttachment(pseudoRandom(200), { key }), "bad_mac");
  assertValidation(
    () => decryptAttachment(new Uint8Array(64), { key: new Uint8Array(32) }),
    "invalid_key",
    "key",
  );
  // deno-lint-ignore no-explicit-any
  const any = (x: unknown) => x as any;
  assert.throws(() => decryptAttachment(any("blob"), { key }), TypeError);
  assert.throws(() => decryptAttachment(new Uint8Array(64), any(undefined)), TypeError);
  assert.throws(() => decryptAttachment(new Uint8Array(64), { key: any([1, 2]) }), TypeError);
  assert.throws(() => decryptAttachment(new Uint8Array(64), { key, size: -1 }), RangeError);
  assert.throws(() => decryptAttachment(new Uint8Array(64), { key, size: 1.5 }), RangeError);
  assert.throws(() => encryptAttachment(any("text")), TypeError);
  assert.throws(
    () => encryptAttachment(new Uint8Array(1), { key: new Uint8Array(32) }),
    RangeError,
  );
  assert.throws(() => encryptAttachment(new Uint8Array(1), { iv: new Uint8Array(12) }), RangeError);
  assert.throws(() => legacyPaddedSize(-1), RangeError);
});

Deno.test("attachment size limit: 10,000,000 bytes, checked before upload", () => {
  assert.equal(MAX_ATTACHMENT_BYTES, 10_000_000);
  assert.equal(assertAttachmentSize(0), 0);
  assert.equal(assertAttachmentSize(MAX_ATTACHMENT_BYTES), MAX_ATTACHMENT_BYTES);
  const error = assertValidation(
    () => assertAttachmentSize(MAX_ATTACHMENT_BYTES + 1),
    "attachment_too_large",
    "size",
  );
  assert.match(error.message, /10000000-byte \(10 MB\) limit/);
  assert.throws(() => assertAttachmentSize(Number.NaN), RangeError);
  assert.throws(() => assertAttachmentSize(-5), RangeError);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => assertAttachmentSize("5" as any), RangeError);
  const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
  assertValidation(() => encryptAttachment(big), "attachment_too_large", "plaintext");
  const allowed = encryptAttachment(big, { allowLarge: true, pad: false });
  assert.equal(allowed.size, MAX_ATTACHMENT_BYTES + 1);
});
