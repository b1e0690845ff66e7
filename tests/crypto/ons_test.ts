import assert from "node:assert/strict";
import { fromHex, toHex } from "../../src/core/bytes.ts";
import { CryptoError, ValidationError } from "../../src/core/errors.ts";
import {
  decryptOnsRecord,
  encryptOnsRecord,
  isValidOnsName,
  onsNameHash,
  onsNameHashBytes,
  onsRecordKey,
} from "../../src/crypto/ons/mod.ts";
import { assertValidation } from "../assertions.ts";
import { vectors } from "../vectors.ts";

async function rejectsWith(
  promise: Promise<unknown>,
  type: typeof CryptoError | typeof ValidationError,
  code: string,
) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${e}`);
    assert.equal((e as CryptoError).code, code, (e as CryptoError).message);
    return true;
  });
}

for (const v of vectors("ons.json", "name_hash")) {
  Deno.test(`ons name hash ${v.id}`, () => {
    assert.equal(onsNameHash(v.name), v.expected_name_hash_b64);
    assert.equal(toHex(onsNameHashBytes(v.name)), v.expected_name_hash_hex);
    assert.equal(onsNameHash(v.name.toUpperCase()), v.expected_name_hash_b64); // case-insensitive
  });
}

for (const v of vectors("ons.json", "name_validation")) {
  Deno.test(`ons name validation ${v.id} (${JSON.stringify(v.name)})`, () => {
    assert.equal(isValidOnsName(v.name), v.expected_valid);
    if (!v.expected_valid) assertValidation(() => onsNameHash(v.name), "invalid_name", "name");
  });
}

for (const v of vectors("ons.json", "ons_decrypt_modern")) {
  Deno.test(`ons decrypt modern ${v.id}`, async () => {
    assert.equal(toHex(onsRecordKey(v.name)), v.expected_key_hex);
    assert.equal(
      await decryptOnsRecord(v.name, v.encrypted_value_hex, v.nonce_hex),
      v.expected_session_id,
    );
    assert.equal(
      await decryptOnsRecord(
        v.name.toUpperCase(),
        v.encrypted_value_hex.toUpperCase(),
        v.nonce_hex,
      ),
      v.expected_session_id,
    );
    // Re-encrypting with the same nonce gives the same record.
    const record = encryptOnsRecord(v.name, v.expected_session_id, fromHex(v.nonce_hex));
    assert.deepEqual(record, { encrypted_value: v.encrypted_value_hex, nonce: v.nonce_hex });
  });
}

for (const v of vectors("ons.json", "ons_decrypt_legacy_argon2")) {
  Deno.test(`ons decrypt legacy argon2 ${v.id} (slow: Argon2id, 256 MiB)`, async () => {
    assert.equal(v.nonce_hex, null);
    assert.equal(
      await decryptOnsRecord(v.name, v.encrypted_value_hex, v.nonce_hex),
      v.expected_session_id,
    );
  });
}

Deno.test("ons: wrong name, tampered record or nonce fails with decrypt_failed", async () => {
  const v = vectors("ons.json", "ons_decrypt_modern")[0];
  const flipped = (hex: string, at: number) =>
    hex.slice(0, at) + (hex[at] === "0" ? "1" : "0") + hex.slice(at + 1);
  await rejectsWith(
    decryptOnsRecord("other", v.encrypted_value_hex, v.nonce_hex),
    CryptoError,
    "decrypt_failed",
  );
  await rejectsWith(
    decryptOnsRecord(v.name, flipped(v.encrypted_value_hex, 0), v.nonce_hex),
    CryptoError,
    "decrypt_failed",
  );
  await rejectsWith(
    decryptOnsRecord(v.name, flipped(v.encrypted_value_hex, 97), v.nonce_hex),
    CryptoError,
    "decrypt_failed",
  );
  await rejectsWith(
    decryptOnsRecord(v.name, v.encrypted_value_hex, flipped(v.nonce_hex, 5)),
    CryptoError,
    "decrypt_failed",
  );
  // Wrong lengths are rejected up front (no Argon2id run for a malformed legacy record).
  await rejectsWith(
    decryptOnsRecord(v.name, v.encrypted_value_hex.slice(2), v.nonce_hex),
    CryptoError,
    "decrypt_failed",
  );
  await rejectsWith(
    decryptOnsRecord(v.name, v.encrypted_value_hex + "00", null),
    CryptoError,
    "decrypt_failed",
  );
  await rejectsWith(decryptOnsRecord(v.name, "", null), CryptoError, "decrypt_failed");
});

Deno.test("ons: a record that opens to something other than a 05 Session ID is rejected", async () => {
  const nonce = new Uint8Array(24);
  // Encrypt a 15-prefixed (blinded) ID by hand under the right key.
  const { xchacha20poly1305 } = await import("@noble/ciphers/chacha.js");
  const blinded = fromHex("15" + "ab".repeat(32));
  const sealed = toHex(xchacha20poly1305(onsRecordKey("alice"), nonce).encrypt(blinded));
  await rejectsWith(decryptOnsRecord("alice", sealed, toHex(nonce)), CryptoError, "invalid_record");
});

Deno.test("ons: round trip with a random nonce", async () => {
  const id = "05" + "12".repeat(32);
  const record = encryptOnsRecord("Session-Bot", id);
  assert.equal(record.nonce.length, 48);
  assert.equal(await decryptOnsRecord("session-bot", record.encrypted_value, record.nonce), id);
});

Deno.test("ons: garbage inputs give typed errors", async () => {
  // deno-lint-ignore no-explicit-any
  const any = (x: unknown) => x as any;
  const v = vectors("ons.json", "ons_decrypt_modern")[0];
  await rejectsWith(
    decryptOnsRecord("-bad", v.encrypted_value_hex, v.nonce_hex),
    ValidationError,
    "invalid_name",
  );
  await rejectsWith(
    decryptOnsRecord("", v.encrypted_value_hex, v.nonce_hex),
    ValidationError,
    "invalid_name",
  );
  await rejectsWith(decryptOnsRecord(v.name, "zz", v.nonce_hex), ValidationError, "invalid_record");
  await rejectsWith(
    decryptOnsRecord(v.name, "abc", v.nonce_hex),
    ValidationError,
    "invalid_record",
  );
  await rejectsWith(
    decryptOnsRecord(v.name, v.encrypted_value_hex, "00"),
    ValidationError,
    "invalid_record",
  );
  await rejectsWith(
    decryptOnsRecord(v.name, v.encrypted_value_hex, "xyz!"),
    ValidationError,
    "invalid_record",
  );
  await assert.rejects(decryptOnsRecord(any(5), v.encrypted_value_hex, v.nonce_hex), TypeError);
  await assert.rejects(decryptOnsRecord(v.name, any(null), v.nonce_hex), TypeError);
  await assert.rejects(decryptOnsRecord(v.name, v.encrypted_value_hex, any(42)), TypeError);
  assert.equal(isValidOnsName(any(undefined)), false);
  assert.equal(isValidOnsName(""), false);
  assert.equal(isValidOnsName("a"), true);
  assert.equal(isValidOnsName("a b"), false);
  assert.equal(isValidOnsName("a.b"), false);
  assert.equal(isValidOnsName("abc\n"), false);
  assert.throws(() => onsNameHash(any(null)), TypeError);
  assertValidation(() => encryptOnsRecord("alice", "15" + "00".repeat(32)), "invalid_id");
  assertValidation(() => encryptOnsRecord("a-", "05" + "00".repeat(32)), "invalid_name", "name");
  assert.throws(
    () => encryptOnsRecord("alice", "05" + "00".repeat(32), new Uint8Array(12)),
    RangeError,
  );
});
