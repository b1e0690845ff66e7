/**
 * Resending an outgoing dead letter once the cause is gone: the kept encrypted copy is queued
 * in the outbox again, unchanged (same storage hash, same sent timestamp), so a recipient whose
 * swarm kept a partial earlier store sees one message. The dead letter is removed in the commit
 * that queues the job.
 *
 * Our own swarm's copy (the sync copy other devices read) is queued too when it was kept (both
 * copies fit one KV value); otherwise only the recipient's copy is stored again.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { fromBase64 } from "../../core/bytes.ts";
import { DEFAULT_TTL_MS } from "../network/mod.ts";
import { messageHash } from "../network/message_hash.ts";
import { type DeadLetterRef, readDeadLetter } from "./dead_letter_lookup.ts";
import { keys } from "./keys.ts";
import type { Outbox, SendResult } from "./outbox.ts";
import type { Copy } from "./outbox_store.ts";

/**
 * Queues the outgoing dead letter `ref` of `sid` again; resolves once the swarm stored it, like
 * `send`. Throws `ValidationError` (`not_found`, `no_data`, `expired`, `wrong_box`,
 * `invalid_letter`).
 *
 * @example
 * ```ts
 * const { hash, timestamp } = await resendLetter(kv, sid, outbox, letters[0]);
 * ```
 */
export async function resendLetter(
  kv: Deno.Kv,
  sid: string,
  outbox: Pick<Outbox, "enqueue">,
  ref: DeadLetterRef,
): Promise<SendResult> {
  const dead = await readDeadLetter(kv, sid, "out", ref);
  const letter = dead.value;
  if (letter.data === undefined || letter.to === undefined || letter.timestamp === undefined) {
    throw new ValidationError(
      `dead letter ${letter.id} has no data to resend: the message was too large to keep ` +
        "(over 60 000 base64 characters); send it again as a new message",
      "no_data",
      "letter",
    );
  }
  const ttl = letter.ttl ?? DEFAULT_TTL_MS;
  if (Date.now() > letter.timestamp + ttl) {
    throw new ValidationError(
      `dead letter ${letter.id} outlived its ${Math.round(ttl / 1000)} s lifetime: a swarm ` +
        "would not keep it; send it again as a new message",
      "expired",
      "letter",
    );
  }
  const copies: Copy[] = [copyOf(letter.to, letter.data)];
  if (letter.own !== undefined) copies.push(copyOf(sid, letter.own));
  const deadKey = keys.dead(sid, "out", letter.id);
  let queued;
  try {
    queued = await outbox.enqueue(
      { kind: letter.kind ?? "resend", to: letter.to, timestamp: letter.timestamp, ttl, copies },
      [(a) => void a.check({ key: deadKey, versionstamp: dead.versionstamp }).delete(deadKey)],
    );
  } catch (error) {
    // The commit failed: most likely a concurrent resend took the letter first.
    await readDeadLetter(kv, sid, "out", letter.id);
    throw error;
  }
  return await queued.stored;
}

function copyOf(to: string, data: string): Copy {
  return { to, data, hash: messageHash(to, 0, fromBase64(data)) };
}
