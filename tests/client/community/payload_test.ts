/** Post payloads: padded Content + blind15 signature, and the checks on the way back. */
import assert from "node:assert/strict";
import { ed25519 } from "@noble/curves/ed25519.js";
import { fromBase64, fromHex, toBase64, toHex } from "../../../src/core/bytes.ts";
import { CryptoError, ValidationError } from "../../../src/core/errors.ts";
import { blind15KeyPair } from "../../../src/crypto/blinding.ts";
import { Identity } from "../../../src/crypto/mod.ts";
import { decodePost, encodePost } from "../../../src/client/community/mod.ts";
import { encodeContent } from "../../../src/proto/mod.ts";
import { hasCode } from "../_helpers.ts";

const SERVER = "c3b3c6f32f0ab5a57f853cc4f30f5da7fda5624b0c77b3fb0829de562ada081d";
const SEED = fromHex("c010d89eccbaf5d1c6d19df766c6eedf965d4a28a56f87c9fc819edb59896dd9");
const ME = blind15KeyPair(SEED, SERVER).id;
const SID = Identity.fromSeed(SEED).sessionId;

/** XEd25519-style signature as Session apps make for `05` posters. */
function xedSign(bytes: Uint8Array): string {
  const signature = ed25519.sign(bytes, SEED);
  signature[63] |= ed25519.getPublicKey(SEED)[31] & 0x80;
  return toBase64(signature);
}

Deno.test("a post is padded Content signed by the blinded key", () => {
  const post = encodePost(SEED, SERVER, {
    dataMessage: { body: "hi!" },
    sigTimestamp: 1700000000000,
  });
  const bytes = fromBase64(post.data);
  assert.equal(bytes.length % 160, 0);
  assert.ok(ed25519.verify(fromBase64(post.signature), bytes, fromHex(ME.slice(2))));
  const content = decodePost(post.data, post.signature, ME);
  assert.equal(content.dataMessage?.body, "hi!");
  assert.equal(content.sigTimestamp, 1700000000000);
});

Deno.test("§7.8: the bytes pysogs stored decode; a 05 poster's XEd25519 signature verifies", () => {
  const data = "CgUKA2hpIYA=";
  assert.equal(toHex(fromBase64(data)), "0a050a0368692180");
  const content = decodePost(data, xedSign(fromBase64(data)), SID);
  assert.equal(content.dataMessage?.body, "hi!");
  assert.throws(() => decodePost(data, undefined, SID), hasCode("bad_signature", CryptoError));
});

Deno.test("unblinded posts (servers without blind) round-trip as the 05 ID", () => {
  const post = encodePost(SEED, SERVER, { dataMessage: { body: "plain" } }, { blinded: false });
  assert.equal(decodePost(post.data, post.signature, SID).dataMessage?.body, "plain");
  assert.throws(
    () => decodePost(post.data, post.signature, ME),
    hasCode("bad_signature", CryptoError),
  );
});

Deno.test("a wrong or missing signature from a 15 poster is a CryptoError", () => {
  const post = encodePost(SEED, SERVER, { dataMessage: { body: "x" } });
  const other = blind15KeyPair(new Uint8Array(32).fill(7), SERVER).id;
  assert.throws(
    () => decodePost(post.data, post.signature, other),
    hasCode("bad_signature", CryptoError),
  );
  assert.throws(() => decodePost(post.data, undefined, ME), hasCode("bad_signature", CryptoError));
  const tampered = fromBase64(post.data);
  tampered[3] ^= 1;
  assert.throws(
    () => decodePost(toBase64(tampered), post.signature, ME),
    hasCode("bad_signature", CryptoError),
  );
});

Deno.test("garbage data is a ValidationError bad_post, not a crash", () => {
  assert.throws(() => decodePost("!!!", undefined, SID), hasCode("bad_post", ValidationError));
  const junk = new Uint8Array([0xff, 0xff, 0xff, 0x80]);
  assert.throws(
    () => decodePost(toBase64(junk), xedSign(junk), SID),
    hasCode("bad_post", ValidationError),
  );
});

Deno.test("an Envelope-wrapped Content (community v2 payload) is accepted", async () => {
  const { encodeEnvelope } = await import("../../../src/proto/mod.ts");
  const inner = encodeContent({ dataMessage: { body: "v2" } });
  const envelope = encodeEnvelope({ type: 7, timestamp: 1, content: inner } as never);
  const content = decodePost(toBase64(envelope), xedSign(envelope), SID);
  assert.equal(content.dataMessage?.body, "v2");
});
