/**
 * Input checks for storage requests, so a mistake fails here with the field named instead of
 * as a 400 from a node after a round trip through three hops.
 *
 * @module
 */
import { fromBase64, isHex, toBase64 } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";

/** Largest message body a node stores: 76 800 bytes (102 400 base64 characters). */
export const MAX_MESSAGE_BYTES = 76_800;
/** Shortest TTL, ms. */
export const MIN_TTL_MS = 10_000;
/** Longest TTL for public-inbox namespaces (divisible by 10), ms: 14 days. */
export const MAX_PUBLIC_TTL_MS = 14 * 86_400_000;
/** Longest TTL for other namespaces, ms: 30 days. */
export const MAX_PRIVATE_TTL_MS = 30 * 86_400_000;

/**
 * A 66-hex account or group key, lower-cased.
 *
 * @example
 * ```ts
 * import { checkPubkey } from "./mod.ts";
 *
 * checkPubkey("05" + "AB".repeat(32)); // "05abab…"
 * checkPubkey("05abc", "to"); // throws ValidationError (code "bad_pubkey", field "to")
 * ```
 */
export function checkPubkey(pubkey: unknown, field = "pubkey"): string {
  if (typeof pubkey === "string" && pubkey.length === 66 && isHex(pubkey)) {
    return pubkey.toLowerCase();
  }
  throw new ValidationError(
    `${field} must be a 66-hex-character Session ID or group key (05… or 03…)`,
    "bad_pubkey",
    field,
  );
}

/**
 * A namespace: an integer in −32768..32767.
 *
 * @example
 * ```ts
 * import { checkNamespace } from "./mod.ts";
 *
 * checkNamespace(0); // 0: the 1:1 inbox
 * checkNamespace(40_000); // throws ValidationError (code "bad_namespace")
 * ```
 */
export function checkNamespace(namespace: unknown, field = "namespace"): number {
  if (
    Number.isInteger(namespace) && (namespace as number) >= -32768 && (namespace as number) <= 32767
  ) {
    return namespace as number;
  }
  throw new ValidationError(
    `${field} must be an integer from -32768 to 32767 (0 is the 1:1 inbox)`,
    "bad_namespace",
    field,
  );
}

/**
 * Whether anyone may store unsigned in `namespace` (divisible by 10: public inboxes).
 *
 * @example
 * ```ts
 * import { isPublicInbox } from "./mod.ts";
 *
 * console.log(isPublicInbox(0), isPublicInbox(-10), isPublicInbox(5)); // true true false
 * ```
 */
export function isPublicInbox(namespace: number): boolean {
  return namespace % 10 === 0;
}

/**
 * Storage message hashes: a non-empty list of 43-character unpadded base64 strings.
 *
 * @example
 * ```ts
 * import { checkHashes } from "./mod.ts";
 *
 * checkHashes(["A".repeat(43)]); // ["AAA…"]
 * checkHashes([]); // throws ValidationError (code "bad_hashes")
 * ```
 */
export function checkHashes(hashes: unknown, field = "hashes"): string[] {
  if (
    Array.isArray(hashes) && hashes.length > 0 &&
    hashes.every((h) => typeof h === "string" && /^[A-Za-z0-9+/]{43}$/.test(h))
  ) {
    return [...hashes];
  }
  throw new ValidationError(
    `${field} must be a non-empty list of 43-character message hashes`,
    "bad_hashes",
    field,
  );
}

/**
 * A message body as base64 and bytes, from either; at most 76 800 bytes.
 *
 * @example
 * ```ts
 * import { checkData } from "./mod.ts";
 *
 * const { base64, bytes } = checkData(new Uint8Array([1, 2, 3]));
 * console.log(base64, bytes.length); // "AQID" 3
 * checkData(new Uint8Array(80_000)); // throws ValidationError (code "data_too_large")
 * ```
 */
export function checkData(data: unknown): { base64: string; bytes: Uint8Array } {
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) {
    bytes = data;
  } else if (typeof data === "string") {
    try {
      bytes = fromBase64(data);
    } catch (cause) {
      throw new ValidationError("data must be base64 text or bytes", "bad_data", "data", { cause });
    }
  } else {
    throw new ValidationError("data must be base64 text or bytes", "bad_data", "data");
  }
  if (bytes.length > MAX_MESSAGE_BYTES) {
    throw new ValidationError(
      `data is ${bytes.length} bytes; nodes store at most ${MAX_MESSAGE_BYTES}`,
      "data_too_large",
      "data",
    );
  }
  return { base64: toBase64(bytes), bytes };
}

/** A TTL in ms allowed for `namespace` (10 s to 14 days public, 30 days otherwise). */
export function checkTtl(ttl: unknown, namespace: number): number {
  const max = isPublicInbox(namespace) ? MAX_PUBLIC_TTL_MS : MAX_PRIVATE_TTL_MS;
  if (Number.isSafeInteger(ttl) && (ttl as number) >= MIN_TTL_MS && (ttl as number) <= max) {
    return ttl as number;
  }
  throw new ValidationError(
    `ttl must be ms from ${MIN_TTL_MS} to ${max} for namespace ${namespace}, got ${ttl}`,
    "bad_ttl",
    "ttl",
  );
}

/** A millisecond timestamp (a safe non-negative integer). */
export function checkTimestamp(value: unknown, field: string): number {
  if (Number.isSafeInteger(value) && (value as number) >= 0) return value as number;
  throw new ValidationError(
    `${field} must be Unix milliseconds, got ${value}`,
    "bad_timestamp",
    field,
  );
}
