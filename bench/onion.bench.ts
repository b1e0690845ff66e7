/**
 * Client CPU of one onion request to a service node: guard + 2 relays + destination = 4
 * encryption layers (4 ephemeral X25519 key pairs and key agreements, 4 AES-GCM layers), then
 * decrypting the destination's reply (issue target: ≤ 0.5 ms per build + decrypt).
 * Run: `deno bench -A bench/onion.bench.ts` (or `deno task bench`).
 */
import { toHex } from "../src/core/bytes.ts";
import { generateX25519KeyPair } from "../src/crypto/x25519.ts";
import {
  buildOnionRequest,
  type EncType,
  type OnionHop,
  type OnionRequestOptions,
  snodePayload,
  wrapReply,
} from "../src/onion/mod.ts";

function hop(): OnionHop {
  return {
    ed25519: toHex(crypto.getRandomValues(new Uint8Array(32))),
    x25519: toHex(generateX25519KeyPair().publicKey),
  };
}

const path = [hop(), hop(), hop()];
const target = hop();
// A realistic retrieve RPC (signature, pubkeys, timestamp) and a typical small reply.
const payload = snodePayload({
  method: "retrieve",
  params: {
    pubkey: "05" + "ab".repeat(32),
    namespace: 0,
    timestamp: 1_732_620_000_000,
    signature: "A".repeat(86),
    pubkey_ed25519: "cd".repeat(32),
    last_hash: "B".repeat(43),
  },
});
const replyBody = JSON.stringify({
  messages: [{ hash: "C".repeat(43), timestamp: 1, expiration: 2, data: "D".repeat(200) }],
  more: false,
  t: 1_732_620_000_000,
  hf: [19, 4],
});

function options(encType: EncType): OnionRequestOptions {
  return { path, destination: { kind: "snode", ...target }, payload, encType };
}

// A reply prepared outside the measured loop (the node's work, not the client's).
const prepared = buildOnionRequest(options("aes-gcm"));
const preparedReply = wrapReply(prepared.destinationKey, "aes-gcm", {
  status: 200,
  body: replyBody,
});

// Each iteration builds one request and decrypts one reply. Sealing a reply is the node's
// work, so the reply decrypted here was sealed once, up front, for an earlier request with the
// same path (same sizes, so the same client work as decrypting this request's reply).
Deno.bench("build 4-layer onion request to a snode + decrypt its reply (aes-gcm)", {
  group: "onion",
  baseline: true,
}, () => {
  buildOnionRequest(options("aes-gcm"));
  prepared.decryptSnodeReply(preparedReply);
});

Deno.bench("build only (aes-gcm)", { group: "parts" }, () => {
  buildOnionRequest(options("aes-gcm"));
});

Deno.bench("decrypt reply only (aes-gcm)", { group: "parts" }, () => {
  prepared.decryptSnodeReply(preparedReply);
});

Deno.bench("build 4-layer onion request (xchacha20)", { group: "parts" }, () => {
  buildOnionRequest(options("xchacha20"));
});
