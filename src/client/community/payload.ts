/**
 * What goes in a community post's `data` (extended.md §1.6): a padded `Content` protobuf,
 * signed with the poster's blind15 key; and the way back, checking that signature.
 *
 * @module
 */
import { verifyEd25519 } from "../../crypto/ed25519.ts";
import { ed25519 } from "@noble/curves/ed25519.js";
import { fromBase64, fromHex, toBase64 } from "../../core/bytes.ts";
import { CryptoError, ValidationError } from "../../core/errors.ts";
import { blind15Sign } from "../../crypto/blinding.ts";
import { padMessage, unpadMessage } from "../../crypto/padding.ts";
import { x25519ToEd25519PublicKey } from "../../crypto/x25519.ts";
import {
  type Content,
  type ContentInit,
  decodeContent,
  decodeEnvelope,
  encodeContent,
} from "../../proto/mod.ts";

/** A post ready for `POST /room/:token/message`. */
export interface EncodedPost {
  /** base64 of the padded Content. */
  readonly data: string;
  /** base64 of the 64-byte blind15 signature over the padded bytes. */
  readonly signature: string;
}

/**
 * Pads and signs `content` as the account with `seed` on the server `serverKey`: with the
 * blind15 key (default), or, for servers without `blind` (where we post as `05…`), XEd25519-style
 * with our Ed25519 key and its sign bit in the top bit of the last byte, as Session apps do.
 *
 * @example
 * ```ts
 * const post = encodePost(seed, serverKey, { dataMessage: { body: "hi" }, sigTimestamp: Date.now() });
 * ```
 */
export function encodePost(
  seed: Uint8Array,
  serverKey: string,
  content: ContentInit,
  options: { readonly blinded?: boolean } = {},
): EncodedPost {
  const padded = padMessage(encodeContent(content));
  if (options.blinded === false) {
    const signature = ed25519.sign(padded, seed);
    signature[63] |= ed25519.getPublicKey(seed)[31] & 0x80;
    return { data: toBase64(padded), signature: toBase64(signature) };
  }
  return {
    data: toBase64(padded),
    signature: toBase64(blind15Sign(seed, serverKey, padded)),
  };
}

/** Whether `signature` over `bytes` is by `sender` (Ed25519 for `15`, XEd25519 for `05`). */
function signedBy(sender: string, bytes: Uint8Array, signature: string | undefined): boolean {
  try {
    if (signature === undefined) return false;
    const sig = fromBase64(signature);
    const key = fromHex(sender.slice(2));
    if (sender.startsWith("15")) return verifyEd25519(sig, bytes, key);
    const edKey = x25519ToEd25519PublicKey(key, (sig[63] >> 7) as 0 | 1);
    const cleared = sig.slice();
    cleared[63] &= 0x7f;
    return verifyEd25519(cleared, bytes, edKey);
  } catch {
    return false;
  }
}

/**
 * Decodes a post's `data` from `sender` and checks its signature over the padded bytes: Ed25519
 * under a `15` sender's key, XEd25519 under a `05` sender's (servers without blinding). Other
 * senders (`25`, unknown) are not verified.
 *
 * @throws {CryptoError} `bad_signature` when the signature does not verify.
 * @throws {ValidationError} `bad_post` when the bytes are not a Content (nor an Envelope of one).
 * @example
 * ```ts
 * const content = decodePost(message.data, message.signature, message.session_id);
 * ```
 */
export function decodePost(data: string, signature: string | undefined, sender: string): Content {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(data);
  } catch (cause) {
    throw new ValidationError("the post's data is not base64", "bad_post", "data", { cause });
  }
  if (/^(05|15)[0-9a-f]{64}$/.test(sender)) {
    if (!signedBy(sender, bytes, signature)) {
      throw new CryptoError(
        `the post from ${sender.slice(0, 10)}… has no valid signature: dropped`,
        "bad_signature",
      );
    }
  }
  const plain = unpadMessage(bytes);
  try {
    return decodeContent(plain);
  } catch (first) {
    try {
      const content = decodeEnvelope(plain).content;
      if (content) return decodeContent(unpadMessage(content));
    } catch {
      // not an Envelope either: report the Content error
    }
    throw new ValidationError(
      `the post from ${sender.slice(0, 10)}… is not a Session message: ${(first as Error).message}`,
      "bad_post",
      "data",
      { cause: first },
    );
  }
}
