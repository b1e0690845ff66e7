/**
 * Turning a Content into an outbox job: one sent timestamp (network time, strictly increasing
 * per identity so (author, timestamp) stays unique), the recipient's copy, and the copies for
 * our own swarm: the sync copy of a visible message (`syncTarget`, core §2.8) so our other
 * devices see it, or a plain copy (unsend) for them to act on.
 *
 * @module
 */
import { fromBase64 } from "../../core/bytes.ts";
import { ValidationError } from "../../core/errors.ts";
import type { Identity } from "../../crypto/identity.ts";
import type { ContentInit } from "../../proto/mod.ts";
import { encodeDirectMessage } from "../codec/mod.ts";
import { MAX_MESSAGE_BYTES, messageHash } from "../network/mod.ts";
import type { Copy, Job } from "./outbox_store.ts";

/** How a content is sent. */
export interface ComposeOptions {
  /** What it is, for dead letters. */
  readonly kind: string;
  /** Swarm TTL, ms. */
  readonly ttl: number;
  /** Our own swarm gets: a sync copy (visible messages), a plain copy (unsend), or nothing. */
  readonly own: "sync" | "copy" | "none";
}

/** Creates the composer of `identity`. */
export function createComposer(identity: Identity, now: () => number) {
  const me = identity.sessionId;
  let last = 0;

  function copy(to: string, content: ContentInit, timestamp: number): Copy {
    const { data } = encodeDirectMessage(identity, to, content, { timestamp });
    const bytes = fromBase64(data);
    if (bytes.length > MAX_MESSAGE_BYTES) {
      throw new ValidationError(
        `the encrypted message is ${bytes.length} bytes, over the ${MAX_MESSAGE_BYTES}-byte ` +
          "limit of a service node: send less text, or attachments instead of inline data",
        "message_too_large",
        "content",
      );
    }
    return { to, data, hash: messageHash(to, 0, bytes) };
  }

  return function compose(
    to: string,
    content: ContentInit,
    options: ComposeOptions,
  ): Omit<Job, "seq" | "stored" | "attempts"> {
    const timestamp = last = Math.max(Math.round(now()), last + 1);
    const copies = [copy(to, content, timestamp)];
    if (to !== me && options.own === "sync" && content.dataMessage) {
      const synced = { ...content, dataMessage: { ...content.dataMessage, syncTarget: to } };
      copies.push(copy(me, synced, timestamp));
    } else if (to !== me && options.own === "copy") {
      copies.push(copy(me, content, timestamp));
    }
    return { kind: options.kind, to, timestamp, ttl: options.ttl, copies };
  };
}

/** The composer's type. */
export type Composer = ReturnType<typeof createComposer>;
