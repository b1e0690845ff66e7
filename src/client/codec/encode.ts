/**
 * The 1:1 send pipeline (core.md §2.1): Content → pad → sign and seal for the recipient →
 * Envelope → WebSocketMessage → base64, ready for `store` in the recipient's swarm.
 *
 * @module
 */
import { fromHex, toBase64 } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";
import type { Identity } from "../../crypto/identity.ts";
import { assertSessionId } from "../../crypto/ids.ts";
import { type PaddingScheme, padMessage } from "../../crypto/padding.ts";
import { signAndSeal } from "../../crypto/session_protocol.ts";
import type { X25519KeyPair } from "../../crypto/x25519.ts";
import {
  type ContentInit,
  encodeContent,
  encodeEnvelope,
  EnvelopeType,
  type WebSocketStyle,
  wrapWebSocketMessage,
} from "../../proto/mod.ts";

/** Options of {@link encodeDirectMessage}. */
export interface EncodeOptions {
  /** Sent time in ms (network-adjusted); default `Date.now()`. Also becomes `sigTimestamp`. */
  timestamp?: number;
  /** Padding to send; default `"libsession"`, what current Session apps send. */
  padding?: PaddingScheme;
  /**
   * Wrapper style; default `"desktop"` (`PUT /api/v1/message`). `"libsession"` writes empty
   * verb and path and `Envelope.sourceDevice = 1`, as libsession-based apps do. Both are
   * accepted by every client.
   */
  wrapper?: WebSocketStyle;
  /** Fixed ephemeral key, for known-answer tests only. */
  ephemeral?: X25519KeyPair;
}

/** A message ready to store. */
export interface EncodedMessage {
  /** base64 of the WebSocketMessage: the `data` param of `store`. */
  readonly data: string;
  /** The sent timestamp (Envelope.timestamp = Content.sigTimestamp). */
  readonly timestamp: number;
  /** The recipient's Session ID (whose swarm stores it). */
  readonly recipient: string;
}

/**
 * Encrypts `content` from `sender` to the `recipient` Session ID, exactly as Session apps do.
 * `Envelope.source` is never set for 1:1 messages.
 *
 * @example
 * ```ts
 * const wire = encodeDirectMessage(alice, bob.sessionId, { dataMessage: { body: "hello" } });
 * // store wire.data in bob's swarm, namespace 0
 * ```
 */
export function encodeDirectMessage(
  sender: Identity,
  recipient: string,
  content: ContentInit,
  options: EncodeOptions = {},
): EncodedMessage {
  const to = assertSessionId(recipient, "recipient");
  const timestamp = options.timestamp ?? Date.now();
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new ValidationError(
      `timestamp must be a positive integer of milliseconds, got ${timestamp}`,
      "invalid_timestamp",
      "timestamp",
    );
  }
  const plaintext = encodeContent({ ...content, sigTimestamp: timestamp });
  const sealed = signAndSeal(
    padMessage(plaintext, options.padding),
    sender.signer,
    fromHex(to.slice(2)),
    options.ephemeral,
  );
  const envelope = encodeEnvelope({
    type: EnvelopeType.SESSION_MESSAGE,
    timestamp,
    content: sealed,
    sourceDevice: options.wrapper === "libsession" ? 1 : undefined,
  });
  return Object.freeze({
    data: toBase64(wrapWebSocketMessage(envelope, options.wrapper)),
    timestamp,
    recipient: to,
  });
}
