/**
 * Joined rooms as stored in KV: what `start()` resumes.
 *
 * @module
 */
import { communityKeys } from "./keys.ts";
import type { CommunityTransport } from "./transport.ts";

/** A joined room as stored. */
export interface RoomRecord {
  readonly server: string;
  readonly room: string;
  readonly publicKey: string;
  readonly transport: CommunityTransport;
  readonly pollInterval?: { readonly min?: number; readonly max?: number };
  readonly joinedAt: number;
}

/** `<server>/<room>`: the conversation id and the key of a room. */
export function roomKey(record: { server: string; room: string }): string {
  return `${record.server}/${record.room}`;
}

/** The rooms `sid` has joined. */
export async function listRooms(kv: Deno.Kv, sid: string): Promise<RoomRecord[]> {
  const rooms: RoomRecord[] = [];
  for await (const entry of kv.list<RoomRecord>({ prefix: communityKeys.room(sid) })) {
    rooms.push(entry.value);
  }
  return rooms;
}

/**
 * Saves a joined room with its starting cursor (kept when one exists: rejoining resumes).
 * Returns the cursor in force.
 */
export async function saveRoom(
  kv: Deno.Kv,
  sid: string,
  record: RoomRecord,
  startAt: () => Promise<number>,
): Promise<number> {
  const key = roomKey(record);
  const existing = await kv.get<number>(communityKeys.cursor(sid, key));
  const cursor = existing.value ?? await startAt();
  const result = await kv.atomic()
    .check(existing)
    .set(communityKeys.room(sid, key), record)
    .set(communityKeys.cursor(sid, key), cursor)
    .commit();
  if (!result.ok) return (await kv.get<number>(communityKeys.cursor(sid, key))).value ?? cursor;
  return cursor;
}

/** Drops a room and its cursor. */
export async function deleteRoom(kv: Deno.Kv, sid: string, key: string): Promise<void> {
  await kv.atomic().delete(communityKeys.room(sid, key)).delete(communityKeys.cursor(sid, key))
    .commit();
}
