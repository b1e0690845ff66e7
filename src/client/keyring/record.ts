/**
 * The stored shape of an identity (`["identity", name]`), version 1, and its validation.
 * Public keys sit in clear so `info`/`list` never need the passphrase.
 *
 * @module
 */
import { isHex } from "../../core/bytes.ts";
import { SessionBotError } from "../../core/errors.ts";
import { isScryptParams, type ScryptParams } from "./kdf.ts";

/** The seed stored in clear (hex). The KV file itself must then be kept private. */
export interface PlainSeed {
  /** Storage kind. */
  readonly kind: "plain";
  /** Hex seed (16 or 32 bytes). */
  readonly seed: string;
}

/** The seed sealed with a passphrase: scrypt → XChaCha20-Poly1305. */
export interface SealedSeed {
  /** Storage kind. */
  readonly kind: "scrypt-xchacha20poly1305";
  /** scrypt cost the key was derived with. */
  readonly kdf: ScryptParams;
  /** Hex 16-byte random salt. */
  readonly salt: string;
  /** Hex 24-byte random nonce. */
  readonly nonce: string;
  /** Hex ciphertext ‖ 16-byte tag. */
  readonly ciphertext: string;
}

/** Version 1 of the identity record. */
export interface IdentityRecordV1 {
  /** Format version. */
  readonly v: 1;
  /** The key's name, repeated so a record moved to another key fails to decrypt. */
  readonly name: string;
  /** `05…` Session ID. */
  readonly sessionId: string;
  /** Hex Ed25519 public key. */
  readonly ed25519PublicKey: string;
  /** Hex X25519 public key. */
  readonly x25519PublicKey: string;
  /** Optional profile name. */
  readonly displayName?: string;
  /** ISO 8601 time of saving. */
  readonly createdAt: string;
  /** The secret, in one of the two storage kinds. */
  readonly secret: PlainSeed | SealedSeed;
}

/** The error for a record that is not a valid v1 identity. Never quotes the record. */
export function corruptRecord(name: string, why: string): SessionBotError {
  return new SessionBotError(
    `identity "${name}" is corrupted (${why}); restore it from its recovery phrase ` +
      `with "sessionbot restore --identity ${name}" after removing it`,
    "corrupt_record",
  );
}

/** Checks that `value` is a v1 record stored under `name`; throws `corrupt_record` otherwise. */
export function parseRecord(name: string, value: unknown): IdentityRecordV1 {
  if (typeof value !== "object" || value === null) throw corruptRecord(name, "not an object");
  const r = value as Record<string, unknown>;
  if (r.v !== 1) throw corruptRecord(name, `unknown format version ${String(r.v)}`);
  if (r.name !== name) throw corruptRecord(name, "stored under another name");
  if (typeof r.sessionId !== "string" || !/^05[0-9a-f]{64}$/.test(r.sessionId)) {
    throw corruptRecord(name, "bad sessionId");
  }
  if (!isHex(r.ed25519PublicKey, 32) || !isHex(r.x25519PublicKey, 32)) {
    throw corruptRecord(name, "bad public key");
  }
  if (r.displayName !== undefined && typeof r.displayName !== "string") {
    throw corruptRecord(name, "bad displayName");
  }
  if (typeof r.createdAt !== "string") throw corruptRecord(name, "bad createdAt");
  if (!isSecret(r.secret)) throw corruptRecord(name, "bad secret field");
  return r as unknown as IdentityRecordV1;
}

function isSecret(value: unknown): value is PlainSeed | SealedSeed {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Record<string, unknown>;
  if (s.kind === "plain") return isHex(s.seed, 16) || isHex(s.seed, 32);
  return s.kind === "scrypt-xchacha20poly1305" && isScryptParams(s.kdf) && isHex(s.salt, 16) &&
    isHex(s.nonce, 24) && isHex(s.ciphertext) && [32, 48].includes(s.ciphertext.length / 2);
}
