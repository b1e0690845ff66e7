/**
 * libsodium's `crypto_secretstream_xchacha20poly1305`, built on noble's ChaCha20 and Poly1305:
 * the stream the deterministic attachment format (§2.3) is made of. Follows libsodium's
 * `secretstream/xchacha20poly1305/secretstream_xchacha20poly1305.c` exactly (no additional data).
 *
 * @module
 */
import { Poly1305 } from "@noble/ciphers/_poly1305.js";
import { chacha20 } from "@noble/ciphers/chacha.js";
import { assertBytes, equalBytes } from "../../core/bytes.ts";
import { CryptoError } from "../../core/errors.ts";
import { hchacha20 } from "./hchacha20.ts";

/** Bytes each pushed message grows by: the encrypted tag byte and a 16-byte MAC. */
export const SECRETSTREAM_ABYTES = 17;
/** Message tags of libsodium's secretstream (`crypto_secretstream_xchacha20poly1305_TAG_*`). */
export const SecretStreamTag: {
  /** A plain message chunk. */
  readonly MESSAGE: 0;
  /** Marks the end of a set of messages (not the end of the stream). */
  readonly PUSH: 1;
  /** Rekey after this message. */
  readonly REKEY: 2;
  /** The last message of the stream (PUSH | REKEY). */
  readonly FINAL: 3;
} = Object.freeze({ MESSAGE: 0, PUSH: 1, REKEY: 2, FINAL: 3 });

/**
 * One direction of a secretstream: `push` on the sender, `pull` on the receiver.
 *
 * @example
 * ```ts
 * import { SecretStream, SecretStreamTag } from "./mod.ts";
 *
 * const key = crypto.getRandomValues(new Uint8Array(32));
 * const header = crypto.getRandomValues(new Uint8Array(24)); // sent ahead of the chunks
 * const sender = new SecretStream(key, header);
 * const receiver = new SecretStream(key, header);
 * const chunk = sender.push(new TextEncoder().encode("hello"), SecretStreamTag.FINAL);
 * const { message, tag } = receiver.pull(chunk);
 * console.log(new TextDecoder().decode(message), tag === SecretStreamTag.FINAL); // hello true
 * ```
 */
export class SecretStream {
  #key: Uint8Array;
  /** counter (4 bytes, little-endian) ‖ inonce (8 bytes): the ChaCha20-IETF nonce. */
  readonly #nonce = new Uint8Array(12);

  /**
   * Initialises a stream as `init_push`/`init_pull` do, from a 32-byte key and 24-byte header.
   *
   * @throws {TypeError} / {RangeError} on a wrong type or length.
   */
  constructor(key: Uint8Array, header: Uint8Array) {
    assertBytes(header, 24, "header");
    this.#key = hchacha20(key, header);
    this.#nonce[0] = 1;
    this.#nonce.set(header.subarray(16, 24), 4);
  }

  /**
   * Encrypts one message with `tag`; returns tag byte ‖ ciphertext ‖ MAC (16).
   *
   * @throws {TypeError} when `message` is not a `Uint8Array`.
   * @throws {RangeError} when `tag` is not a byte (0..255).
   */
  push(message: Uint8Array, tag: number = SecretStreamTag.MESSAGE): Uint8Array {
    assertBytes(message, undefined, "message");
    if (!Number.isInteger(tag) || tag < 0 || tag > 255) {
      throw new RangeError(`tag must be a byte (0..255), got ${String(tag)}`);
    }
    const block = new Uint8Array(64);
    block[0] = tag;
    chacha20(this.#key, this.#nonce, block, block, 1);
    const ciphertext = chacha20(this.#key, this.#nonce, message, undefined, 2);
    const mac = this.#mac(block, ciphertext);
    const out = new Uint8Array(message.length + SECRETSTREAM_ABYTES);
    out[0] = block[0];
    out.set(ciphertext, 1);
    out.set(mac, 1 + message.length);
    this.#advance(mac, tag);
    return out;
  }

  /**
   * Decrypts and authenticates one pushed message.
   *
   * @throws {CryptoError} (`code: "decrypt_failed"`) when the chunk is too short, the key is
   *   wrong, or the chunk was tampered with, reordered or dropped; the state is left unchanged.
   */
  pull(chunk: Uint8Array): { message: Uint8Array; tag: number } {
    assertBytes(chunk, undefined, "chunk");
    if (chunk.length < SECRETSTREAM_ABYTES) throw failure();
    const length = chunk.length - SECRETSTREAM_ABYTES;
    const block = new Uint8Array(64);
    block[0] = chunk[0];
    chacha20(this.#key, this.#nonce, block, block, 1);
    const tag = block[0];
    block[0] = chunk[0];
    const ciphertext = chunk.slice(1, 1 + length); // aligned copy: noble's fast path
    const mac = this.#mac(block, ciphertext);
    if (!equalBytes(mac, chunk.subarray(1 + length))) throw failure();
    const message = chacha20(this.#key, this.#nonce, ciphertext, ciphertext, 2);
    this.#advance(mac, tag);
    return { message, tag };
  }

  #mac(block: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    const poly = new Poly1305(chacha20(this.#key, this.#nonce, new Uint8Array(32)));
    poly.update(block).update(ciphertext);
    // libsodium pads with (0x10 - 64 + mlen) & 0xf zero bytes, i.e. mlen mod 16 (sic).
    poly.update(new Uint8Array(ciphertext.length & 0xf));
    const lengths = new Uint8Array(16); // LE64(adlen = 0) ‖ LE64(64 + mlen)
    new DataView(lengths.buffer).setBigUint64(8, BigInt(64 + ciphertext.length), true);
    return poly.update(lengths).digest();
  }

  #advance(mac: Uint8Array, tag: number): void {
    for (let i = 0; i < 8; i++) this.#nonce[4 + i] ^= mac[i];
    for (let i = 0, carry = 1; i < 4; i++) {
      carry += this.#nonce[i];
      this.#nonce[i] = carry & 0xff;
      carry >>= 8;
    }
    const wrapped = (this.#nonce[0] | this.#nonce[1] | this.#nonce[2] | this.#nonce[3]) === 0;
    if ((tag & SecretStreamTag.REKEY) !== 0 || wrapped) this.rekey();
  }

  /** `crypto_secretstream_xchacha20poly1305_rekey`: derives a new key and inonce. */
  rekey(): void {
    const state = new Uint8Array(40);
    state.set(this.#key, 0);
    state.set(this.#nonce.subarray(4), 32);
    chacha20(this.#key, this.#nonce, state, state);
    this.#key = state.slice(0, 32);
    this.#nonce.set(state.subarray(32), 4);
    this.#nonce.set([1, 0, 0, 0], 0);
  }
}

function failure(): CryptoError {
  return new CryptoError(
    "secretstream chunk does not decrypt: invalid key or corrupted data",
    "decrypt_failed",
  );
}
