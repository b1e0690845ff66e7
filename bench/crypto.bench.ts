/**
 * Full 1:1 send and receive paths for a 200-byte text message (issue targets: send ≥ 5,000
 * msg/s, receive ≥ 6,000 msg/s on one core). Run: `deno task bench`.
 */
import { decodeDirectMessage, encodeDirectMessage } from "../src/client/codec/mod.ts";
import { Identity } from "../src/crypto/identity.ts";

const alice = Identity.fromSeed("000102030405060708090a0b0c0d0e0f");
const bob = Identity.fromSeed("0f0e0d0c0b0a09080706050403020100");
const body = "x".repeat(200);
const content = { dataMessage: { body, profile: { displayName: "Alice" } } };
const wire = encodeDirectMessage(alice, bob.sessionId, content);

// 100 distinct senders, so the receive figure is not only a per-sender cache hit.
const crowd = Array.from({ length: 100 }, (_, i) => {
  const seed = new Uint8Array(16);
  seed[0] = i + 1;
  return encodeDirectMessage(Identity.fromSeed(seed), bob.sessionId, content).data;
});
let next = 0;

Deno.bench("send: Content → pad → sign → seal → wrappers → base64", {
  group: "send",
  baseline: true,
}, () => {
  encodeDirectMessage(alice, bob.sessionId, content);
});

Deno.bench("receive: base64 → unwrap → open → verify → sender → decode", {
  group: "receive",
  baseline: true,
}, () => {
  decodeDirectMessage(bob, wire.data);
});

Deno.bench("receive from 100 rotating senders", { group: "receive" }, () => {
  decodeDirectMessage(bob, crowd[next++ % crowd.length]);
});
