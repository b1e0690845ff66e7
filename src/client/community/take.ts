/**
 * Turning one poll answer into intake items: room updates in seqno order with their reaction
 * changes (computed against the last known totals, stored in the same commit), and DMs in id
 * order. The first DM poll of a server only sets the cursor: old DMs are history.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { RoomRef } from "./events.ts";
import { intake, type IntakeItem } from "./intake.ts";
import { communityKeys } from "./keys.ts";
import { diffReactions, type ReactionState, reactionState } from "./raw.ts";
import { roomKey, type RoomRecord } from "./store.ts";

/** Reaction totals are kept as long as a post can still change (SOGS keeps posts; 30 days). */
const REACTIONS_TTL_MS = 30 * 86_400_000;

type Row = Record<string, unknown>;
const isId = (v: unknown): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/** Takes in a room's `messages/since` answer; returns how many entries were written. */
export async function takeRoomUpdates(
  kv: Deno.Kv,
  sid: string,
  room: RoomRecord,
  cursor: Deno.KvEntryMaybe<number>,
  body: readonly unknown[],
  onError: (error: unknown) => void,
): Promise<number> {
  const key = roomKey(room);
  const since = cursor.value ?? 0;
  const rows: Row[] = [];
  for (const row of body) {
    const r = row as Row;
    // Without a seqno an update cannot be placed: reported and skipped. Other bad fields go to
    // the inbox, where decoding turns them into an error event and a dead letter.
    if (typeof r !== "object" || r === null || !isId(r.seqno)) {
      onError(
        new ValidationError(
          `room ${room.room} sent an update without a seqno: skipped`,
          "bad_update",
        ),
      );
      continue;
    }
    if ((r.seqno as number) > since) rows.push(r);
  }
  rows.sort((a, b) => (a.seqno as number) - (b.seqno as number));
  if (rows.length === 0) return 0;
  const ids = rows.flatMap((r) => isId(r.id) ? [r.id] : []);
  const before = await previousReactions(kv, sid, key, ids);
  const ref: RoomRef = { server: room.server, room: room.room, publicKey: room.publicKey };
  const items: IntakeItem[] = rows.map((message) => {
    const id = isId(message.id) ? message.id : -1;
    const reactKey = communityKeys.reactions(sid, key, id);
    const deleted = message.deleted === true;
    const after = deleted || !("reactions" in message)
      ? (deleted ? {} : before.get(id) ?? {})
      : reactionState(message.reactions);
    const reactions = deleted ? [] : diffReactions(before.get(id) ?? {}, after);
    before.set(id, after);
    const empty = Object.keys(after).length === 0;
    const op = (a: Deno.AtomicOperation) =>
      void (empty ? a.delete(reactKey) : a.set(reactKey, after, { expireIn: REACTIONS_TTL_MS }));
    return {
      hash: `${key}#${message.seqno}`,
      raw: { kind: "room", ref, message: slim(message), reactions },
      timestamp: typeof message.posted === "number"
        ? Math.round(message.posted * 1000)
        : Date.now(),
      cursor: message.seqno as number,
      ops: id >= 0 && (reactions.length > 0 || deleted) ? [op] : [],
    };
  });
  const result = await intake(kv, sid, communityKeys.cursor(sid, key), cursor.versionstamp, items);
  return result.taken;
}

/** Takes in a DM `inbox`/`outbox` answer; the first answer of a server only sets the cursor. */
export async function takeDms(
  kv: Deno.Kv,
  sid: string,
  ref: RoomRef,
  box: "inbox" | "outbox",
  cursor: Deno.KvEntryMaybe<number>,
  body: readonly unknown[],
): Promise<number> {
  const since = cursor.value ?? 0;
  const rows = (body as Row[]).filter((r) => typeof r === "object" && r !== null && isId(r.id))
    .filter((r) => (r.id as number) > since)
    .sort((a, b) => (a.id as number) - (b.id as number));
  const key = communityKeys.dmCursor(sid, ref.server, box);
  if (cursor.value === null) {
    const last = rows.length ? rows[rows.length - 1].id as number : 0;
    await kv.atomic().check(cursor).set(key, last).commit();
    return 0;
  }
  if (rows.length === 0) return 0;
  const items: IntakeItem[] = rows.map((dm) => ({
    hash: `${ref.server}/${box}/${dm.id}`,
    raw: { kind: "dm", ref, box, dm },
    timestamp: typeof dm.posted_at === "number" ? Math.round(dm.posted_at * 1000) : Date.now(),
    cursor: dm.id as number,
  }));
  return (await intake(kv, sid, key, cursor.versionstamp, items)).taken;
}

/** The stored part of a message object (reactions travel as computed changes). */
function slim(message: Row): Row {
  const { reactions: _reactions, ...rest } = message;
  return rest;
}

async function previousReactions(
  kv: Deno.Kv,
  sid: string,
  key: string,
  ids: readonly number[],
): Promise<Map<number, ReactionState>> {
  const map = new Map<number, ReactionState>();
  const reads = [];
  for (let i = 0; i < ids.length; i += 10) {
    reads.push(
      kv.getMany<ReactionState[]>(
        ids.slice(i, i + 10).map((id) => communityKeys.reactions(sid, key, id)),
      ),
    );
  }
  for (const entries of await Promise.all(reads)) {
    for (const entry of entries) if (entry.value) map.set(entry.key[3] as number, entry.value);
  }
  return map;
}
