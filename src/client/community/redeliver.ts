/**
 * Redelivering a community dead letter (a room update or a blinded DM) once its handler is
 * fixed: the raw JSON the intake stored goes back into the community inbox as a new entry (fresh
 * attempt count), taking the next `community_seq` with a versionstamp check and removing the dead
 * letter in the same commit. The caller runs it inside the lock the server pollers' intakes
 * share, so neither side's commit conflicts.
 *
 * Order: the entry is handled after every entry already queued; its `event.id` (derived from the
 * stored JSON) is unchanged.
 *
 * @module
 */
import { SessionBotError, ValidationError } from "../../core/errors.ts";
import { setParts, splitText } from "../session/chunks.ts";
import type { DeadLetter } from "../session/dead_letters.ts";
import { type DeadLetterRef, readDeadLetter } from "../session/dead_letter_lookup.ts";
import type { StoredInboxEntry } from "../session/inbox.ts";
import { keys } from "../session/keys.ts";
import { ENTRY_TTL_MS } from "./intake.ts";
import { COMMUNITY_INBOX, communityKeys } from "./keys.ts";

/**
 * Moves the community dead letter `ref` of `sid` back into the community inbox; returns its new
 * sequence number. Run it inside the server pollers' lock. Throws `ValidationError`
 * (`not_found`, `no_data`, `bad_data`, `wrong_box`, `invalid_letter`), or `SessionBotError`
 * `poll_conflict` when another process keeps moving the counter.
 *
 * @example
 * ```ts
 * const seq = await communities.run(() => redeliverCommunityLetter(kv, sid, letter));
 * ```
 */
export async function redeliverCommunityLetter(
  kv: Deno.Kv,
  sid: string,
  ref: DeadLetterRef,
): Promise<number> {
  // A few tries: a commit fails only if another process moved the counter or the letter.
  for (let attempt = 0; attempt < 3; attempt++) {
    const dead = await readDeadLetter(kv, sid, "in", ref);
    const letter = dead.value;
    const data = letter.data;
    if (data === undefined) {
      throw new ValidationError(
        `dead letter ${letter.id} has no data to redeliver: the update was too large to keep ` +
          "(over 60 000 characters)",
        "no_data",
        "letter",
      );
    }
    const timestamp = sentAt(letter, data);
    const seqEntry = await kv.get<number>(communityKeys.seq(sid));
    const seq = seqEntry.value ?? 1;
    const now = Date.now();
    const { head, rest } = splitText(data);
    const entry: StoredInboxEntry = {
      hash: letter.id,
      data: head,
      parts: rest.length,
      timestamp,
      expiration: now + ENTRY_TTL_MS,
      receivedAt: now,
    };
    const deadKey = keys.dead(sid, "in", letter.id);
    const atomic = kv.atomic()
      .check(seqEntry)
      .check({ key: deadKey, versionstamp: dead.versionstamp })
      .set([COMMUNITY_INBOX, sid, seq], entry)
      .set(communityKeys.seq(sid), seq + 1)
      .delete(deadKey);
    setParts(atomic, COMMUNITY_INBOX, sid, seq, rest);
    if ((await atomic.commit()).ok) return seq;
  }
  throw new SessionBotError(
    "the dead letter could not be redelivered: another process keeps taking community updates " +
      "into this identity's store (run one client per identity and store)",
    "poll_conflict",
  );
}

/**
 * The sent time the intake gave the entry (`posted` of a room update, `posted_at` of a DM);
 * throws `bad_data` when the kept data is not a community update this client stored.
 */
function sentAt(letter: DeadLetter, data: string): number {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    raw = undefined;
  }
  const r = raw as { kind?: unknown; ref?: unknown; message?: unknown; dm?: unknown } | undefined;
  const body = r?.kind === "room" ? r.message : r?.kind === "dm" ? r.dm : undefined;
  if (typeof r?.ref !== "object" || r.ref === null || typeof body !== "object" || body === null) {
    throw new ValidationError(
      `dead letter ${letter.id} does not hold a community update this client stored: it cannot ` +
        "be redelivered (drop it, or ask the room for the post again)",
      "bad_data",
      "letter",
    );
  }
  const posted = (body as Record<string, unknown>)[r.kind === "room" ? "posted" : "posted_at"];
  return typeof posted === "number" && Number.isFinite(posted)
    ? Math.round(posted * 1000)
    : letter.at;
}
