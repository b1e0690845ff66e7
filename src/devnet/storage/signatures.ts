/**
 * The strings clients sign for authenticated RPCs (core.md §4.3) and the server's check of those
 * signatures (`verify_signature` in `request_handler.cpp`, storage-server.md §6.1).
 *
 * @module
 */
import { concatBytes, equalBytes } from "../../core/mod.ts";
import { verifyEd25519 } from "../../crypto/ed25519.ts";
import { ed25519ToX25519PublicKey } from "../../crypto/x25519.ts";
import { namespacePart, type NamespaceSelector } from "./namespaces.ts";
import type { UserPubkey } from "./pubkey.ts";
import { type SignedSubaccount, subaccountKey, verifySubaccount } from "./subaccount.ts";

/** Whether `expire` shortens only, extends only, or sets expiries either way. */
export type ExpireMode = "shorten" | "extend" | "";

/** The signed-string builders, one per authenticated method. */
export interface SignedStrings {
  /** `"store" ‖ ns ‖ sig_timestamp` (non-public namespaces only). */
  store(namespace: number, sigTimestamp: number): string;
  /** `"retrieve" ‖ ns ‖ timestamp`. */
  retrieve(namespace: number, timestamp: number): string;
  /** `"delete" ‖ hash0 ‖ hash1 …`. */
  delete(hashes: readonly string[]): string;
  /** `"delete_all" ‖ ns ‖ timestamp` (ns may be `all`). */
  deleteAll(namespace: NamespaceSelector, timestamp: number): string;
  /** `"delete_before" ‖ ns ‖ before`. */
  deleteBefore(namespace: NamespaceSelector, before: number): string;
  /** `"expire" ‖ mode ‖ expiries… ‖ hashes…`. */
  expire(mode: ExpireMode, expiries: readonly number[], hashes: readonly string[]): string;
  /** `"expire_all" ‖ ns ‖ expiry`. */
  expireAll(namespace: NamespaceSelector, expiry: number): string;
  /** `"get_expiries" ‖ timestamp ‖ hashes…`. */
  getExpiries(timestamp: number, hashes: readonly string[]): string;
}

/**
 * Builders of every signed string: plain concatenation, numbers in base 10, the namespace part
 * "" for namespace 0.
 *
 * @example
 * ```ts
 * signedStrings.retrieve(2, 1700000000123); // "retrieve21700000000123"
 * signedStrings.delete(["hashA", "hashB"]); // "deletehashAhashB"
 * ```
 */
export const signedStrings: SignedStrings = Object.freeze({
  store: (namespace: number, sigTimestamp: number): string =>
    `store${namespacePart(namespace)}${sigTimestamp}`,
  retrieve: (namespace: number, timestamp: number): string =>
    `retrieve${namespacePart(namespace)}${timestamp}`,
  delete: (hashes: readonly string[]): string => `delete${hashes.join("")}`,
  deleteAll: (namespace: NamespaceSelector, timestamp: number): string =>
    `delete_all${namespacePart(namespace)}${timestamp}`,
  deleteBefore: (namespace: NamespaceSelector, before: number): string =>
    `delete_before${namespacePart(namespace)}${before}`,
  expire: (mode: ExpireMode, expiries: readonly number[], hashes: readonly string[]): string =>
    `expire${mode}${expiries.join("")}${hashes.join("")}`,
  expireAll: (namespace: NamespaceSelector, expiry: number): string =>
    `expire_all${namespacePart(namespace)}${expiry}`,
  getExpiries: (timestamp: number, hashes: readonly string[]): string =>
    `get_expiries${timestamp}${hashes.join("")}`,
});

const utf8 = new TextEncoder();

/**
 * `revoke_subaccount`/`unrevoke_subaccount`: `method ‖ timestamp` followed by the raw token
 * bytes, so the message is bytes rather than text.
 */
export function revokeSignedBytes(
  method: "revoke_subaccount" | "unrevoke_subaccount",
  timestamp: number,
  tokens: readonly Uint8Array[],
): Uint8Array {
  return concatBytes(utf8.encode(`${method}${timestamp}`), ...tokens);
}

/** What a request offers to prove it speaks for `pubkey`. */
export interface RequestSignature {
  /** The account. */
  readonly pubkey: UserPubkey;
  /** For 05 accounts: the Ed25519 key whose X25519 form is the account key. */
  readonly pubkeyEd25519?: Uint8Array;
  /** A delegation, when a subaccount signs. */
  readonly subaccount?: SignedSubaccount;
  /** The 64-byte request signature. */
  readonly signature: Uint8Array;
  /** The signed string (or bytes). */
  readonly message: string | Uint8Array;
}

/**
 * Verifies a request signature as the server does. A 05 account with `pubkeyEd25519` signs
 * with that key, which must convert to the account's X25519 key; any other account signs with
 * its 32 key bytes. A subaccount must hold `access` (see `SubaccountAccess`) and must not be
 * `revoked`; the request is then signed by the subaccount key.
 *
 * @example
 * ```ts
 * const ok = verifyRequestSignature({ pubkey, pubkeyEd25519, signature, message: "retrieve1700000000123" });
 * ```
 */
export function verifyRequestSignature(
  request: RequestSignature,
  access = 0,
  revoked = false,
): boolean {
  const { pubkey, pubkeyEd25519, subaccount } = request;
  let key = pubkey.raw;
  if (pubkey.type === 5 && pubkeyEd25519) {
    if (!convertsTo(pubkeyEd25519, pubkey.raw)) return false;
    key = pubkeyEd25519;
  }
  if (subaccount) {
    if (revoked || !verifySubaccount(subaccount, pubkey.type, key, access)) return false;
    key = subaccountKey(subaccount);
  }
  const message = typeof request.message === "string"
    ? utf8.encode(request.message)
    : request.message;
  return verifyEd25519(request.signature, message, key);
}

function convertsTo(ed25519: Uint8Array, x25519: Uint8Array): boolean {
  try {
    return equalBytes(ed25519ToX25519PublicKey(ed25519), x25519);
  } catch {
    return false; // the identity point has no X25519 form
  }
}
