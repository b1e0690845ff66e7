/**
 * Taking a retrieved page in: drop what was seen, then write each new message to the inbox,
 * its dedup marker and the node's cursor in one atomic commit per chunk (design.md: "the cursor
 * moves in the same KV atomic commit that writes the raw message").
 *
 * @module
 */
import type { StoredMessage } from "../network/mod.ts";
import { setParts, splitText } from "./chunks.ts";
import type { StoredInboxEntry } from "./inbox.ts";
import { keys } from "./keys.ts";
import { conflict, type VersionedState } from "./state.ts";

/** Seen marker values: skipped as history, or taken into the inbox. */
export const SKIPPED = 0;
export const TAKEN = 1;

/** Keep dedup markers an hour past the message's expiry: nodes' clocks differ a little. */
const SEEN_MARGIN_MS = 3_600_000;

/**
 * Per commit, safely under KV's limits: 1000 mutations, 800 KiB in all, 80 KiB of keys (an
 * inbox entry and its seen marker take ~250 bytes of keys, so ~240 messages per commit).
 */
const MAX_MUTATIONS = 900;
const MAX_BYTES = 600_000;
const MAX_KEY_BYTES = 60_000;

/** How a page is taken in. */
export interface IntakeOptions {
  /** `skip`: first start without history, only mark as seen. */
  readonly mode: "deliver" | "skip";
  /** Deliver messages skipped earlier as history. */
  readonly history: boolean;
  /** Record that the first-start baseline is complete. */
  readonly baselined: boolean;
}

/** Writes `page` (from `node`, next cursor `lastHash`); returns the new state and the count. */
export async function intake(
  kv: Deno.Kv,
  sid: string,
  state: VersionedState,
  page: {
    readonly messages: readonly StoredMessage[];
    /** The node that answered. */
    readonly node: string;
    /** The cursor the request used, and the one to store (undefined: keep the old one). */
    readonly cursor?: string;
    readonly lastHash?: string;
  },
  options: IntakeOptions,
): Promise<{ state: VersionedState; taken: number }> {
  const marks = await seenMarks(kv, sid, page.messages);
  let { seq } = state.value;
  let current = state;
  let taken = 0;
  let atomic = kv.atomic();
  let mutations = 0;
  let bytes = 0;
  let keyBytes = 0;
  const now = Date.now();

  async function commit(cursor: string | undefined) {
    const value = { seq, node: page.node, baselined: options.baselined };
    atomic.check({ key: keys.poll(sid), versionstamp: current.versionstamp })
      .set(keys.poll(sid), value);
    if (cursor) atomic.set(keys.cursor(sid, page.node), cursor);
    const result = await atomic.commit();
    if (!result.ok) throw conflict(sid);
    current = { value, versionstamp: result.versionstamp };
    atomic = kv.atomic();
    mutations = bytes = keyBytes = 0;
  }

  for (const message of page.messages) {
    const mark = marks.get(message.hash);
    const fresh = mark === undefined || (mark === SKIPPED && options.history);
    if (!fresh) continue;
    marks.set(message.hash, TAKEN); // a hash listed twice in one page is taken once
    const expireIn = Math.max(message.expiration - now, 60_000) + SEEN_MARGIN_MS;
    if (options.mode === "skip") {
      atomic.set(keys.seen(sid, message.hash), SKIPPED, { expireIn });
      mutations++;
      keyBytes += sid.length + message.hash.length + 20;
    } else {
      const { head, rest } = splitText(message.data);
      const entry: StoredInboxEntry = {
        hash: message.hash,
        data: head,
        parts: rest.length,
        timestamp: message.timestamp,
        expiration: message.expiration,
        receivedAt: now,
      };
      atomic.set(keys.inbox(sid, seq), entry).set(keys.seen(sid, message.hash), TAKEN, {
        expireIn,
      });
      setParts(atomic, "inbox", sid, seq, rest);
      seq++;
      taken++;
      mutations += 2 + rest.length;
      bytes += message.data.length + 200;
      keyBytes += (2 + rest.length) * (sid.length + 30) + message.hash.length;
    }
    if (mutations >= MAX_MUTATIONS || bytes >= MAX_BYTES || keyBytes >= MAX_KEY_BYTES) {
      await commit(message.hash);
    }
  }
  const moved = page.lastHash !== page.cursor || current.value.node !== page.node ||
    current.value.baselined !== options.baselined;
  if (mutations > 0 || moved) await commit(page.lastHash);
  return { state: current, taken };
}

/** The seen markers of `messages` (KV reads at most 10 keys per `getMany`). */
async function seenMarks(
  kv: Deno.Kv,
  sid: string,
  messages: readonly StoredMessage[],
): Promise<Map<string, number>> {
  const hashes = [...new Set(messages.map((m) => m.hash))];
  const marks = new Map<string, number>();
  const reads = [];
  for (let i = 0; i < hashes.length; i += 10) {
    const slice = hashes.slice(i, i + 10);
    reads.push(kv.getMany<number[]>(slice.map((h) => keys.seen(sid, h))));
  }
  for (const entries of await Promise.all(reads)) {
    for (const entry of entries) {
      if (entry.value !== null) marks.set(entry.key[2] as string, entry.value);
    }
  }
  return marks;
}
