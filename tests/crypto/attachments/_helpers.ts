/** Helpers shared by the attachment tests. */
import assert from "node:assert/strict";
import { CryptoError } from "../../../src/core/errors.ts";

/** `length` deterministic pseudo-random bytes (xorshift32), fast enough for 10 MB. */
export function pseudoRandom(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Asserts `fn` throws a CryptoError with `code`. */
export function assertCrypto(fn: () => unknown, code: string): CryptoError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof CryptoError, `expected CryptoError, got ${caught}`);
  assert.equal(caught.code, code, `code (message: ${caught.message})`);
  return caught;
}

/** A copy of `bytes` with bit 0 of byte `index` flipped (negative counts from the end). */
export function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index < 0 ? copy.length + index : index] ^= 1;
  return copy;
}
