/** Blinded DMs: the §7.3 vector both ways, outbox decryption, forged and tampered messages. */
import assert from "node:assert/strict";
import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes, fromHex, toHex } from "../../../src/core/bytes.ts";
import { CryptoError } from "../../../src/core/errors.ts";
import { blind15KeyPair } from "../../../src/crypto/blinding.ts";
import {
  blindedSharedKey,
  decryptBlindedDm,
  encryptBlindedDm,
} from "../../../src/client/community/dm.ts";
import { hasCode } from "../_helpers.ts";

const SERVER = "1d7e7f92b1ed3643855c98ecac02fc7274033a3467653f047d6e433540c03f17";
const SEED_A = fromHex("0123456789abcdef0123456789abcdef" + "00".repeat(16));
const SEED_B = fromHex("00112233445566778899aabbccddeeff" + "00".repeat(16));
const KA = "5678ab7f648665b1e90e3c19e56bbaa9d5890f367d1000101aebe265c46ae8c4";
const KB = "9ee46909a9656e978e9555fbbf62db8bf4629790fbc556ced2f363a0ae272aeb";
const E = "4ba8639720b89e5b13d968298391180aed73e84ef4e24fbe09c081c198f71a66";
const NONCE = Uint8Array.from({ length: 24 }, (_, i) => i);
const EXPECTED = "000449294bb842ef395bbefdc209909ed85b3a2516f438815a302f29a6b8bd2f2453bc64968f" +
  "e927262e3db59fa814972fc8cf528f87000102030405060708090a0b0c0d0e0f1011121314151617";
const HELLO = new TextEncoder().encode("hello");

Deno.test("§7.3: keys and shared secret agree on both sides", () => {
  assert.equal(
    toHex(ed25519.getPublicKey(SEED_A)),
    "4cb76fdc6d32278e3f83dbf608360ecc6b65727934b85d2fb86862ff98c46ab7",
  );
  assert.equal(blind15KeyPair(SEED_A, SERVER).id, "15" + KA);
  assert.equal(blind15KeyPair(SEED_B, SERVER).id, "15" + KB);
  const sides = { sender: fromHex(KA), recipient: fromHex(KB) };
  assert.equal(toHex(blindedSharedKey(SEED_A, fromHex(KB), sides)), E);
  assert.equal(toHex(blindedSharedKey(SEED_B, fromHex(KA), sides)), E);
});

Deno.test("§7.3: encrypting 'hello' with the fixed nonce gives the vector", () => {
  assert.equal(toHex(encryptBlindedDm(SEED_A, SERVER, "15" + KB, HELLO, NONCE)), EXPECTED);
});

Deno.test("§7.3: the recipient decrypts and learns the sender's Session ID", () => {
  const opened = decryptBlindedDm(SEED_B, SERVER, fromHex(EXPECTED), "15" + KA, "15" + KB);
  assert.deepEqual(opened.plaintext, HELLO);
  assert.equal(
    opened.sessionId,
    "05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72",
  );
});

Deno.test("the sender decrypts its own outbox copy", () => {
  const opened = decryptBlindedDm(SEED_A, SERVER, fromHex(EXPECTED), "15" + KA, "15" + KB);
  assert.deepEqual(opened.plaintext, HELLO);
});

Deno.test("a tampered byte or a wrong recipient fails to decrypt", () => {
  const bad = fromHex(EXPECTED);
  bad[5] ^= 1;
  assert.throws(
    () => decryptBlindedDm(SEED_B, SERVER, bad, "15" + KA, "15" + KB),
    hasCode("decrypt_failed", CryptoError),
  );
  const other = fromHex("ff".repeat(32));
  const msg = encryptBlindedDm(SEED_A, SERVER, "15" + KB, HELLO);
  assert.throws(
    () => decryptBlindedDm(other, SERVER, msg, "15" + KA, "15" + KB),
    hasCode("decrypt_failed", CryptoError),
  );
});

Deno.test("a DM claiming another sender is refused as forged", () => {
  // C encrypts to B but the server (or an attacker) labels it as coming from A.
  const seedC = fromHex("22".repeat(32));
  const kC = blind15KeyPair(seedC, SERVER).id;
  const msg = encryptBlindedDm(seedC, SERVER, "15" + KB, HELLO);
  assert.doesNotThrow(() => decryptBlindedDm(SEED_B, SERVER, msg, kC, "15" + KB));
  assert.throws(
    () => decryptBlindedDm(SEED_B, SERVER, msg, "15" + KA, "15" + KB),
    (e) => e instanceof CryptoError,
  );
  assert.equal(concatBytes(HELLO).length, 5);
});
