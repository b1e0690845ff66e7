/**
 * One hop's encryption, end to end: the client encrypts for a node's X25519 key with an
 * ephemeral key pair, and the node decrypts with its own key pair and that ephemeral public key.
 *
 * @module
 */
import { assertBytes } from "../core/bytes.ts";
import type { X25519KeyPair } from "../crypto/x25519.ts";
import { ephemeralAgreement } from "./_x25519.ts";
import { keyBytes } from "./_keys.ts";
import { assertEncType, type EncType } from "./enc_type.ts";
import { decryptHop, encryptHop, hopKey } from "./hop.ts";

/** What {@link encryptForNode} produces. */
export interface NodeCiphertext {
  /** The encrypted layer (iv/nonce included). */
  readonly ciphertext: Uint8Array;
  /** The ephemeral X25519 public key the node needs (sent as `ephemeral_key` hex). */
  readonly ephemeralPublicKey: Uint8Array;
  /** The hop key; the node encrypts its reply with it. */
  readonly key: Uint8Array;
}

/** What {@link decryptAtNode} produces. */
export interface NodePlaintext {
  /** The decrypted layer. */
  readonly plaintext: Uint8Array;
  /** The hop key, for encrypting the reply. */
  readonly key: Uint8Array;
}

/**
 * Client side of one hop: encrypts `plaintext` for the node whose X25519 public key is
 * `nodeX25519Pub` (64 hex characters or 32 bytes), using a fresh ephemeral key pair unless one
 * is given. Throws `ValidationError` (code `bad_key`) for a malformed node key and `CryptoError`
 * for a low-order one.
 *
 * @example
 * ```ts
 * const node = generateX25519KeyPair();
 * const { ciphertext, ephemeralPublicKey, key } = encryptForNode(
 *   node.publicKey,
 *   new TextEncoder().encode("Hello world"),
 * );
 * ```
 */
export function encryptForNode(
  nodeX25519Pub: Uint8Array | string,
  plaintext: Uint8Array,
  encType: EncType = "aes-gcm",
  ephemeral?: X25519KeyPair,
): NodeCiphertext {
  assertEncType(encType);
  assertBytes(plaintext, undefined, "plaintext");
  const nodeKey = keyBytes(nodeX25519Pub, "node x25519 key");
  const { publicKey: ephemeralPublicKey, sharedSecret } = ephemeral === undefined
    ? ephemeralAgreement(nodeKey)
    : { publicKey: ephemeral.publicKey, sharedSecret: ephemeral.sharedSecret(nodeKey) };
  const key = hopKey(encType, sharedSecret, ephemeralPublicKey, nodeKey);
  return { ciphertext: encryptHop(encType, key, plaintext), ephemeralPublicKey, key };
}

/**
 * Node side of one hop: derives the hop key from the node's key pair and the client's
 * ephemeral public key (hex or bytes), then decrypts. Decryption failures throw `CryptoError`
 * with code `decrypt_failed` (the real server answers 400 "Invalid ciphertext").
 *
 * @example
 * ```ts
 * const node = generateX25519KeyPair();
 * const sent = encryptForNode(node.publicKey, new Uint8Array([1, 2, 3]), "xchacha20");
 * const { plaintext } = decryptAtNode(node, sent.ephemeralPublicKey, "xchacha20", sent.ciphertext);
 * ```
 */
export function decryptAtNode(
  nodeKeyPair: X25519KeyPair,
  ephemeralPub: Uint8Array | string,
  encType: EncType,
  ciphertext: Uint8Array,
): NodePlaintext {
  assertEncType(encType);
  const clientKey = keyBytes(ephemeralPub, "ephemeral_key");
  const key = hopKey(
    encType,
    nodeKeyPair.sharedSecret(clientKey),
    clientKey,
    nodeKeyPair.publicKey,
  );
  return { plaintext: decryptHop(encType, key, ciphertext), key };
}
