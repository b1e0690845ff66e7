/**
 * SOGS request authentication: the four `X-SOGS-*` headers a community server checks
 * (extended.md §1.3).
 *
 * @module
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { assertBytes, concatBytes, randomBytes, toBase64, toHex, utf8 } from "../core/bytes.ts";
import { blind15KeyPair, blind15Sign } from "./blinding.ts";
import { key32 } from "./blinding/curve.ts";

/** What a SOGS request signature covers. */
export interface SogsSignatureInput {
  /** The community server's 32-byte key (bytes or 64 hex characters). */
  serverPubkey: Uint8Array | string;
  /** 16 random bytes, never reused with the same server. */
  nonce: Uint8Array;
  /** Unix time in seconds; the server accepts ±24 h. */
  timestamp: number;
  /** HTTP method, upper case (`"GET"`). */
  method: string;
  /** Request path with its `?query`, URL-decoded (sign `/r/👍`, send `/r/%F0%9F%91%8D`). */
  path: string;
  /** Request body; an empty or missing body is not hashed in. Strings are UTF-8. */
  body?: Uint8Array | string | null;
}

/** The four headers, named as the server expects them. */
export interface SogsHeaders {
  /** `15` + blinded key, or `00` + unblinded Ed25519 key. */
  "X-SOGS-Pubkey": string;
  /** Decimal Unix seconds. */
  "X-SOGS-Timestamp": string;
  /** Base64 of the 16-byte nonce. */
  "X-SOGS-Nonce": string;
  /** Base64 of the 64-byte signature. */
  "X-SOGS-Signature": string;
}

/**
 * The signed bytes: `server key ‖ nonce ‖ timestamp ‖ method ‖ path [‖ BLAKE2b-512(body)]`.
 *
 * @example
 * ```ts
 * import { sogsSignatureMessage } from "./sogs_auth.ts";
 * sogsSignatureMessage({
 *   serverPubkey: "c3b3c6f32f0ab5a57f853cc4f30f5da7fda5624b0c77b3fb0829de562ada081d",
 *   nonce: new Uint8Array(16),
 *   timestamp: 1642472103,
 *   method: "GET",
 *   path: "/capabilities",
 * });
 * ```
 */
export function sogsSignatureMessage(input: SogsSignatureInput): Uint8Array {
  const { nonce, timestamp, method, path } = input;
  assertBytes(nonce, 16, "nonce");
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`timestamp must be non-negative integer seconds, got ${timestamp}`);
  }
  if (typeof method !== "string" || !/^[A-Z]+$/.test(method)) {
    throw new RangeError(`method must be an upper-case HTTP method, got ${String(method)}`);
  }
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new RangeError(`path must be a string starting with "/", got ${String(path)}`);
  }
  const body = typeof input.body === "string" ? utf8(input.body) : input.body;
  const parts = [key32(input.serverPubkey, "serverPubkey"), nonce, utf8(timestamp + method + path)];
  if (body !== undefined && body !== null && assertBytes(body, undefined, "body").length > 0) {
    parts.push(blake2b(body, { dkLen: 64 }));
  }
  return concatBytes(...parts);
}

/** Options of {@link sogsRequestHeaders}; `nonce` and `timestamp` default to fresh values. */
export interface SogsAuthOptions extends Omit<SogsSignatureInput, "nonce" | "timestamp"> {
  /** The account's 32-byte Ed25519 seed. */
  ed25519Seed: Uint8Array;
  /** Sign as the blind15 identity (default), or with the plain key for servers without `blind`. */
  blinded?: boolean;
  /** Defaults to 16 fresh random bytes. */
  nonce?: Uint8Array;
  /** Defaults to now; pass server-corrected time when the local clock is off. */
  timestamp?: number;
}

/**
 * Builds the `X-SOGS-*` headers for one request. Blinded signatures use the desktop/pysogs nonce
 * derivation, so they match those clients byte for byte.
 *
 * @example
 * ```ts
 * import { sogsRequestHeaders } from "./sogs_auth.ts";
 * const headers = sogsRequestHeaders({
 *   ed25519Seed: crypto.getRandomValues(new Uint8Array(32)),
 *   serverPubkey: "c3b3c6f32f0ab5a57f853cc4f30f5da7fda5624b0c77b3fb0829de562ada081d",
 *   method: "GET",
 *   path: "/room/lobby/messages/recent?limit=25",
 * });
 * ```
 */
export function sogsRequestHeaders(options: SogsAuthOptions): SogsHeaders {
  const { ed25519Seed, serverPubkey, blinded = true } = options;
  assertBytes(ed25519Seed, 32, "ed25519Seed");
  const nonce = options.nonce ?? randomBytes(16);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const message = sogsSignatureMessage({ ...options, nonce, timestamp });
  const pubkey = blinded
    ? blind15KeyPair(ed25519Seed, serverPubkey).id
    : "00" + toHex(ed25519.getPublicKey(ed25519Seed));
  const signature = blinded
    ? blind15Sign(ed25519Seed, serverPubkey, message, { nonce: "sogs" })
    : ed25519.sign(message, ed25519Seed);
  return {
    "X-SOGS-Pubkey": pubkey,
    "X-SOGS-Timestamp": String(timestamp),
    "X-SOGS-Nonce": toBase64(nonce),
    "X-SOGS-Signature": toBase64(signature),
  };
}
