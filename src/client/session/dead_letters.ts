/**
 * Dead letters: messages given up on, with the reason, under `["dead", sid, "in"|"out", id]`.
 * Incoming ones expire with the swarm's maximum TTL (14 days) so spam cannot fill the store;
 * outgoing ones stay until retried or dropped.
 *
 * @module
 */
import { keys } from "./keys.ts";
import type { TxOp } from "./tx.ts";

/** Incoming dead letters are kept as long as a swarm keeps a message. */
const KEEP_INCOMING_MS = 14 * 86_400_000;

/** A message the runtime gave up on. */
export interface DeadLetter {
  /** `in`: a received message; `out`: a send that could not be stored. */
  readonly box: "in" | "out";
  /** Storage hash (in) or outbox sequence number (out). */
  readonly id: string;
  /** Machine-readable reason, e.g. `decrypt_failed`, `handler_failed`, `status_401`. */
  readonly code: string;
  /** What went wrong. */
  readonly reason: string;
  /** Tries made. */
  readonly attempts: number;
  /** When it was given up on, ms. */
  readonly at: number;
  /** The raw base64 message (in), when small enough to keep. */
  readonly data?: string;
  /** The recipient (out). */
  readonly to?: string;
  /** The sent timestamp (out). */
  readonly timestamp?: number;
  /** What was sent, e.g. `message` (out). */
  readonly kind?: string;
  /** Lifetime in the swarm, ms (out). */
  readonly ttl?: number;
  /** The copy for our own swarm (sync or plain copy), when both copies fit (out). */
  readonly own?: string;
}

/** The fields a caller gives; `box`, `id` and `at` are filled in. */
export type DeadLetterInit = Omit<DeadLetter, "box" | "id" | "at">;

/** An op writing a dead letter. */
export function deadLetterOp(
  sid: string,
  box: "in" | "out",
  id: string,
  init: DeadLetterInit,
): TxOp {
  const letter: DeadLetter = { ...init, box, id, at: Date.now() };
  return (a) =>
    void a.set(keys.dead(sid, box, id), letter, box === "in" ? { expireIn: KEEP_INCOMING_MS } : {});
}

/** Every dead letter of `sid`, incoming first, oldest first within each box. */
export async function listDeadLetters(kv: Deno.Kv, sid: string): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  for await (const entry of kv.list<DeadLetter>({ prefix: keys.dead(sid) })) {
    letters.push(entry.value);
  }
  return letters.sort((a, b) => a.box.localeCompare(b.box) || a.at - b.at);
}
