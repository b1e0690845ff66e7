import assert from "node:assert/strict";
import { fromBase64, fromHex, toBase64, toHex } from "../../src/core/bytes.ts";
import { CryptoError, ValidationError } from "../../src/core/errors.ts";
import { Identity } from "../../src/crypto/identity.ts";
import { padMessage } from "../../src/crypto/padding.ts";
import { signAndSeal } from "../../src/crypto/session_protocol.ts";
import { x25519KeyPair } from "../../src/crypto/x25519.ts";
import { decodeDirectMessage, encodeDirectMessage } from "../../src/client/codec/mod.ts";
import {
  encodeContent,
  encodeEnvelope,
  EnvelopeType,
  wrapWebSocketMessage,
} from "../../src/proto/mod.ts";
import { vectors } from "../vectors.ts";

const STYLES = { desktop2024: "desktop", libsession: "libsession" } as const;
const SCHEMES = { session_legacy_160_minus_1: "legacy", libsession_multiple_of_160: "libsession" };

for (const v of vectors("messages.json", "wrapped_message")) {
  const sender = Identity.fromSeed(v.sender_ed25519_seed_hex.slice(0, 32));
  const recipient = Identity.fromSeed(v.recipient_ed25519_seed_hex.slice(0, 32));

  Deno.test(`wrapped_message ${v.id}: decodes to sender, body and timestamps`, () => {
    const message = decodeDirectMessage(recipient, v.data_b64);
    assert.equal(message.sender, v.expected.sender_session_id);
    assert.equal(message.timestamp, v.expected.envelope_timestamp_ms);
    assert.equal(message.kind, "data");
    assert.equal(message.content.dataMessage?.body, v.expected.body_utf8);
    assert.equal(message.content.dataMessage?.profile?.displayName, v.expected.display_name_utf8);
    assert.equal(message.content.sigTimestamp, v.expected.sig_timestamp_ms);
  });

  Deno.test(`wrapped_message ${v.id}: encodes to the exact stored bytes`, () => {
    const wire = encodeDirectMessage(
      sender,
      recipient.sessionId,
      {
        dataMessage: {
          body: v.body_utf8,
          profile: { displayName: v.display_name_utf8 },
        },
      },
      {
        timestamp: v.timestamp_ms,
        padding: SCHEMES[v.padding_scheme as keyof typeof SCHEMES] as "legacy" | "libsession",
        wrapper: STYLES[v.wrapper_style as keyof typeof STYLES],
        ephemeral: x25519KeyPair(fromHex(v.ephemeral_x25519_sk_hex)),
      },
    );
    assert.equal(toHex(fromBase64(wire.data)), v.websocket_message_hex);
    assert.equal(wire.data, v.data_b64);
  });
}

const alice = Identity.fromSeed("000102030405060708090a0b0c0d0e0f");
const bob = Identity.fromSeed("0f0e0d0c0b0a09080706050403020100");

Deno.test("round trip: every content kind survives, sender proven", () => {
  const contents = [
    { dataMessage: { body: "hi", quote: { id: 5, author: bob.sessionId } } },
    { receiptMessage: { type: 1, timestamp: [1, 2, 3] } },
    { typingMessage: { timestamp: 1700000000000, action: 0 } },
    { unsendRequest: { timestamp: 42, author: alice.sessionId } },
    { messageRequestResponse: { isApproved: true } },
  ];
  for (const content of contents) {
    const wire = encodeDirectMessage(alice, bob.sessionId, content);
    const got = decodeDirectMessage(bob, wire.data);
    assert.equal(got.sender, alice.sessionId);
    assert.equal(got.timestamp, wire.timestamp);
    assert.equal(got.content.sigTimestamp, wire.timestamp);
  }
});

Deno.test("the real captured message parses but is not for us: CryptoError", () => {
  const [v] = vectors("messages.json", "wrapped_message_parse");
  assert.throws(() => decodeDirectMessage(bob, v.data_b64), CryptoError);
});

Deno.test("a message for someone else is a CryptoError; Bob's own copy opens", () => {
  const wire = encodeDirectMessage(alice, bob.sessionId, { dataMessage: { body: "for bob" } });
  assert.throws(() => decodeDirectMessage(alice, wire.data), CryptoError);
  assert.equal(decodeDirectMessage(bob, wire.data).content.dataMessage?.body, "for bob");
});

Deno.test("garbage, truncation and bit flips never escape as untyped errors", () => {
  const wire = fromBase64(
    encodeDirectMessage(alice, bob.sessionId, { dataMessage: { body: "x" } }).data,
  );
  const typed = (e: unknown) => e instanceof ValidationError || e instanceof CryptoError;
  assert.throws(() => decodeDirectMessage(bob, "not base64!!"), typed);
  assert.throws(() => decodeDirectMessage(bob, ""), typed);
  for (let length = 0; length < wire.length; length += 13) {
    assert.throws(() => decodeDirectMessage(bob, wire.slice(0, length)), typed);
  }
  for (let bit = 0; bit < wire.length * 8; bit += 11) {
    const tampered = wire.slice();
    tampered[bit >> 3] ^= 1 << (bit & 7);
    try {
      decodeDirectMessage(bob, tampered);
    } catch (e) {
      assert.ok(typed(e), `bit ${bit}: ${e}`);
    }
  }
  for (let i = 0; i < 200; i++) {
    const junk = crypto.getRandomValues(new Uint8Array(1 + (i * 7) % 400));
    assert.throws(() => decodeDirectMessage(bob, junk), typed);
  }
});

Deno.test("sigTimestamp that differs from the envelope timestamp is dropped", () => {
  const content = encodeContent({ dataMessage: { body: "replayed" }, sigTimestamp: 1000 });
  const sealed = signAndSeal(padMessage(content), alice.signer, bob.x25519.publicKey);
  const envelope = encodeEnvelope({
    type: EnvelopeType.SESSION_MESSAGE,
    timestamp: 2000,
    content: sealed,
  });
  assert.throws(
    () => decodeDirectMessage(bob, toBase64(wrapWebSocketMessage(envelope))),
    (e: unknown) => e instanceof ValidationError && e.code === "timestamp_mismatch",
  );
});

Deno.test("v2 DM payloads are skipped with a typed reason", () => {
  const v2 = new Uint8Array(2 + 2 + 32 + 1088 + 64);
  v2[1] = 2;
  assert.throws(
    () => decodeDirectMessage(bob, v2),
    (e: unknown) => e instanceof ValidationError && e.code === "unsupported_v2_dm",
  );
});

Deno.test("bad recipients and timestamps are ValidationErrors before any crypto", () => {
  assert.throws(
    () => encodeDirectMessage(alice, "05abc", { dataMessage: { body: "x" } }),
    ValidationError,
  );
  assert.throws(
    () =>
      encodeDirectMessage(alice, bob.sessionId, { dataMessage: { body: "x" } }, { timestamp: -1 }),
    ValidationError,
  );
});
