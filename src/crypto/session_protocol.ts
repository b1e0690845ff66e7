/**
 * The 1:1 "Session protocol": sign-then-seal and open-then-verify (core.md §2.4–2.6).
 * The signature covers plaintext || sender Ed25519 key || recipient X25519 key, so a message
 * cannot be re-sealed to someone else; the sender is known only from the signed inner key.
 *
 * @module
 */
import { assertBytes, concatBytes, toHex } from "../core/bytes.ts";
import { CryptoError } from "../core/errors.ts";
import { type Ed25519Signer, verifyEd25519 } from "./ed25519.ts";
import { openBox, sealBox } from "./sealed_box.ts";
import { ed25519ToX25519PublicKey, type X25519KeyPair } from "./x25519.ts";

/** Ed25519 public key plus signature appended inside the box. */
const SIGNED_SUFFIX = 96;

/** A verified, opened 1:1 message. */
export interface OpenedMessage {
  /** The (still padded) plaintext. */
  readonly plaintext: Uint8Array;
  /** The sender's Ed25519 public key, proven by the signature. */
  readonly senderEd25519PublicKey: Uint8Array;
  /** The sender's Session ID (`05` + X25519 key). */
  readonly senderSessionId: string;
}

/**
 * Signs `plaintext` for `recipientX25519PublicKey` and seals it (core.md §2.4).
 *
 * @example
 * ```ts
 * const sealed = signAndSeal(padded, identity.signer, recipientX25519PublicKey);
 * ```
 */
export function signAndSeal(
  plaintext: Uint8Array,
  sender: Ed25519Signer,
  recipientX25519PublicKey: Uint8Array,
  ephemeral?: X25519KeyPair,
): Uint8Array {
  assertBytes(plaintext, undefined, "plaintext");
  assertBytes(recipientX25519PublicKey, 32, "recipient X25519 public key");
  const signature = sender.sign(concatBytes(plaintext, sender.publicKey, recipientX25519PublicKey));
  return sealBox(
    concatBytes(plaintext, sender.publicKey, signature),
    recipientX25519PublicKey,
    ephemeral,
  );
}

const MAX_CACHED_SENDERS = 4096;
const senderIds = new Map<string, string>();

/** Session ID of a verified sender key; cached because bots hear from the same people. */
function sessionIdOf(ed25519PublicKey: Uint8Array): string {
  const id = toHex(ed25519PublicKey);
  let sessionId = senderIds.get(id);
  if (sessionId === undefined) {
    sessionId = "05" + toHex(ed25519ToX25519PublicKey(ed25519PublicKey));
    if (senderIds.size >= MAX_CACHED_SENDERS) senderIds.delete(senderIds.keys().next().value!);
    senderIds.set(id, sessionId);
  }
  return sessionId;
}

/**
 * Opens a 1:1 ciphertext with the recipient's X25519 key pair and verifies the sender's
 * signature with libsodium's rules. Throws `CryptoError` (`decrypt_failed`, `too_short`,
 * `bad_signature`) on any failure.
 *
 * @example
 * ```ts
 * import { Identity } from "./identity.ts";
 * import { openAndVerify, signAndSeal } from "./session_protocol.ts";
 *
 * const alice = Identity.generate();
 * const bob = Identity.generate();
 * const sealed = signAndSeal(new Uint8Array([1, 2]), alice.signer, bob.x25519.publicKey);
 * const opened = openAndVerify(sealed, bob.x25519);
 * console.log(opened.senderSessionId === alice.sessionId); // true
 * ```
 */
export function openAndVerify(ciphertext: Uint8Array, recipient: X25519KeyPair): OpenedMessage {
  const inner = openBox(ciphertext, recipient);
  if (inner.length <= SIGNED_SUFFIX) {
    throw new CryptoError(
      `decrypted message too short: ${inner.length} bytes, more than ${SIGNED_SUFFIX} expected`,
      "too_short",
    );
  }
  const split = inner.length - SIGNED_SUFFIX;
  const plaintext = inner.subarray(0, split);
  const senderKey = inner.slice(split, split + 32);
  const signature = inner.subarray(split + 32);
  const signed = concatBytes(plaintext, senderKey, recipient.publicKey);
  if (!verifyEd25519(signature, signed, senderKey)) {
    throw new CryptoError(
      "message signature is invalid: the sender key did not sign it for this recipient",
      "bad_signature",
    );
  }
  return Object.freeze({
    plaintext,
    senderEd25519PublicKey: senderKey,
    senderSessionId: sessionIdOf(senderKey),
  });
}
