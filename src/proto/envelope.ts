/**
 * Envelope ↔ bytes (core.md §2.7), with the rules the generic codec cannot know: `source` never
 * on 1:1 envelopes, `proSig` exactly 64 bytes, `content` present.
 *
 * @module
 */
import { isHex } from "../core/bytes.ts";
import { decodeMessage, encodeMessage } from "./codec.ts";
import { EnvelopeType } from "./enums.ts";
import { protoError } from "./errors.ts";
import { EnvelopeSchema } from "./gen/schema.ts";
import { describe } from "./int64.ts";
import type { Envelope, EnvelopeInit } from "./types/transport.ts";

const PRO_SIG_LENGTH = 64;
/** What a caller may set; `serverTimestamp` is the server's. */
const INIT_KEYS = new Set(["type", "timestamp", "content", "sourceDevice", "source", "proSig"]);

/**
 * Serializes an Envelope. For a 1:1 reply (core.md §2.13) pass
 * `{ type: EnvelopeType.SESSION_MESSAGE, timestamp: T, content: sealedBox }`, optionally with
 * `sourceDevice: 1` (libsession style) and a 64-byte `proSig`. `source` is refused on 1:1
 * envelopes (by the type and at run time); on group envelopes it must be empty or 66 hex characters
 * (the group's `05…` key; libsession's rule).
 *
 * @throws {ValidationError} `missing_field` (`envelope.timestamp`, `envelope.content`, …),
 *   `invalid_field` (unknown key, `source` on a 1:1 envelope, bad type), `out_of_range`, or
 *   `bad_length` (`envelope.proSig` not 64 bytes).
 *
 * @example
 * ```ts
 * import { EnvelopeType, encodeEnvelope } from "./mod.ts";
 * const bytes = encodeEnvelope({
 *   type: EnvelopeType.SESSION_MESSAGE,
 *   timestamp: 1700000000000,
 *   content: new Uint8Array(303), // the sealed box
 * });
 * ```
 */
export function encodeEnvelope(init: EnvelopeInit): Uint8Array {
  if (typeof init === "object" && init !== null) {
    for (const key of Object.keys(init)) {
      if (!INIT_KEYS.has(key)) {
        throw protoError(
          "invalid_field",
          `envelope.${key}`,
          `envelope.${key} cannot be set by a client (allowed: ${[...INIT_KEYS].join(", ")})`,
        );
      }
    }
    if (init.content === undefined) {
      throw protoError("missing_field", "envelope.content", "envelope.content is required");
    }
    if (init.source !== undefined) checkSource(init.type, init.source);
    checkProSig(init.proSig);
  }
  return encodeMessage(EnvelopeSchema, init, "envelope");
}

/**
 * Parses an Envelope (the body of a WebSocketMessage). Checks the required `type` and
 * `timestamp`, requires `content`, and refuses a `proSig` that is not exactly 64 bytes. On 1:1
 * envelopes a `source` is dropped: it is unauthenticated and clients never set it.
 *
 * @throws {TypeError} when `bytes` is not a Uint8Array.
 * @throws {ValidationError} `bad_protobuf`, `missing_field`, `out_of_range`, `invalid_field`
 *   (malformed group `source`) or `bad_length` (`envelope.proSig`).
 *
 * @example
 * ```ts
 * import { EnvelopeType, decodeEnvelope, encodeEnvelope } from "./mod.ts";
 * const bytes = encodeEnvelope({
 *   type: EnvelopeType.SESSION_MESSAGE,
 *   timestamp: 1700000000000,
 *   content: new Uint8Array([1, 2, 3]),
 * });
 * const envelope = decodeEnvelope(bytes);
 * envelope.timestamp; // 1700000000000
 * ```
 */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const envelope = decodeMessage<Envelope>(EnvelopeSchema, bytes, "envelope");
  if (envelope.content === undefined) {
    throw protoError(
      "missing_field",
      "envelope.content",
      "envelope.content is missing: the envelope carries no message",
    );
  }
  checkProSig(envelope.proSig);
  if (envelope.type === EnvelopeType.SESSION_MESSAGE) {
    delete (envelope as { source?: string }).source;
  } else if (envelope.source !== undefined) {
    checkSource(envelope.type, envelope.source);
  }
  return envelope;
}

/** Group `source`: empty or 66 hex characters (libsession's rule). Never on 1:1 envelopes. */
function checkSource(type: unknown, source: unknown): void {
  if (type === EnvelopeType.SESSION_MESSAGE) {
    throw protoError(
      "invalid_field",
      "envelope.source",
      "envelope.source must not be set on a 1:1 (SESSION_MESSAGE) envelope: the sender is " +
        "proven by the sealed box, and an unauthenticated source would only leak metadata",
    );
  }
  if (typeof source !== "string" || (source !== "" && !isHex(source, 33))) {
    throw protoError(
      "invalid_field",
      "envelope.source",
      `envelope.source must be empty or a 66-character hex group key, got ${describe(source)}`,
    );
  }
}

/** A Pro signature is an Ed25519 signature (or a decoy of the same size): 64 bytes. */
function checkProSig(proSig: unknown): void {
  if (proSig === undefined) return;
  if (!(proSig instanceof Uint8Array)) {
    throw protoError(
      "invalid_field",
      "envelope.proSig",
      `envelope.proSig must be a Uint8Array, got ${describe(proSig)}`,
    );
  }
  if (proSig.length !== PRO_SIG_LENGTH) {
    throw protoError(
      "bad_length",
      "envelope.proSig",
      `envelope.proSig must be exactly ${PRO_SIG_LENGTH} bytes, got ${proSig.length}`,
    );
  }
}
