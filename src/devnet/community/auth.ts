/**
 * `X-SOGS-*` request authentication as pysogs `handle_http_auth` does it: all four headers or
 * none (400), a `00`/`15` (and here also `25`) Ed25519 key (400), 16-byte nonce and 64-byte
 * signature in hex or base64 (400), integer timestamp within ±24 h (425), globally banned users
 * refused before the signature is looked at (403), nonces single-use per user (425), then the
 * Ed25519 signature over `server key ‖ nonce ‖ timestamp ‖ method ‖ path[?query] ‖
 * BLAKE2b-512(body)` (401).
 *
 * @module
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { concatBytes, fromBase64, fromHex, toHex, utf8 } from "../../core/bytes.ts";
import { verifyEd25519 } from "../../crypto/ed25519.ts";
import { refuse } from "./errors.ts";

/** An authenticated request's user. */
export interface AuthUser {
  /** The id as the user is shown: `15…`, `25…`, or `05…` for unblinded (`00`) auth. */
  readonly id: string;
  /** True for `15`/`25` keys. */
  readonly blinded: boolean;
}

/** What {@link createAuthenticator} needs. */
export interface AuthOptions {
  /** The server's X25519 public key (32 bytes): the start of every signed message. */
  readonly serverPubkey: Uint8Array;
  /** Refuse `00` (unblinded) keys with 400, like pysogs' default `REQUIRE_BLIND_KEYS`. */
  readonly requireBlind: boolean;
  /** Server clock, ms. */
  now(): number;
  /** True when the user behind `id` is globally banned (checked before the signature). */
  isBanned(id: string): boolean;
  /** Used nonces (`<id>:<hex>` → expiry, unix seconds), shared with the store so they persist. */
  readonly nonces?: Map<string, number>;
  /** Called when a nonce is first used, to persist it. */
  onNonce?(key: string, expiry: number): void;
}

/** The parts of a request the signature covers. */
export interface SignedParts {
  readonly method: string;
  /** URL-decoded path, without the query. */
  readonly path: string;
  /** The raw query string without `?` ("" when none). */
  readonly query: string;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

const DAY = 24 * 60 * 60;
const NAMES = ["Pubkey", "Nonce", "Timestamp", "Signature"] as const;

/**
 * Creates the authenticator; it remembers nonces for 48 h (beyond the timestamp window, a
 * replay is refused by its timestamp anyway).
 *
 * @example
 * ```ts
 * const auth = createAuthenticator({
 *   serverPubkey: new Uint8Array(32), requireBlind: true, now: Date.now, isBanned: () => false,
 * });
 * auth(parts); // undefined without X-SOGS-* headers
 * ```
 */
export function createAuthenticator(
  options: AuthOptions,
): (parts: SignedParts) => AuthUser | undefined {
  const nonces = options.nonces ?? new Map<string, number>();
  let nextPrune = 0;

  function prune(nowSeconds: number) {
    if (nowSeconds < nextPrune) return;
    nextPrune = nowSeconds + 600;
    for (const [key, expiry] of nonces) if (expiry <= nowSeconds) nonces.delete(key);
  }

  return function authenticate(parts: SignedParts): AuthUser | undefined {
    const values = NAMES.map((n) => parts.headers.get(`X-SOGS-${n}`) ?? "");
    const missing = values.filter((v) => v === "").length;
    if (missing === 4) return undefined;
    if (missing > 0) {
      refuse(400, `Invalid authentication headers: missing ${missing}/4 required X-SOGS-* headers`);
    }
    const [pubkeyText, nonceText, timestampText, signatureText] = values;
    const pubkey = decode(pubkeyText, 33);
    if (!pubkey) {
      refuse(400, "Invalid authentication: X-SOGS-Pubkey is not a valid 66-hex digit id");
    }
    const prefix = pubkey[0];
    if (prefix !== 0x00 && prefix !== 0x15 && prefix !== 0x25) {
      refuse(400, "Invalid authentication: X-SOGS-Pubkey must be 00-, 15- or 25- prefixed");
    }
    const edKey = pubkey.subarray(1);
    const point = validPoint(edKey);
    if (!point) {
      refuse(400, "Invalid authentication: given X-SOGS-Pubkey is not a valid Ed25519 pubkey");
    }
    const blinded = prefix !== 0x00;
    if (!blinded && options.requireBlind) {
      refuse(400, "Invalid authentication: this server requires the use of blinded ids");
    }
    const id = blinded ? toHex(pubkey) : "05" + toHex(ed25519.utils.toMontgomery(edKey));
    const nonce = decode(nonceText, 16);
    if (!nonce) {
      refuse(
        400,
        "Invalid authentication: X-SOGS-Nonce must be 16 bytes (encoded as base64 or hex)",
      );
    }
    const signature = decode(signatureText, 64);
    if (!signature) refuse(400, "Invalid authentication: X-SOGS-Signature is not base64[88]");
    if (!/^-?\d+$/.test(timestampText.trim())) {
      refuse(400, "Invalid authentication: X-SOGS-Timestamp is not a valid timestamp");
    }
    const timestamp = Number(timestampText.trim());
    const now = options.now() / 1000;
    if (!(now - DAY <= timestamp && timestamp <= now + DAY)) {
      refuse(425, "Invalid authentication: X-SOGS-Timestamp is too far from current time");
    }
    if (options.isBanned(id)) refuse(403, "Banned");
    const nonceKey = `${id}:${toHex(nonce)}`;
    if (nonces.has(nonceKey)) {
      refuse(425, "Invalid authentication: X-SOGS-Nonce cannot be reused");
    }
    prune(now);
    // pysogs stores the nonce before checking the signature: a failed attempt burns it too.
    nonces.set(nonceKey, now + 2 * DAY);
    options.onNonce?.(nonceKey, now + 2 * DAY);
    const bodyHash = parts.body.length > 0 ? [blake2b(parts.body, { dkLen: 64 })] : [];
    const signed = (path: string) =>
      concatBytes(
        options.serverPubkey,
        nonce,
        utf8(timestampText + parts.method + path),
        ...bodyHash,
      );
    const ok = candidatePaths(parts).some((path) => verifyEd25519(signature, signed(path), edKey));
    if (!ok) refuse(401, "Invalid authentication: X-SOGS-Signature verification failed");
    return { id, blinded };
  };
}

/**
 * The signed path: pysogs signs the decoded path plus the raw query; clients that decode the
 * query too (our `sogsRequestHeaders` docs say "URL-decoded") sign the other form.
 */
function candidatePaths(parts: SignedParts): string[] {
  if (parts.query === "") return [parts.path];
  const raw = `${parts.path}?${parts.query}`;
  let decoded = raw;
  try {
    decoded = `${parts.path}?${decodeURIComponent(parts.query)}`;
  } catch {
    // keep the raw form only
  }
  return decoded === raw ? [raw] : [raw, decoded];
}

/** Hex (2n chars) or base64 (padded or not) of exactly `length` bytes, else undefined. */
function decode(text: string, length: number): Uint8Array | undefined {
  const t = text.trim();
  try {
    if (t.length === length * 2 && /^[0-9a-fA-F]+$/.test(t)) return fromHex(t.toLowerCase());
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return undefined;
    const padded = t.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(t.length / 4) * 4, "=");
    const bytes = fromBase64(padded);
    return bytes.length === length ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function validPoint(key: Uint8Array): boolean {
  try {
    const point = ed25519.Point.fromBytes(key);
    return !point.is0() && point.isTorsionFree();
  } catch {
    return false;
  }
}
