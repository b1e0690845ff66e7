/**
 * Request signatures (core §4.3): the exact strings each authenticated method signs, and
 * `StorageAuth`, the account (or group) a request speaks for.
 *
 * @module
 */
import { toBase64, toHex, utf8 } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";
import type { Ed25519Signer } from "../../crypto/mod.ts";
import { checkPubkey } from "./validate.ts";

/** How `expire` changes expiries: only shorten, only extend, or either (`""`). */
export type ExpireMode = "shorten" | "extend" | "";

/** The signed-string builder of each authenticated method (see {@link signatureStrings}). */
export interface SignatureStrings {
  /** `"store" ‖ ns ‖ sig_timestamp` (only non-public namespaces are checked). */
  readonly store: (namespace: number, sigTimestamp: number) => string;
  /** `"retrieve" ‖ ns ‖ timestamp`. */
  readonly retrieve: (namespace: number, timestamp: number) => string;
  /** `"delete" ‖ hash0 ‖ hash1 …`. */
  readonly delete: (hashes: readonly string[]) => string;
  /** `"delete_all" ‖ ns ‖ timestamp` (ns may be `all`). */
  readonly deleteAll: (namespace: number | "all", timestamp: number) => string;
  /** `"delete_before" ‖ ns ‖ before`. */
  readonly deleteBefore: (namespace: number | "all", before: number) => string;
  /** `"expire" ‖ mode ‖ expiries… ‖ hashes…`. */
  readonly expire: (
    mode: ExpireMode,
    expiries: readonly number[],
    hashes: readonly string[],
  ) => string;
  /** `"expire_all" ‖ ns ‖ expiry`. */
  readonly expireAll: (namespace: number | "all", expiry: number) => string;
  /** `"get_expiries" ‖ timestamp ‖ hashes…`. */
  readonly getExpiries: (timestamp: number, hashes: readonly string[]) => string;
}

/** `ns` as it appears in signed strings: empty for namespace 0. */
function ns(namespace: number | "all"): string {
  return namespace === 0 ? "" : String(namespace);
}

/**
 * Builders of every signed string: plain concatenation, integers in base 10, the namespace
 * part empty for namespace 0.
 *
 * @example
 * ```ts
 * signatureStrings.retrieve(0, 1700000000123); // "retrieve1700000000123"
 * signatureStrings.retrieve(2, 1700000000123); // "retrieve21700000000123"
 * signatureStrings.delete(["hashA", "hashB"]); // "deletehashAhashB"
 * ```
 */
export const signatureStrings: SignatureStrings = Object.freeze({
  /** `"store" ‖ ns ‖ sig_timestamp` (only non-public namespaces are checked). */
  store: (namespace: number, sigTimestamp: number): string =>
    `store${ns(namespace)}${sigTimestamp}`,
  /** `"retrieve" ‖ ns ‖ timestamp`. */
  retrieve: (namespace: number, timestamp: number): string =>
    `retrieve${ns(namespace)}${timestamp}`,
  /** `"delete" ‖ hash0 ‖ hash1 …`. */
  delete: (hashes: readonly string[]): string => `delete${hashes.join("")}`,
  /** `"delete_all" ‖ ns ‖ timestamp` (ns may be `all`). */
  deleteAll: (namespace: number | "all", timestamp: number): string =>
    `delete_all${ns(namespace)}${timestamp}`,
  /** `"delete_before" ‖ ns ‖ before`. */
  deleteBefore: (namespace: number | "all", before: number): string =>
    `delete_before${ns(namespace)}${before}`,
  /** `"expire" ‖ mode ‖ expiries… ‖ hashes…`. */
  expire: (mode: ExpireMode, expiries: readonly number[], hashes: readonly string[]): string =>
    `expire${mode}${expiries.join("")}${hashes.join("")}`,
  /** `"expire_all" ‖ ns ‖ expiry`. */
  expireAll: (namespace: number | "all", expiry: number): string =>
    `expire_all${ns(namespace)}${expiry}`,
  /** `"get_expiries" ‖ timestamp ‖ hashes…`. */
  getExpiries: (timestamp: number, hashes: readonly string[]): string =>
    `get_expiries${timestamp}${hashes.join("")}`,
});

/**
 * Who a request speaks for: the swarm key `pubkey`, the extra params that identify the signer
 * (`pubkey_ed25519` for 05 accounts; later `subaccount`/`subaccount_sig` for group members),
 * and the signing function.
 */
export interface StorageAuth {
  /** The account or group key whose swarm is addressed (66 hex). */
  readonly pubkey: string;
  /** Params sent with every signed request besides `pubkey` and `signature`. */
  readonly params: Readonly<Record<string, string>>;
  /** A 64-byte Ed25519 signature over `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/** What {@link accountAuth} needs: an `Identity` fits. */
export interface AccountKeys {
  /** `05` + X25519 public key hex. */
  readonly sessionId: string;
  /** The account's Ed25519 signer. */
  readonly signer: Ed25519Signer;
}

/**
 * Auth for a 05 account: signs with its Ed25519 key and sends `pubkey_ed25519`, which the node
 * checks converts to the X25519 key in `pubkey`.
 *
 * @example
 * ```ts
 * const auth = accountAuth(Identity.generate());
 * signedParams(auth, signatureStrings.retrieve(0, Date.now()));
 * ```
 */
export function accountAuth(account: AccountKeys): StorageAuth {
  const pubkey = checkPubkey(account.sessionId, "sessionId");
  if (!pubkey.startsWith("05")) {
    throw new ValidationError("accountAuth needs a 05 Session ID", "bad_pubkey", "sessionId");
  }
  const signer = account.signer;
  return Object.freeze({
    pubkey,
    params: Object.freeze({ pubkey_ed25519: toHex(signer.publicKey) }),
    sign: (message: Uint8Array) => signer.sign(message),
  });
}

/**
 * Auth for a 03 group signed with the group's own (admin) Ed25519 key: `pubkey` is the group
 * key and no `pubkey_ed25519` is sent. Member subaccounts will add their own params.
 *
 * @example
 * ```ts
 * const auth = groupAdminAuth("03" + toHex(signer.publicKey), signer);
 * ```
 */
export function groupAdminAuth(groupId: string, signer: Ed25519Signer): StorageAuth {
  const pubkey = checkPubkey(groupId, "groupId");
  if (pubkey !== "03" + toHex(signer.publicKey)) {
    throw new ValidationError(
      "groupId must be 03 followed by the admin signer's Ed25519 public key",
      "bad_pubkey",
      "groupId",
    );
  }
  return Object.freeze({
    pubkey,
    params: Object.freeze({}),
    sign: (m: Uint8Array) => signer.sign(m),
  });
}

/**
 * `{pubkey, …auth.params, signature}` for `text` signed by `auth` (base64, padded).
 *
 * @example
 * ```ts
 * signedParams(auth, "retrieve1700000000123");
 * // { pubkey: "05…", pubkey_ed25519: "…", signature: "CuOC…Bg==" }
 * ```
 */
export function signedParams(auth: StorageAuth, text: string): Record<string, unknown> {
  return { pubkey: auth.pubkey, ...auth.params, signature: toBase64(auth.sign(utf8(text))) };
}
