/**
 * Internal: the client's per-layer X25519 agreement on the hot path. A fresh ephemeral key
 * pair per call (native `node:crypto`), and node public keys parsed into KeyObjects once and
 * cached, since a path's nodes are reused for many requests.
 *
 * @module
 */
import { diffieHellman, generateKeyPairSync, type KeyObject } from "node:crypto";
import { toHex } from "../core/bytes.ts";
import { CryptoError } from "../core/errors.ts";
import { publicKeyObject, rawPublicKey } from "../crypto/key_objects.ts";

const MAX_CACHED = 512;
const peers = new Map<string, KeyObject>();

function peerKey(publicKey: Uint8Array): KeyObject {
  const id = toHex(publicKey);
  let key = peers.get(id);
  if (key === undefined) {
    try {
      key = publicKeyObject("x25519", publicKey);
    } catch (cause) {
      throw new CryptoError("X25519 key agreement failed: bad peer key", "bad_key", { cause });
    }
    if (peers.size >= MAX_CACHED) peers.clear();
    peers.set(id, key);
  }
  return key;
}

/**
 * A fresh ephemeral key pair and its shared secret with `peerPublicKey` (32 bytes). Throws
 * `CryptoError` (`bad_key`) for a low-order peer key, like `X25519KeyPair.sharedSecret`.
 */
export function ephemeralAgreement(
  peerPublicKey: Uint8Array,
): { publicKey: Uint8Array; sharedSecret: Uint8Array } {
  const pair = generateKeyPairSync("x25519");
  let shared: Uint8Array;
  try {
    shared = diffieHellman({ privateKey: pair.privateKey, publicKey: peerKey(peerPublicKey) });
  } catch (cause) {
    if (cause instanceof CryptoError) throw cause;
    throw new CryptoError("X25519 key agreement failed: bad peer key", "bad_key", { cause });
  }
  let bits = 0;
  for (let i = 0; i < 32; i++) bits |= shared[i];
  if (bits === 0) {
    throw new CryptoError("X25519 key agreement failed: low-order peer key", "bad_key");
  }
  return { publicKey: rawPublicKey(pair.publicKey), sharedSecret: new Uint8Array(shared) };
}
