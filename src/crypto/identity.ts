/**
 * A Session identity: the seed behind a recovery phrase and the keys derived from it.
 *
 * @module
 */
import { assertBytes, fromHex, isHex, randomBytes, toHex } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";
import { createEd25519Signer, type Ed25519Signer } from "./ed25519.ts";
import { decodeMnemonic, encodeMnemonic } from "./mnemonic/mod.ts";
import { type X25519KeyPair, x25519KeyPair, x25519SecretFromEd25519Seed } from "./x25519.ts";

/** The public half of an identity: safe to print, log and share. */
export interface PublicIdentity {
  /** `05` + hex X25519 public key. */
  readonly sessionId: string;
  /** Hex Ed25519 public key. */
  readonly ed25519PublicKey: string;
  /** Hex X25519 public key. */
  readonly x25519PublicKey: string;
}

/**
 * A Session account's keys. The seed is private: it never appears in `JSON.stringify`,
 * `console.log` or `Deno.inspect` output; read it with {@link Identity.exportSeed}.
 *
 * @example
 * ```ts
 * const me = Identity.generate();
 * console.log(me.sessionId); // "05…"
 * const again = Identity.fromMnemonic(me.mnemonic());
 * again.sessionId === me.sessionId; // true
 * ```
 */
export class Identity {
  readonly #seed: Uint8Array;
  /** Signs with the account's Ed25519 key. */
  readonly signer: Ed25519Signer;
  /** The account's X25519 key pair: opens 1:1 messages. */
  readonly x25519: X25519KeyPair;
  /** `05` + hex X25519 public key. */
  readonly sessionId: string;

  private constructor(seed: Uint8Array) {
    this.#seed = seed;
    const ed25519Seed = new Uint8Array(32);
    ed25519Seed.set(seed);
    this.signer = createEd25519Signer(ed25519Seed);
    this.x25519 = x25519KeyPair(x25519SecretFromEd25519Seed(ed25519Seed));
    this.sessionId = "05" + toHex(this.x25519.publicKey);
    Object.freeze(this);
  }

  /** A new identity from 16 random bytes, as Session apps create accounts. */
  static generate(): Identity {
    return new Identity(randomBytes(16));
  }

  /**
   * An identity from a 16-byte account seed (zero-padded to the Ed25519 seed, as every Session
   * account is) or a full 32-byte Ed25519 seed; bytes or hex.
   */
  static fromSeed(seed: Uint8Array | string): Identity {
    let bytes: Uint8Array;
    if (typeof seed === "string") {
      if (!isHex(seed.trim()) || ![32, 64].includes(seed.trim().length)) {
        throw new ValidationError(
          "seed must be 32 or 64 hex characters (a 16- or 32-byte seed)",
          "invalid_seed",
          "seed",
        );
      }
      bytes = fromHex(seed.trim());
    } else {
      bytes = assertBytes(seed, undefined, "seed").slice();
      if (bytes.length !== 16 && bytes.length !== 32) {
        throw new RangeError(`seed must be 16 or 32 bytes, got ${bytes.length}`);
      }
    }
    return new Identity(bytes);
  }

  /** An identity from a 13-word (or 25-word) recovery phrase; `ValidationError` if invalid. */
  static fromMnemonic(phrase: string): Identity {
    return new Identity(decodeMnemonic(phrase));
  }

  /** The recovery phrase: 13 words for account seeds, 25 for 32-byte seeds. Secret. */
  mnemonic(): string {
    return encodeMnemonic(this.#seed);
  }

  /** A copy of the seed (16 or 32 bytes). Secret: store it encrypted. */
  exportSeed(): Uint8Array {
    return this.#seed.slice();
  }

  /** Hex Ed25519 public key. */
  get ed25519PublicKey(): string {
    return toHex(this.signer.publicKey);
  }

  /** The public keys only. */
  toPublic(): PublicIdentity {
    return Object.freeze({
      sessionId: this.sessionId,
      ed25519PublicKey: this.ed25519PublicKey,
      x25519PublicKey: toHex(this.x25519.publicKey),
    });
  }

  /** JSON form: public data only, so an identity never leaks into logs. */
  toJSON(): PublicIdentity {
    return this.toPublic();
  }

  /** Inspection shows public data only. */
  [Symbol.for("Deno.customInspect")](): string {
    return `Identity(${this.sessionId})`;
  }
}
