/**
 * Redelivering an incoming dead letter once its handler is fixed: the kept raw message goes back
 * into the durable inbox as a new entry (fresh attempt count) and the dead letter goes, in one
 * atomic commit that also takes the next inbox sequence number from the poll state. The caller
 * runs it between poll rounds (`Poller.run`), so the poller's next commit does not conflict.
 *
 * Order: the entry gets the next sequence number, so it is handled after every entry already
 * queued; entries queued later come after it. Its `event.id` (the storage hash) is unchanged.
 *
 * @module
 */
import { SessionBotError, ValidationError } from "../../core/errors.ts";
import { isCommunityLetter } from "../community/keys.ts";
import { setParts, splitText } from "./chunks.ts";
import { type DeadLetterRef, readDeadLetter } from "./dead_letter_lookup.ts";
import type { StoredInboxEntry } from "./inbox.ts";
import { keys } from "./keys.ts";
import { loadState } from "./state.ts";

/** How long a redelivered entry is said to live (the swarm's maximum TTL), ms. */
const ENTRY_TTL_MS = 14 * 86_400_000;

/**
 * Moves the incoming dead letter `ref` of `sid` back into the inbox; returns its new sequence
 * number. Throws `ValidationError` (`not_found`, `no_data`, `community_letter` for a community
 * letter — those go through `redeliverCommunityLetter` —, `wrong_box`, `invalid_letter`).
 *
 * @example
 * ```ts
 * const seq = await poller.run(() => redeliverLetter(kv, sid, letter));
 * dispatcher.wake();
 * ```
 */
export async function redeliverLetter(
  kv: Deno.Kv,
  sid: string,
  ref: DeadLetterRef,
): Promise<number> {
  // A few tries: a commit fails only if another process moved the poll state or the letter.
  for (let attempt = 0; attempt < 3; attempt++) {
    const dead = await readDeadLetter(kv, sid, "in", ref);
    const letter = dead.value;
    if (isCommunityLetter(letter.id)) {
      // `SessionClient.redeliver` sends these to the communities runtime, under its own lock.
      throw new ValidationError(
        `dead letter ${letter.id} came from a community; it goes back into the community ` +
          "inbox: use client.redeliver() (or redeliverCommunityLetter under the community lock)",
        "community_letter",
        "letter",
      );
    }
    if (letter.data === undefined) {
      throw new ValidationError(
        `dead letter ${letter.id} has no data to redeliver: the message was too large to keep ` +
          "(over 60 000 base64 characters)",
        "no_data",
        "letter",
      );
    }
    const state = await loadState(kv, sid);
    const seq = state.value.seq;
    const now = Date.now();
    const { head, rest } = splitText(letter.data);
    const entry: StoredInboxEntry = {
      hash: letter.id,
      data: head,
      parts: rest.length,
      timestamp: letter.timestamp ?? letter.at,
      expiration: letter.at + ENTRY_TTL_MS,
      receivedAt: now,
    };
    const deadKey = keys.dead(sid, "in", letter.id);
    const atomic = kv.atomic()
      .check({ key: keys.poll(sid), versionstamp: state.versionstamp })
      .check({ key: deadKey, versionstamp: dead.versionstamp })
      .set(keys.inbox(sid, seq), entry)
      .set(keys.poll(sid), { ...state.value, seq: seq + 1 })
      .delete(deadKey);
    setParts(atomic, "inbox", sid, seq, rest);
    if ((await atomic.commit()).ok) return seq;
  }
  throw new SessionBotError(
    "the dead letter could not be redelivered: another process keeps changing this identity's " +
      "poll state (run one client per identity and store)",
    "poll_conflict",
  );
}
