/**
 * Passphrase → key: scrypt with the cost stored next to the ciphertext, so the default can rise
 * later without breaking records written today.
 *
 * @module
 */
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { ValidationError } from "../../core/errors.ts";

/** scrypt cost parameters; `N = 2^logN`. */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N (memory ≈ 128·r·2^logN bytes). */
  readonly logN: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/**
 * The default: N = 2^17, r = 8, p = 1 (128 MiB, about 0.4–0.6 s on a 2-core CI box). Records keep
 * their own parameters, so raising this only affects new saves.
 */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ logN: 17, r: 8, p: 1 });

// Bounds for both writing and reading: a tampered record must not make `load` allocate gigabytes
// (logN 20 with r 8 is 1 GiB, noble's own ceiling), and logN 10 is the floor tests use.
const LIMITS = { logN: [10, 20], r: [1, 32], p: [1, 16] } as const;

/** True when `value` is a complete set of scrypt parameters within the accepted bounds. */
export function isScryptParams(value: unknown): value is ScryptParams {
  if (typeof value !== "object" || value === null) return false;
  const params = value as Record<string, unknown>;
  return (Object.keys(LIMITS) as (keyof typeof LIMITS)[]).every((key) => {
    const n = params[key];
    return Number.isInteger(n) && (n as number) >= LIMITS[key][0] &&
      (n as number) <= LIMITS[key][1];
  }) && 128 * (params.r as number) * 2 ** (params.logN as number) <= 2 ** 30;
}

/** Fills in `DEFAULT_SCRYPT` and checks the result; `ValidationError` `invalid_kdf` otherwise. */
export function scryptParams(overrides: Partial<ScryptParams> = {}): ScryptParams {
  const params = { ...DEFAULT_SCRYPT, ...overrides };
  if (!isScryptParams(params)) {
    throw new ValidationError(
      `scrypt parameters ${JSON.stringify(params)} are out of range ` +
        `(logN 10-20, r 1-32, p 1-16, memory at most 1 GiB)`,
      "invalid_kdf",
      "scrypt",
    );
  }
  return Object.freeze(params);
}

/** Derives the 32-byte record key. The passphrase is NFKC-normalised so typing habits match. */
export function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<Uint8Array> {
  return scryptAsync(passphrase.normalize("NFKC"), salt, {
    N: 2 ** params.logN,
    r: params.r,
    p: params.p,
    dkLen: 32,
    maxmem: 2 ** 30 + 2 ** 20,
  });
}
