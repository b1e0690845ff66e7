/**
 * How deliveries are stored: the record (public fields plus lane, sequence and message id),
 * the body in chunks below KV's 64 KiB value limit, and ids that sort by creation.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { ValidationError } from "../core/errors.ts";
import { keys } from "./keys.ts";
import type { DeliveryRecord } from "./types.ts";

/** A delivery as stored. */
export interface StoredDelivery extends DeliveryRecord {
  /** Position in its lane (creation order). */
  readonly seq: number;
  /** Its lane: the conversation (or "" for events without one). */
  readonly lane: string;
  /** The `webhook-id` header. */
  readonly messageId: string;
  /** How many body chunks. */
  readonly chunks: number;
}

/** What can take writes: an atomic operation or a handler's inbox transaction. */
export interface KvWriter {
  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }): unknown;
  delete(key: Deno.KvKey): unknown;
  sum(key: Deno.KvKey, n: bigint): unknown;
}

/** UTF-16 units per body chunk: at most 40 000 bytes serialized. */
const CHUNK = 20_000;
/**
 * The largest body accepted, UTF-16 units: 10 chunks, at most 400 KB stored, so a delivery
 * fits one atomic commit (800 KiB). Event payloads are far smaller (a Session message is
 * limited to tens of KB; attachments are links, not bytes).
 */
export const MAX_BODY = 10 * CHUNK;

/**
 * The public view of a stored delivery.
 *
 * @example
 * ```ts
 * declare const stored: StoredDelivery;
 * const record = publicRecord(stored);
 * ```
 */
export function publicRecord(stored: StoredDelivery): DeliveryRecord {
  const { seq: _seq, lane: _lane, messageId: _messageId, chunks: _chunks, ...record } = stored;
  return record;
}

/**
 * A `webhook-id` for an event id: the id itself when it is safe to sign (no `.`, no spaces,
 * at most 200 characters), else `msg_` + a hash of it (stable, so retries keep it).
 *
 * @example
 * ```ts
 * messageIdOf("AbC123+/=:message"); // unchanged
 * ```
 */
export function messageIdOf(eventId: string): string {
  if (/^[A-Za-z0-9_:+/=-]{1,200}$/.test(eventId)) return eventId;
  return "msg_" + createHash("sha256").update(eventId).digest("base64url").slice(0, 32);
}

/**
 * Splits a body into chunks (throws a ValidationError above {@link MAX_BODY}).
 *
 * @example
 * ```ts
 * bodyChunks("{}"); // ["{}"]
 * ```
 */
export function bodyChunks(body: string): string[] {
  if (body.length > MAX_BODY) {
    throw new ValidationError(
      `the event payload is ${body.length} characters; webhooks carry at most ${MAX_BODY}`,
      "payload_too_large",
      "payload",
    );
  }
  const out: string[] = [];
  for (let i = 0; i < body.length; i += CHUNK) out.push(body.slice(i, i + CHUNK));
  return out.length ? out : [""];
}

/**
 * Reads a delivery's body back.
 *
 * @example
 * ```ts
 * declare const kv: Deno.Kv;
 * declare const stored: StoredDelivery;
 * const body = await readBody(kv, stored);
 * ```
 */
export async function readBody(kv: Deno.Kv, stored: StoredDelivery): Promise<string | undefined> {
  const ks = Array.from({ length: stored.chunks }, (_, i) => keys.body(stored.id, i));
  const parts: string[] = [];
  for (let i = 0; i < ks.length; i += 10) {
    const entries = await kv.getMany<string[]>(ks.slice(i, i + 10));
    for (const entry of entries) {
      if (typeof entry.value !== "string") return undefined;
      parts.push(entry.value);
    }
  }
  return parts.join("");
}

/**
 * Writes a body's chunks (optionally expiring).
 *
 * @example
 * ```ts
 * declare const kv: Deno.Kv;
 * const atomic = kv.atomic();
 * writeBody(atomic, "d1", ["{}"]);
 * ```
 */
export function writeBody(
  writer: KvWriter,
  id: string,
  chunks: readonly string[],
  expireIn?: number,
): void {
  chunks.forEach((chunk, i) =>
    writer.set(keys.body(id, i), chunk, expireIn ? { expireIn } : undefined)
  );
}

/**
 * A generator of increasing sequence numbers (µs-ish, never repeating in this process) and
 * delivery ids that sort by them.
 *
 * @example
 * ```ts
 * const next = createSequence(Date.now);
 * const { seq, id } = next();
 * ```
 */
export function createSequence(now: () => number): () => { seq: number; id: string } {
  let last = 0;
  return () => {
    const seq = Math.max(Math.floor(now()) * 1000, last + 1);
    last = seq;
    const random = crypto.getRandomValues(new Uint8Array(4));
    const suffix = Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("");
    return { seq, id: `dlv_${seq.toString(36).padStart(12, "0")}${suffix}` };
  };
}
