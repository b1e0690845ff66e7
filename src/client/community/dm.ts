/**
 * Blinded DMs through a community's inbox (extended.md §1.8): a shared key from the two
 * blinded keys, XChaCha20-Poly1305, and the sender's real Ed25519 key inside, checked against
 * its blinded ID on the way in.
 *
 * @module
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { bytesToNumberLE } from "@noble/curves/utils.js";
import { concatBytes, fromHex, randomBytes, toHex } from "../../core/bytes.ts";
import { CryptoError } from "../../core/errors.ts";
import { blind15Factor, blind15KeyPair, sameBlindedId } from "../../crypto/blinding.ts";
import { expandSeed } from "../../crypto/blinding/curve.ts";
import { ed25519ToX25519PublicKey } from "../../crypto/x25519.ts";

const VERSION = 0x00;

/**
 * `E = BLAKE2b-256((a · other) ‖ kA ‖ kB)`: `a` is our own (unblinded) secret scalar, `other` the
 * peer's blinded key, `kA` the sender's and `kB` the recipient's blinded key.
 *
 * @example
 * ```ts
 * const key = blindedSharedKey(seed, peerBlinded, { sender: myBlinded, recipient: peerBlinded });
 * ```
 */
export function blindedSharedKey(
  seed: Uint8Array,
  other: Uint8Array,
  sides: { readonly sender: Uint8Array; readonly recipient: Uint8Array },
): Uint8Array {
  const { scalar } = expandSeed(seed);
  let point;
  try {
    point = ed25519.Point.fromBytes(other);
  } catch (cause) {
    throw new CryptoError("the peer's blinded key is not a curve point", "bad_key", { cause });
  }
  const shared = point.multiply(scalar % ed25519.Point.Fn.ORDER).toBytes();
  return blake2b(concatBytes(shared, sides.sender, sides.recipient), { dkLen: 32 });
}

function keyOf(id: string, field: string): Uint8Array {
  if (!/^15[0-9a-f]{64}$/.test(id)) {
    throw new CryptoError(`${field} must be a 15-prefixed blinded ID`, "bad_blinded_id");
  }
  return fromHex(id.slice(2));
}

/**
 * Encrypts `plaintext` (a padded Content) for the blinded `recipient` on the server
 * `serverKey`: `0x00 ‖ ciphertext ‖ nonce(24)`.
 *
 * @example
 * ```ts
 * const message = encryptBlindedDm(seed, serverKey, "15…", padded);
 * // POST /inbox/15… {"message": base64(message)}
 * ```
 */
export function encryptBlindedDm(
  seed: Uint8Array,
  serverKey: string,
  recipient: string,
  plaintext: Uint8Array,
  nonce: Uint8Array = randomBytes(24),
): Uint8Array {
  const kB = keyOf(recipient, "recipient");
  const kA = blind15KeyPair(seed, serverKey).publicKey;
  const key = blindedSharedKey(seed, kB, { sender: kA, recipient: kB });
  const { publicKey } = expandSeed(seed);
  const ct = xchacha20poly1305(key, nonce).encrypt(concatBytes(plaintext, publicKey));
  return concatBytes(new Uint8Array([VERSION]), ct, nonce);
}

/** A decrypted blinded DM. */
export interface OpenedDm {
  /** The plaintext (a padded Content). */
  readonly plaintext: Uint8Array;
  /** The sender's real Session ID (`05…`). */
  readonly sessionId: string;
  /** The sender's Ed25519 key, hex. */
  readonly ed25519: string;
}

/**
 * Decrypts a blinded DM between `sender` and `recipient` (both `15…`), one of which is us: our
 * inbox (we are `recipient`) or outbox (we are `sender`). Checks that the key inside blinds to
 * `sender`.
 *
 * @throws {CryptoError} `decrypt_failed` or `bad_sender`.
 * @example
 * ```ts
 * const { plaintext, sessionId } = decryptBlindedDm(seed, serverKey, message, sender, me);
 * ```
 */
export function decryptBlindedDm(
  seed: Uint8Array,
  serverKey: string,
  message: Uint8Array,
  sender: string,
  recipient: string,
): OpenedDm {
  if (message.length < 1 + 16 + 32 + 24 || message[0] !== VERSION) {
    throw new CryptoError("the DM has an unknown version or is too short", "decrypt_failed");
  }
  const kA = keyOf(sender, "sender");
  const kB = keyOf(recipient, "recipient");
  const mine = blind15KeyPair(seed, serverKey).id;
  const other = sameBlindedId(mine, sender) ? kB : kA;
  const key = blindedSharedKey(seed, other, { sender: kA, recipient: kB });
  let inner: Uint8Array;
  try {
    inner = xchacha20poly1305(key, message.subarray(message.length - 24))
      .decrypt(message.subarray(1, message.length - 24));
  } catch (cause) {
    throw new CryptoError("the DM does not decrypt: not for us, or tampered", "decrypt_failed", {
      cause,
    });
  }
  const edKey = inner.subarray(inner.length - 32);
  const sessionId = "05" + toHex(ed25519ToX25519PublicKey(edKey));
  if (!sameBlindedId(blindedOfEd(edKey, serverKey), sender)) {
    throw new CryptoError(
      "the DM's inner key does not match its sender's blinded ID: dropped as forged",
      "bad_sender",
    );
  }
  return {
    plaintext: inner.slice(0, inner.length - 32),
    sessionId,
    ed25519: toHex(edKey),
  };
}

/** The blind15 ID of a bare Ed25519 key: `k · A`. */
function blindedOfEd(edKey: Uint8Array, serverKey: string): string {
  const k = bytesToNumberLE(blind15Factor(serverKey));
  return "15" + toHex(ed25519.Point.fromBytes(edKey).multiply(k).toBytes());
}
