/**
 * Account pubkeys as the server loads them (`oxenss/common/pubkey.cpp`): 66 hex digits, or 33
 * raw bytes. The first byte is the network prefix (05 Session ID, 03 group, …); any prefix loads.
 *
 * @module
 */
import { fromHex, isHex, toHex } from "../../core/mod.ts";
import { ParseError, required } from "./params.ts";

/** A loaded account pubkey. */
export interface UserPubkey {
  /** The network prefix byte. */
  readonly type: number;
  /** The 32 key bytes after the prefix. */
  readonly raw: Uint8Array;
  /** Lowercase 66-hex form, prefix included: the account's identity everywhere. */
  readonly hex: string;
}

const utf8 = new TextEncoder();

/** Loads a pubkey, or returns `undefined` when it is neither 66 hex digits nor 33 bytes. */
export function loadPubkey(text: string): UserPubkey | undefined {
  let bytes: Uint8Array;
  if (text.length === 66 && isHex(text)) bytes = fromHex(text);
  else {
    // A 33-byte string is taken as the raw key, as the C++ loader does for any input.
    bytes = utf8.encode(text);
    if (bytes.length !== 33) return undefined;
  }
  return Object.freeze({ type: bytes[0], raw: bytes.slice(1), hex: toHex(bytes) });
}

/**
 * `load_pk`: requires `pubkey` and loads it, else 400 `Pubkey must be 66 hex digits (33 bytes)
 * long`.
 */
export function requirePubkey(value: string | undefined, name = "pubkey"): UserPubkey {
  const pubkey = loadPubkey(required(name, value));
  if (!pubkey) throw new ParseError("Pubkey must be 66 hex digits (33 bytes) long");
  return pubkey;
}
