/**
 * The transport wrappers (core.md §2.7): Envelope and WebSocketMessage views.
 *
 * @module
 */
import type { EnvelopeType, WebSocketMessageType } from "../enums.ts";

/** Fields every envelope has, whatever its type. */
export interface EnvelopeFields {
  /** 5 (required): send time `T`, Unix ms (network-adjusted). */
  timestamp: number;
  /** 8: the sealed-box ciphertext (1:1) or the plaintext Content (groups v2). Required by this
   * codec: an envelope without content carries nothing. */
  content: Uint8Array;
  /** 7: libsession sets 1; desktop leaves it unset. */
  sourceDevice?: number;
  /** 11: Session Pro signature or decoy; exactly 64 bytes when present. */
  proSig?: Uint8Array;
}

/**
 * What `encodeEnvelope` accepts for a 1:1 message: no `source`, ever (the sender is proven by
 * the sealed box, and desktop ignores the field).
 */
export interface SessionEnvelopeInit extends EnvelopeFields {
  /** 1 (required): `EnvelopeType.SESSION_MESSAGE` (6). */
  type: EnvelopeType.SESSION_MESSAGE;
  /** Not allowed for 1:1 messages. */
  source?: never;
}

/** What `encodeEnvelope` accepts for a (legacy or v2) group message. */
export interface GroupEnvelopeInit extends EnvelopeFields {
  /** 1 (required): `EnvelopeType.CLOSED_GROUP_MESSAGE` (7). */
  type: EnvelopeType.CLOSED_GROUP_MESSAGE;
  /** 2: legacy groups only: the group's `05…` public key (66 hex characters). */
  source?: string;
}

/** Input of `encodeEnvelope`. */
export type EnvelopeInit = SessionEnvelopeInit | GroupEnvelopeInit;

/** A decoded 1:1 envelope. A `source` on the wire is dropped: it is unauthenticated (§2.6). */
export interface SessionEnvelope extends EnvelopeFields {
  /** 1: `EnvelopeType.SESSION_MESSAGE`. */
  type: EnvelopeType.SESSION_MESSAGE;
  /** 10: set by servers only. */
  serverTimestamp?: number;
}

/** A decoded group envelope. */
export interface GroupEnvelope extends EnvelopeFields {
  /** 1: `EnvelopeType.CLOSED_GROUP_MESSAGE`. */
  type: EnvelopeType.CLOSED_GROUP_MESSAGE;
  /** 2: legacy groups: the group's `05…` public key (hex); empty or absent otherwise. */
  source?: string;
  /** 10: set by servers only. */
  serverTimestamp?: number;
}

/** Output of `decodeEnvelope`; narrow on `type`. */
export type Envelope = SessionEnvelope | GroupEnvelope;

/** A decoded WebSocketMessage: the outermost wrapper of a stored message. */
export interface WebSocketMessage {
  /** 1: `REQUEST` (1) for every Session message. */
  type?: WebSocketMessageType;
  /** 2: carries the envelope. */
  request?: WebSocketRequestMessage;
  /** 3: unused by Session. */
  response?: WebSocketResponseMessage;
}

/** The request inside a WebSocketMessage. */
export interface WebSocketRequestMessage {
  /** 1: desktop `"PUT"`, libsession `""`. */
  verb?: string;
  /** 2: desktop `"/api/v1/message"`, libsession `""`. */
  path?: string;
  /** 3: the serialized Envelope. */
  body?: Uint8Array;
  /** 4: `"0"` for Session (a decimal string: opaque 64-bit). */
  requestId?: string;
  /** 5: unused. */
  headers?: string[];
}

/** The response inside a WebSocketMessage (unused by Session). */
export interface WebSocketResponseMessage {
  /** 1: decimal string (opaque 64-bit). */
  requestId?: string;
  /** 2: status code. */
  status?: number;
  /** 3: status text. */
  message?: string;
  /** 4: body. */
  body?: Uint8Array;
  /** 5: headers. */
  headers?: string[];
}
