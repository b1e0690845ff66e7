import assert from "node:assert/strict";
import { fromBase64, randomBytes, toHex, utf8 } from "../../src/core/bytes.ts";
import { generateX25519KeyPair } from "../../src/crypto/x25519.ts";
import {
  decryptHop,
  encodeLayer,
  encryptForNode,
  encryptReply,
  openLayer,
  parseLayer,
  peelLayer,
  readRoute,
  wrapReply,
} from "../../src/onion/mod.ts";
import { assertValidation } from "../assertions.ts";

const ED = "ef".repeat(32);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The request body a client would send this node for `plaintext`. */
function requestFor(node: ReturnType<typeof generateX25519KeyPair>, plaintext: Uint8Array) {
  const sent = encryptForNode(node.publicKey, plaintext, "xchacha20");
  return {
    sent,
    body: encodeLayer(sent.ciphertext, {
      ephemeral_key: toHex(sent.ephemeralPublicKey),
      enc_type: "xchacha20",
    }),
  };
}

Deno.test("peelLayer: relay to node re-frames the inner ciphertext for the next hop", () => {
  const node = generateX25519KeyPair();
  const inner = randomBytes(40);
  const next = toHex(randomBytes(32));
  const { sent, body } = requestFor(
    node,
    encodeLayer(inner, { destination: ED, ephemeral_key: next, enc_type: "cbc" }),
  );
  const peeled = peelLayer(node, body);
  assert.deepEqual(peeled.key, sent.key);
  assert.equal(peeled.encType, "xchacha20");
  assert.equal(peeled.ephemeralKey, toHex(sent.ephemeralPublicKey));
  assert.deepEqual(peeled.route, {
    type: "relay_to_node",
    destination: ED,
    ephemeralKey: next,
    encType: "aes-cbc",
  });
  assert.deepEqual(peeled.payload, inner);
  assert.deepEqual(parseLayer(peeled.forward!), {
    blob: inner,
    json: { ephemeral_key: next, enc_type: "aes-cbc" },
  });
});

Deno.test("peelLayer: relay to server forwards the whole decrypted layer", () => {
  const node = generateX25519KeyPair();
  const plaintext = encodeLayer(randomBytes(10), { host: "h", target: "/oxen/v4/lsrpc" });
  const peeled = peelLayer(node, requestFor(node, plaintext).body);
  assert.equal(peeled.route.type, "relay_to_server");
  assert.deepEqual(peeled.forward, plaintext);
  assert.deepEqual(peeled.plaintext, plaintext);
});

Deno.test("readRoute / peelLayer: bad inner layers are invalid_json, after the key is known", () => {
  const node = generateX25519KeyPair();
  for (
    const plaintext of [
      utf8("{}"),
      new Uint8Array(2),
      encodeLayer(new Uint8Array(1), {}),
      encodeLayer(new Uint8Array(1), { destination: "x", ephemeral_key: ED }),
      new Uint8Array([1, 0, 0, 0, 9, 0x5b, 0x5d]),
    ]
  ) {
    const error = assertValidation(() => readRoute(plaintext), "invalid_json");
    assert.match(error.message, /^Invalid json: /);
    const { body } = requestFor(node, plaintext);
    assertValidation(() => peelLayer(node, body), "invalid_json");
    // openLayer still works, so a node can encrypt its "Invalid json" reply.
    const opened = openLayer(node, body);
    const reply = wrapReply(opened.key, opened.encType, { status: 400, body: "Invalid json" });
    const plain = decryptHop("xchacha20", opened.key, fromBase64(text(reply)));
    assert.deepEqual(JSON.parse(text(plain)), { status: 400, body: "Invalid json" });
  }
});

Deno.test("wrapReply: the server's wrap_proxy_response shapes", () => {
  const key = randomBytes(32);
  const open = (bytes: Uint8Array, base64 = true) =>
    text(decryptHop("aes-gcm", key, base64 ? fromBase64(text(bytes)) : bytes));
  assert.equal(
    open(wrapReply(key, "aes-gcm", { status: 200, body: '{"a":1}' })),
    '{"status":200,"body":"{\\"a\\":1}"}',
  );
  assert.equal(
    open(wrapReply(key, "aes-gcm", { status: 200, body: '{"a":1}', json: true })),
    '{"status":200,"body":{"a":1}}',
  );
  assert.equal(
    open(wrapReply(key, "aes-gcm", { status: 400, body: "plain", json: true })),
    '{"status":400,"body":"plain"}',
  );
  assert.equal(
    open(wrapReply(key, "aes-gcm", { status: 200, body: { a: [1] } })),
    '{"status":200,"body":"{\\"a\\":[1]}"}',
  );
  assert.equal(
    open(wrapReply(key, "aes-gcm", { status: 200, body: "x", base64: false }), false),
    '{"status":200,"body":"x"}',
  );
  assert.throws(() => wrapReply(key, "aes-gcm", { status: 2.5, body: "" }), TypeError);
  assert.equal(text(decryptHop("aes-cbc", key, encryptReply(key, "aes-cbc", utf8("r")))), "r");
});
