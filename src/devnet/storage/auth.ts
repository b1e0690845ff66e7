/**
 * Parsing of the authentication fields every signed request shares (`load_pk_signature`): the
 * account pubkey, `pubkey_ed25519` and the base64 `signature`, in the server's order and with
 * its error texts. Parsing only; verification happens when the request runs.
 *
 * @module
 */
import { fromHex, isHex } from "../../core/mod.ts";
import { decodeBase64 } from "./encoding.ts";
import { ParseError, required } from "./params.ts";
import { requirePubkey, type UserPubkey } from "./pubkey.ts";
import { isSignatureText, type SignedSubaccount } from "./subaccount.ts";

/** The parsed, not yet verified, authentication of a request. */
export interface ParsedAuth {
  /** The account. */
  readonly pubkey: UserPubkey;
  /** `pubkey_ed25519`, when given (05 accounts only). */
  readonly pubkeyEd25519?: Uint8Array;
  /** The 64-byte request signature. */
  readonly signature: Uint8Array;
}

const utf8 = new TextEncoder();

/**
 * `load_pk_signature`: the pubkey must load, `signature` must be present, `pubkey_ed25519` is
 * only for 05 accounts (64 hex or 32 bytes), and the signature must be 86/88-char base64.
 */
export function loadPkSignature(
  pubkeyText: string | undefined,
  pubkeyEd25519Text: string | undefined,
  signatureText: string | undefined,
): ParsedAuth {
  const pubkey = requirePubkey(pubkeyText);
  const signature = required("signature", signatureText);
  let pubkeyEd25519: Uint8Array | undefined;
  if (pubkeyEd25519Text !== undefined) {
    if (pubkey.type !== 5) {
      throw new ParseError("pubkey_ed25519 is only permitted for 05[...] pubkeys");
    }
    pubkeyEd25519 = loadEd25519(pubkeyEd25519Text);
  }
  if (!isSignatureText(signature)) {
    throw new ParseError("invalid signature: expected base64 encoded Ed25519 signature");
  }
  return { pubkey, pubkeyEd25519, signature: decodeBase64(signature) };
}

function loadEd25519(text: string): Uint8Array {
  if (text.length === 64) {
    if (!isHex(text)) throw new ParseError("invalid pubkey_ed25519: value is not hex");
    return fromHex(text);
  }
  const raw = utf8.encode(text);
  if (raw.length === 32) return raw;
  throw new ParseError("Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey");
}

/** A parsed signed request: its auth, optional subaccount and the string it must have signed. */
export interface SignedRequest {
  /** Pubkey, Ed25519 key and signature. */
  readonly auth: ParsedAuth;
  /** The delegation, when a subaccount signs. */
  readonly subaccount?: SignedSubaccount;
  /** The signed string (or bytes for revoke/unrevoke). */
  readonly message: string | Uint8Array;
}
