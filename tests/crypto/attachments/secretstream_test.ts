import assert from "node:assert/strict";
import { fromHex, toHex } from "../../../src/core/bytes.ts";
import { CryptoError } from "../../../src/core/errors.ts";
import { hchacha20 } from "../../../src/crypto/attachments/hchacha20.ts";
import { SecretStream, SecretStreamTag } from "../../../src/crypto/attachments/secretstream.ts";

/** Made with libsodium-wrappers 0.8.4 `crypto_secretstream_xchacha20poly1305_push` (random header). */
const KAT = JSON.parse(
  Deno.readTextFileSync(new URL("./secretstream_libsodium.json", import.meta.url)),
) as {
  key_hex: string;
  header_hex: string;
  chunks: { message_utf8: string; tag: number; chunk_hex: string }[];
};
const text = new TextEncoder();
const key = fromHex(KAT.key_hex);
const header = fromHex(KAT.header_hex);

Deno.test("secretstream: pulls libsodium's chunks (PUSH, REKEY, MESSAGE, FINAL tags)", () => {
  const stream = new SecretStream(key, header);
  for (const chunk of KAT.chunks) {
    const { message, tag } = stream.pull(fromHex(chunk.chunk_hex));
    assert.equal(new TextDecoder().decode(message), chunk.message_utf8);
    assert.equal(tag, chunk.tag);
  }
});

Deno.test("secretstream: push reproduces libsodium byte for byte", () => {
  const stream = new SecretStream(key, header);
  for (const chunk of KAT.chunks) {
    assert.equal(toHex(stream.push(text.encode(chunk.message_utf8), chunk.tag)), chunk.chunk_hex);
  }
});

Deno.test("secretstream: hchacha20 matches the XChaCha draft test vector (§2.2.1)", () => {
  const k = fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  const nonce = fromHex("000000090000004a0000000031415927");
  assert.equal(
    toHex(hchacha20(k, nonce)),
    "82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc",
  );
});

Deno.test("secretstream: tampered, reordered, truncated or wrong-key chunks are rejected", () => {
  const chunks = KAT.chunks.map((c) => fromHex(c.chunk_hex));
  const flipped = chunks[1].slice();
  flipped[3] ^= 1;
  const badTag = chunks[1].slice();
  badTag[0] ^= 1;
  const cases: [Uint8Array, Uint8Array][] = [
    [key, flipped],
    [key, badTag],
    [key, chunks[1].subarray(0, chunks[1].length - 1)],
    [key, new Uint8Array(16)],
    [new Uint8Array(32), chunks[0]],
  ];
  for (const [k, chunk] of cases) {
    const stream = new SecretStream(k, header);
    if (chunk !== chunks[0] && k === key) stream.pull(chunks[0]);
    assert.throws(
      () => stream.pull(chunk),
      (e) => e instanceof CryptoError && e.code === "decrypt_failed",
    );
  }
  // Out of order: chunk 2 where chunk 1 is expected.
  const stream = new SecretStream(key, header);
  stream.pull(chunks[0]);
  assert.throws(() => stream.pull(chunks[2]), CryptoError);
  // A failed pull leaves the state usable.
  assert.equal(new TextDecoder().decode(stream.pull(chunks[1]).message), "hello");
});

Deno.test("secretstream: round trip with explicit rekey and large messages", () => {
  const push = new SecretStream(key, header);
  const pull = new SecretStream(key, header);
  const big = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) & 0xff);
  const sent = [push.push(big), push.push(big.subarray(1, 3), SecretStreamTag.REKEY)];
  push.rekey();
  sent.push(push.push(new Uint8Array(0), SecretStreamTag.FINAL));
  assert.deepEqual(pull.pull(sent[0]), { message: big, tag: SecretStreamTag.MESSAGE });
  assert.deepEqual(pull.pull(sent[1]).tag, SecretStreamTag.REKEY);
  pull.rekey();
  assert.deepEqual(pull.pull(sent[2]), { message: new Uint8Array(0), tag: SecretStreamTag.FINAL });
});

Deno.test("secretstream: argument validation", () => {
  assert.throws(() => new SecretStream(new Uint8Array(31), header), RangeError);
  assert.throws(() => new SecretStream(key, new Uint8Array(23)), RangeError);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => new SecretStream(key, header).push("x" as any), TypeError);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => new SecretStream(key, header).pull(null as any), TypeError);
  assert.throws(() => new SecretStream(key, header).push(new Uint8Array(1), 256), RangeError);
  assert.throws(() => new SecretStream(key, header).push(new Uint8Array(1), 1.5), RangeError);
  assert.throws(() => hchacha20(key, new Uint8Array(15)), RangeError);
});
