/**
 * Seals a seed under a passphrase: key = scrypt(passphrase, salt), then XChaCha20-Poly1305 with
 * a random 24-byte nonce (random nonces are safe at this size) and associated data binding the
 * ciphertext to its record, so swapping ciphertexts between records fails to decrypt.
 *
 * @module
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { fromHex, randomBytes, toHex, utf8 } from "../../core/bytes.ts";
import { CryptoError } from "../../core/errors.ts";
import { deriveKey, type ScryptParams } from "./kdf.ts";
import type { SealedSeed } from "./record.ts";

/** Where a sealed seed belongs; all of it is authenticated. */
export interface SealContext {
  /** Identity name (the KV key). */
  readonly name: string;
  /** Record format version. */
  readonly v: number;
  /** The Session ID the seed must produce. */
  readonly sessionId: string;
}

// A JSON array is an unambiguous encoding: no name can forge a different (name, sessionId) pair.
function associatedData(context: SealContext): Uint8Array {
  return utf8(JSON.stringify(["sessionbot/identity", context.v, context.name, context.sessionId]));
}

/** Encrypts `seed` under `passphrase` with fresh salt and nonce. */
export async function sealSeed(
  seed: Uint8Array,
  passphrase: string,
  context: SealContext,
  kdf: ScryptParams,
): Promise<SealedSeed> {
  const salt = randomBytes(16);
  const nonce = randomBytes(24);
  const key = await deriveKey(passphrase, salt, kdf);
  try {
    const ciphertext = xchacha20poly1305(key, nonce, associatedData(context)).encrypt(seed);
    return {
      kind: "scrypt-xchacha20poly1305",
      kdf: { logN: kdf.logN, r: kdf.r, p: kdf.p },
      salt: toHex(salt),
      nonce: toHex(nonce),
      ciphertext: toHex(ciphertext),
    };
  } finally {
    key.fill(0);
  }
}

/**
 * Decrypts a sealed seed. A wrong passphrase and an altered record look the same to an AEAD,
 * so both become `CryptoError` `wrong_passphrase`.
 */
export async function openSeed(
  sealed: SealedSeed,
  passphrase: string,
  context: SealContext,
): Promise<Uint8Array> {
  const key = await deriveKey(passphrase, fromHex(sealed.salt), sealed.kdf);
  try {
    const cipher = xchacha20poly1305(key, fromHex(sealed.nonce), associatedData(context));
    return cipher.decrypt(fromHex(sealed.ciphertext));
  } catch {
    throw new CryptoError(
      `wrong passphrase for identity "${context.name}" (or its record was altered); ` +
        `check the passphrase and try again`,
      "wrong_passphrase",
    );
  } finally {
    key.fill(0);
  }
}
