/**
 * The 1:1 receive pipeline (core.md §2.9): base64 → WebSocketMessage → Envelope → open and
 * verify → unpad → Content. Pure: bytes in, a typed message or a typed error out.
 *
 * @module
 */
import { assertBytes, fromBase64 } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";
import type { Identity } from "../../crypto/identity.ts";
import { unpadMessage } from "../../crypto/padding.ts";
import { openAndVerify } from "../../crypto/session_protocol.ts";
import {
  type Content,
  type ContentKind,
  contentKind,
  decodeContent,
  decodeEnvelope,
  EnvelopeType,
  unwrapWebSocketMessage,
} from "../../proto/mod.ts";

/** A decrypted, verified 1:1 message. */
export interface DecodedMessage {
  /** The sender's Session ID, proven by the signature (never taken from the envelope). */
  readonly sender: string;
  /** The sender's Ed25519 public key. */
  readonly senderEd25519PublicKey: Uint8Array;
  /** Sent timestamp (Envelope.timestamp), ms: with `sender`, the message's identity. */
  readonly timestamp: number;
  /** The decoded Content. */
  readonly content: Content;
  /** What kind of message this is. */
  readonly kind: ContentKind;
}

/**
 * Decodes a stored message (`data` from `retrieve`, base64 or raw bytes) for `recipient`.
 *
 * Throws `ValidationError` for malformed input (`bad_base64`, `bad_protobuf`,
 * `unsupported_v2_dm`, `not_direct_message`, `timestamp_mismatch`) and `CryptoError` when the
 * box does not open for this recipient or the signature is bad.
 *
 * @example
 * ```ts
 * const message = decodeDirectMessage(bob, wire.data);
 * console.log(message.sender, message.content.dataMessage?.body);
 * ```
 */
export function decodeDirectMessage(
  recipient: Identity,
  data: string | Uint8Array,
): DecodedMessage {
  const bytes = typeof data === "string"
    ? decodeBase64(data)
    : assertBytes(data, undefined, "data");
  const envelope = decodeEnvelope(unwrapWebSocketMessage(bytes));
  if (envelope.type !== EnvelopeType.SESSION_MESSAGE) {
    throw new ValidationError(
      `envelope type ${envelope.type} is not a 1:1 message (6); group messages need group keys`,
      "not_direct_message",
      "envelope.type",
    );
  }
  const opened = openAndVerify(envelope.content, recipient.x25519);
  const content = decodeContent(unpadMessage(opened.plaintext));
  // Desktop drops a message whose signed timestamp differs from the envelope's (§2.2).
  if (content.sigTimestamp && content.sigTimestamp !== envelope.timestamp) {
    throw new ValidationError(
      `sigTimestamp ${content.sigTimestamp} differs from envelope timestamp ${envelope.timestamp}`,
      "timestamp_mismatch",
      "content.sigTimestamp",
    );
  }
  return Object.freeze({
    sender: opened.senderSessionId,
    senderEd25519PublicKey: opened.senderEd25519PublicKey,
    timestamp: envelope.timestamp,
    content,
    kind: contentKind(content),
  });
}

function decodeBase64(data: string): Uint8Array {
  try {
    return fromBase64(data);
  } catch (cause) {
    throw new ValidationError("message data is not valid base64", "bad_base64", "data", { cause });
  }
}
