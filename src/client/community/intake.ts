/**
 * Taking a poll's answer in: each update becomes an inbox entry, written in the same atomic
 * commit that moves the room's cursor (and its DM cursors), so a crash can neither skip nor
 * replay an update. Commits are chunked under KV's limits; each chunk's cursor is its last item.
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";
import { setParts, splitText } from "../session/chunks.ts";
import type { StoredInboxEntry } from "../session/inbox.ts";
import { COMMUNITY_INBOX } from "./keys.ts";
import { communityKeys } from "./keys.ts";
import type { RawEntry } from "./raw.ts";

/** One item to take in: its entry, and the cursor value it moves to. */
export interface IntakeItem {
  /** Stable id (dedup, dead letters). */
  readonly hash: string;
  readonly raw: RawEntry;
  /** Sent time, ms. */
  readonly timestamp: number;
  /** The cursor once this item is in. */
  readonly cursor: number;
  /** Extra mutations (reaction state) to land with it. */
  readonly ops?: readonly ((a: Deno.AtomicOperation) => void)[];
}

const MAX_ITEMS = 150;
const MAX_BYTES = 500_000;
/** Community entries expire from the dead letters like swarm ones; kept 15 days in the inbox. */
export const ENTRY_TTL_MS = 15 * 86_400_000;

/**
 * Writes `items` (in cursor order) and moves the cursor at `cursorKey`; the cursor's
 * versionstamp must be `versionstamp` (another poller moved it otherwise). Returns the count and
 * the new versionstamp.
 */
export async function intake(
  kv: Deno.Kv,
  sid: string,
  cursorKey: Deno.KvKey,
  versionstamp: string | null,
  items: readonly IntakeItem[],
): Promise<{ taken: number; versionstamp: string | null }> {
  let current = versionstamp;
  let taken = 0;
  for (let start = 0; start < items.length;) {
    const seqEntry = await kv.get<number>(communityKeys.seq(sid));
    let seq = seqEntry.value ?? 1;
    const atomic = kv.atomic()
      .check(seqEntry)
      .check({ key: cursorKey, versionstamp: current });
    let bytes = 0;
    let end = start;
    const now = Date.now();
    while (end < items.length && end - start < MAX_ITEMS && bytes < MAX_BYTES) {
      const item = items[end++];
      const text = JSON.stringify(item.raw);
      const { head, rest } = splitText(text);
      const entry: StoredInboxEntry = {
        hash: item.hash,
        data: head,
        parts: rest.length,
        timestamp: item.timestamp,
        expiration: now + ENTRY_TTL_MS,
        receivedAt: now,
      };
      atomic.set([COMMUNITY_INBOX, sid, seq], entry);
      setParts(atomic, COMMUNITY_INBOX, sid, seq, rest);
      for (const op of item.ops ?? []) op(atomic);
      seq++;
      bytes += text.length + 200;
    }
    atomic.set(cursorKey, items[end - 1].cursor).set(communityKeys.seq(sid), seq);
    const result = await atomic.commit();
    if (!result.ok) {
      throw new SessionBotError(
        "another process polls the same community with this KV store: run one client per " +
          "identity and store",
        "poll_conflict",
      );
    }
    current = result.versionstamp;
    taken += end - start;
    start = end;
  }
  return { taken, versionstamp: current };
}
