import assert from "node:assert/strict";
import { fromHex, toHex, utf8 } from "../../src/core/bytes.ts";
import { CryptoError } from "../../src/core/errors.ts";
import { generateX25519KeyPair, x25519KeyPair } from "../../src/crypto/x25519.ts";
import { encodeLayer, encryptForNode, openLayer, parseLayer } from "../../src/onion/mod.ts";
import { assertValidation } from "../assertions.ts";
import { vectors } from "../vectors.ts";

for (const v of vectors("onion.json", "layer_parse")) {
  Deno.test(`layer_parse ${v.id}: framing, JSON and decryption at the node`, () => {
    const bytes = fromHex(v.layer_hex);
    const { blob, json } = parseLayer(bytes);
    assert.equal(blob.length, v.expected_n);
    assert.deepEqual(json, v.expected_json);
    const node = x25519KeyPair(fromHex(v.node_x25519_sk_hex));
    assert.equal(toHex(node.publicKey), v.node_x25519_pk_hex);
    const opened = openLayer(node, bytes);
    assert.equal(new TextDecoder().decode(opened.plaintext), v.expected_plaintext_utf8);
    assert.equal(toHex(opened.key), v.derived_key_hex);
    assert.equal(opened.encType, v.expected_json.enc_type);
    assert.equal(opened.ephemeralKey, v.client_ephemeral_pk_hex);
  });
}

Deno.test("encodeLayer: u32le length, blob, JSON; parseLayer inverts it", () => {
  const blob = new Uint8Array([9, 8, 7]);
  const bytes = encodeLayer(blob, { a: 1, b: "x" });
  assert.equal(toHex(bytes.subarray(0, 4)), "03000000");
  assert.deepEqual(bytes.subarray(4, 7), blob);
  assert.equal(new TextDecoder().decode(bytes.subarray(7)), '{"a":1,"b":"x"}');
  assert.deepEqual(parseLayer(bytes), { blob, json: { a: 1, b: "x" } });
  const empty = parseLayer(encodeLayer(new Uint8Array(0), {}));
  assert.equal(empty.blob.length, 0);
  assert.deepEqual(empty.json, {});
  assert.throws(() => encodeLayer(blob, [] as unknown as Record<string, unknown>), TypeError);
  assert.throws(() => encodeLayer("x" as unknown as Uint8Array, {}), TypeError);
});

Deno.test("parseLayer: malformed layers are bad_layer with the server's wording", () => {
  const frame = (n: number, rest: Uint8Array) => {
    const out = new Uint8Array(4 + rest.length);
    new DataView(out.buffer).setUint32(0, n, true);
    out.set(rest, 4);
    return out;
  };
  const cases: [string, Uint8Array, RegExp][] = [
    ["empty", new Uint8Array(0), /expected ciphertext size/],
    ["3 bytes", new Uint8Array(3), /expected ciphertext size/],
    ["N past the end", frame(10, utf8("abc{}")), /Unexpected payload size 5, expected >= 10/],
    ["N huge", frame(0xffffffff, utf8("{}")), /expected >= 4294967295/],
    ["no JSON", frame(2, utf8("ab")), /does not parse/],
    ["bad JSON", frame(2, utf8('ab{"a":')), /does not parse/],
    ["trailing junk", frame(2, utf8("ab{} x")), /does not parse/],
    ["array", frame(2, utf8("ab[1]")), /not an object/],
    ["string", frame(2, utf8('ab"s"')), /not an object/],
    ["null", frame(2, utf8("abnull")), /not an object/],
    ["bad UTF-8", frame(2, new Uint8Array([1, 2, 0x7b, 0xff, 0x7d])), /not valid UTF-8/],
  ];
  for (const [name, bytes, pattern] of cases) {
    const error = assertValidation(() => parseLayer(bytes), "bad_layer", "layer");
    assert.match(error.message, /^Error parsing onion request: /, name);
    assert.match(error.message, pattern, name);
  }
});

Deno.test("openLayer: missing or bad ephemeral_key / enc_type / hop_no are bad_layer", () => {
  const node = generateX25519KeyPair();
  const sent = encryptForNode(node.publicKey, utf8("hi"));
  const key = toHex(sent.ephemeralPublicKey);
  const open = (json: Record<string, unknown>) =>
    openLayer(node, encodeLayer(sent.ciphertext, json));
  assert.equal(new TextDecoder().decode(open({ ephemeral_key: key }).plaintext), "hi");
  assert.equal(
    open({ ephemeral_key: key.toUpperCase(), hop_no: 3, extra: true }).ephemeralKey,
    key,
  );
  for (
    const [json, field] of [
      [{}, "ephemeral_key"],
      [{ ephemeral_key: key.slice(2) }, "ephemeral_key"],
      [{ ephemeral_key: 5 }, "ephemeral_key"],
      [{ ephemeral_key: key, enc_type: "rot13" }, "enc_type"],
      [{ ephemeral_key: key, enc_type: null }, "enc_type"],
      [{ ephemeral_key: key, hop_no: "1" }, "hop_no"],
    ] as const
  ) {
    const error = assertValidation(() => open(json), "bad_layer", field);
    assert.match(error.message, /^Error parsing onion request: /);
  }
  // Right framing, wrong key or enc type: the ciphertext does not decrypt.
  const other = toHex(generateX25519KeyPair().publicKey);
  for (const json of [{ ephemeral_key: other }, { ephemeral_key: key, enc_type: "xchacha20" }]) {
    assert.throws(() => open(json), (e) => e instanceof CryptoError && e.code === "decrypt_failed");
  }
});
