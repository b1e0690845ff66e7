import assert from "node:assert/strict";
import { fromHex, toHex } from "../../../src/core/bytes.ts";
import {
  decryptProfilePicture,
  encryptProfilePicture,
} from "../../../src/crypto/attachments/mod.ts";
import { assertValidation } from "../../assertions.ts";
import { vectors } from "../../vectors.ts";
import { assertCrypto, flip, pseudoRandom } from "./_helpers.ts";

for (const v of vectors("attachments.json", "profile_picture")) {
  Deno.test(`profile picture ${v.id}: encrypt byte for byte and decrypt`, () => {
    const key = fromHex(v.profile_key_hex);
    const blob = encryptProfilePicture(fromHex(v.plaintext_hex), key, fromHex(v.iv_hex));
    assert.equal(toHex(blob), v.expected_blob_hex);
    assert.equal(toHex(decryptProfilePicture(fromHex(v.expected_blob_hex), key)), v.plaintext_hex);
  });
}

Deno.test("profile picture: round trip with random IVs, including a 5 MB image", () => {
  const key = pseudoRandom(32, 11);
  for (const size of [1, 16, 1000, 5_000_000]) {
    const image = pseudoRandom(size, size);
    const a = encryptProfilePicture(image, key);
    const b = encryptProfilePicture(image, key);
    assert.equal(a.length, 12 + size + 16);
    assert.notDeepEqual(a.subarray(0, 12), b.subarray(0, 12));
    assert.deepEqual(decryptProfilePicture(a, key), image);
  }
});

Deno.test("profile picture: tampering, a changed key or a short blob is a CryptoError", () => {
  const key = pseudoRandom(32, 12);
  const blob = encryptProfilePicture(pseudoRandom(100, 1), key);
  for (const index of [0, 11, 12, 60, -16, -1]) {
    assertCrypto(() => decryptProfilePicture(flip(blob, index), key), "decrypt_failed");
  }
  assertCrypto(() => decryptProfilePicture(blob, flip(key, 0)), "decrypt_failed");
  assertCrypto(() => decryptProfilePicture(blob.subarray(0, 28), key), "decrypt_failed");
  assertCrypto(() => decryptProfilePicture(new Uint8Array(0), key), "decrypt_failed");
  assertCrypto(() => decryptProfilePicture(pseudoRandom(29), key), "decrypt_failed");
});

Deno.test("profile picture: argument validation", () => {
  // deno-lint-ignore no-explicit-any
  const any = (x: unknown) => x as any;
  const key = new Uint8Array(32);
  assertValidation(
    () => decryptProfilePicture(new Uint8Array(40), new Uint8Array(16)),
    "invalid_key",
    "profileKey",
  );
  assert.throws(() => decryptProfilePicture(any("blob"), key), TypeError);
  assert.throws(() => decryptProfilePicture(new Uint8Array(40), any(undefined)), TypeError);
  assert.throws(() => encryptProfilePicture(new Uint8Array(1), new Uint8Array(31)), RangeError);
  assert.throws(
    () => encryptProfilePicture(new Uint8Array(1), key, new Uint8Array(16)),
    RangeError,
  );
  assert.throws(() => encryptProfilePicture(any([1]), key), TypeError);
});
