/**
 * Subaccount tokens (`oxenss/common/subaccount_token.h`, `oxenss/crypto/subaccount.cpp`): a
 * 36-byte note `prefix(1) ‖ flags(1) ‖ reserved(2) ‖ ed25519 pk(32)` signed by the account key,
 * which lets the holder of that Ed25519 key sign requests for the account.
 *
 * @module
 */
import { fromHex, isHex } from "../../core/mod.ts";
import { verifyEd25519 } from "../../crypto/ed25519.ts";
import { decodeBase64, isBase64 } from "./encoding.ts";
import { ParseError } from "./params.ts";

/** Permission flags of a token (`subaccount_access`). */
export const SubaccountAccess: Readonly<{
  None: 0;
  Read: 1;
  Write: 2;
  Delete: 4;
  AnyPrefix: 8;
}> = Object.freeze({
  None: 0,
  /** Retrieve and read expiries. */
  Read: 1,
  /** Store, and extend expiries. */
  Write: 2,
  /** Delete, and shorten expiries. */
  Delete: 4,
  /** Valid for the same key under any network prefix. */
  AnyPrefix: 8,
});

/** Length of a subaccount token in bytes. */
export const SUBACCOUNT_TOKEN_LENGTH = 36;

/** A token and the account key's signature of it. */
export interface SignedSubaccount {
  /** The 36 token bytes. */
  readonly token: Uint8Array;
  /** The account key's Ed25519 signature of `token`. */
  readonly signature: Uint8Array;
}

/** Decodes a JSON token: 48 base64 or 72 hex characters; `undefined` otherwise. */
export function decodeToken(text: string): Uint8Array | undefined {
  if (text.length === 48 && isBase64(text)) return decodeBase64(text);
  if (text.length === 72 && isHex(text)) return fromHex(text);
  return undefined;
}

/**
 * `load_subaccount`: nothing when `subaccount` is absent or empty; otherwise both fields must be
 * well formed, else 400 with the server's text.
 */
export function loadSubaccount(
  token: string | undefined,
  signature: string | undefined,
): SignedSubaccount | undefined {
  if (token === undefined || token === "") return undefined;
  if (signature === undefined) {
    throw new ParseError("invalid subaccount: subaccount_sig is required when using subaccount");
  }
  const bytes = decodeToken(token);
  if (!bytes) {
    throw new ParseError("invalid subaccount: expected base64 or hex-encoded subaccount token");
  }
  if (!isSignatureText(signature)) {
    throw new ParseError("invalid subaccount signature: expected base64 encoded Ed25519 signature");
  }
  return Object.freeze({ token: bytes, signature: decodeBase64(signature) });
}

/** A base64 Ed25519 signature as JSON carries it: 86 characters, or 88 ending in `==`. */
export function isSignatureText(text: string): boolean {
  return isBase64(text) && (text.length === 86 || (text.length === 88 && text.endsWith("==")));
}

/**
 * `signed_subaccount_token::verify`: the prefix matches (or AnyPrefix), the flags grant
 * `access`, and `accountKey` signed the token.
 */
export function verifySubaccount(
  subaccount: SignedSubaccount,
  networkPrefix: number,
  accountKey: Uint8Array,
  access: number,
): boolean {
  const { token } = subaccount;
  const flags = token[1];
  if (token[0] !== networkPrefix && (flags & SubaccountAccess.AnyPrefix) === 0) return false;
  if ((flags & access) !== access) return false;
  return verifyEd25519(subaccount.signature, token, accountKey);
}

/** The Ed25519 key a token delegates to. */
export function subaccountKey(subaccount: SignedSubaccount): Uint8Array {
  return subaccount.token.subarray(4, 36);
}
