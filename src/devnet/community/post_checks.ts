/**
 * Checks on a post's body: base64 `data` and 64-byte `signature` (400), size (413), and, unlike
 * pysogs (which leaves it to clients), the signature over the padded `data` with the poster's
 * key: Ed25519 for `15`/`25` posters, XEd25519 for `05` posters (400 when it does not verify).
 *
 * @module
 */
import { fromBase64, fromHex } from "../../core/bytes.ts";
import { verifyEd25519 } from "../../crypto/ed25519.ts";
import { x25519ToEd25519PublicKey } from "../../crypto/x25519.ts";
import type { CommunityLimits } from "./context.ts";
import { refuse } from "./errors.ts";

/** A post's decoded `data` and `signature`. */
export interface PostBody {
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
  readonly files: number[];
}

/** Decodes and checks `{data, signature, files?}` posted by `sessionId`. */
export function checkPostBody(
  body: Record<string, unknown>,
  sessionId: string,
  limits: CommunityLimits,
): PostBody {
  const data = base64Field(body.data, "data");
  const signature = base64Field(body.signature, "signature");
  if (signature.length !== 64) refuse(400, "Invalid signature: expected 64 bytes (base64)");
  if (data.length === 0) refuse(400, "Invalid data: the post is empty");
  if (data.length > limits.maxPostSize) {
    refuse(413, `Post too large: ${data.length} bytes, at most ${limits.maxPostSize}`);
  }
  const files = body.files ?? [];
  if (!Array.isArray(files) || !files.every((f) => Number.isSafeInteger(Number(f)))) {
    refuse(400, "Invalid files: expected an array of file ids");
  }
  if (limits.verifyPosts && !signedBy(sessionId, data, signature)) {
    refuse(400, "Invalid signature: it does not verify over data with the poster's key");
  }
  return { data, signature, files: files.map(Number) };
}

function base64Field(value: unknown, name: string): Uint8Array {
  if (typeof value !== "string") refuse(400, `Invalid ${name}: expected a base64 string`);
  try {
    return fromBase64(value);
  } catch {
    refuse(400, `Invalid ${name}: not valid base64`);
  }
}

function signedBy(sessionId: string, data: Uint8Array, signature: Uint8Array): boolean {
  const key = fromHex(sessionId.slice(2));
  if (!sessionId.startsWith("05")) return verifyEd25519(signature, data, key);
  try {
    const edKey = x25519ToEd25519PublicKey(key, (signature[63] >> 7) as 0 | 1);
    const cleared = signature.slice();
    cleared[63] &= 0x7f;
    return verifyEd25519(cleared, data, edKey);
  } catch {
    return false;
  }
}
