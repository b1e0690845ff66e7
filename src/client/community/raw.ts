/**
 * What the community poller stores in the inbox: the server's JSON, untouched, plus the room it
 * came from and (for reactions) what changed since the last update. Decoding waits for delivery,
 * so a bad post becomes an error event, never a stuck poll.
 *
 * @module
 */
import type { RoomRef } from "./events.ts";

/** A reaction change computed at intake (the server sends the new totals only). */
export interface ReactionChange {
  readonly emoji: string;
  readonly count: number;
  readonly reactors: readonly string[];
  readonly removed: boolean;
  /** Who most likely changed it: a reactor that appeared, or one that left. */
  readonly by?: string;
}

/** An update from `messages/since`: a post, an edit, a deletion or reactions. */
export interface RawRoomUpdate {
  readonly kind: "room";
  readonly ref: RoomRef;
  /** The server's message object. */
  readonly message: Record<string, unknown>;
  readonly reactions: readonly ReactionChange[];
}

/** A DM from the server's `inbox` or `outbox`. */
export interface RawDm {
  readonly kind: "dm";
  readonly ref: RoomRef;
  readonly box: "inbox" | "outbox";
  readonly dm: Record<string, unknown>;
}

/** Anything in the community inbox. */
export type RawEntry = RawRoomUpdate | RawDm;

/** Reactions as the server lists them: emoji → count and recent reactors. */
export type ReactionState = Record<string, { count: number; reactors: string[] }>;

/** Reads the `reactions` field of a message object. */
export function reactionState(value: unknown): ReactionState {
  const state: ReactionState = {};
  if (typeof value !== "object" || value === null) return state;
  for (const [emoji, info] of Object.entries(value as Record<string, unknown>)) {
    const i = info as { count?: unknown; reactors?: unknown } | null;
    const count = typeof i?.count === "number" ? i.count : 0;
    const reactors = Array.isArray(i?.reactors)
      ? i.reactors.filter((r): r is string => typeof r === "string")
      : [];
    if (count > 0) state[emoji] = { count, reactors };
  }
  return state;
}

/** What changed between two reaction states, emoji by emoji. */
export function diffReactions(before: ReactionState, after: ReactionState): ReactionChange[] {
  const changes: ReactionChange[] = [];
  for (const emoji of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[emoji] ?? { count: 0, reactors: [] };
    const now = after[emoji] ?? { count: 0, reactors: [] };
    if (old.count === now.count && old.reactors.join() === now.reactors.join()) continue;
    const removed = now.count < old.count;
    const by = removed
      ? old.reactors.find((r) => !now.reactors.includes(r))
      : now.reactors.find((r) => !old.reactors.includes(r));
    changes.push({
      emoji,
      count: now.count,
      reactors: now.reactors,
      removed,
      ...(by ? { by } : {}),
    });
  }
  return changes;
}
