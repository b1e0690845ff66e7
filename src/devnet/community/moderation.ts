/**
 * Moderation changes shared by the HTTP routes and the in-process admin door: moderators and
 * admins (room or global), bans (room or global, optionally timed), permission overrides and
 * scheduled changes. Users are canonical keys (see `ids.ts`).
 *
 * @module
 */
import { type CommunityDb, roomUserKey } from "./db.ts";
import type { PermissionFlags, RoomRecord, RoomUserRecord } from "./model.ts";

/** Who becomes what. */
export interface ModeratorChange {
  /** true: moderator (or admin with `admin`); false: neither. */
  readonly moderator: boolean;
  readonly admin: boolean;
  /** Listed publicly (default: true for room mods, false for global ones). */
  readonly visible?: boolean;
}

function updateRoomUser(
  db: CommunityDb,
  room: RoomRecord,
  user: string,
  change: (record: RoomUserRecord) => RoomUserRecord,
): void {
  const key = roomUserKey(room.token, user);
  db.roomUsers.set(key, change({ ...db.roomUsers.get(key) }));
  db.saveRoomUser(room.token, user);
}

/** Sets `user` as moderator/admin of `rooms` (bumps each room's `info_updates`). */
export function setRoomModerator(
  db: CommunityDb,
  rooms: readonly RoomRecord[],
  user: string,
  change: ModeratorChange,
): void {
  for (const room of rooms) {
    updateRoomUser(db, room, user, (r) => {
      const { moderator: _m, admin: _a, visible: _v, ...rest } = r;
      if (!change.moderator && !change.admin) return rest;
      return { ...rest, moderator: true, admin: change.admin, visible: change.visible ?? true };
    });
    room.infoUpdates++;
    db.saveRoom(room);
  }
}

/** Sets `user` as global moderator/admin (bumps every room's `info_updates`). */
export function setGlobalModerator(db: CommunityDb, user: string, change: ModeratorChange): void {
  const { moderator: _m, admin: _a, visible: _v, ...rest } = db.globals.get(user) ?? {};
  db.globals.set(
    user,
    !change.moderator && !change.admin
      ? rest
      : { ...rest, moderator: true, admin: change.admin, visible: change.visible ?? false },
  );
  db.saveGlobal(user);
  for (const room of db.rooms.values()) {
    room.infoUpdates++;
    db.saveRoom(room);
  }
}

/** Bans (or with `banned` false, unbans) `user` in `rooms`, until `until` (seconds) if given. */
export function setRoomBan(
  db: CommunityDb,
  rooms: readonly RoomRecord[],
  user: string,
  banned: boolean,
  until?: number,
): void {
  for (const room of rooms) {
    updateRoomUser(db, room, user, (r) => {
      const { banned: _b, bannedUntil: _u, ...rest } = r;
      if (!banned) return rest;
      return until === undefined
        ? { ...rest, banned: true }
        : { ...rest, banned: true, bannedUntil: until };
    });
  }
}

/** Bans or unbans `user` server-wide. */
export function setGlobalBan(db: CommunityDb, user: string, banned: boolean, until?: number): void {
  const { banned: _b, bannedUntil: _u, ...rest } = db.globals.get(user) ?? {};
  db.globals.set(
    user,
    !banned
      ? rest
      : until === undefined
      ? { ...rest, banned: true }
      : { ...rest, banned: true, bannedUntil: until },
  );
  db.saveGlobal(user);
}

/** Sets permission overrides of `user` in `room` (`null` clears one back to the default). */
export function setPermissions(
  db: CommunityDb,
  room: RoomRecord,
  user: string,
  flags: Partial<Record<keyof PermissionFlags, boolean | null>>,
): RoomUserRecord {
  updateRoomUser(db, room, user, (r) => {
    const next: RoomUserRecord = { ...r };
    for (
      const [flag, value] of Object.entries(flags) as [keyof PermissionFlags, boolean | null][]
    ) {
      if (value === null) delete next[flag];
      else next[flag] = value;
    }
    return next;
  });
  return db.roomUsers.get(roomUserKey(room.token, user))!;
}

/** Drops scheduled changes of `flags` for `user` in `room`. */
export function unschedule(
  db: CommunityDb,
  room: RoomRecord,
  user: string,
  flags: readonly (keyof PermissionFlags)[],
): void {
  for (const change of [...db.future.values()]) {
    if (change.room !== room.token || change.user !== user) continue;
    for (const flag of flags) if (flag !== "accessible") delete change[flag];
    if (change.read === undefined && change.write === undefined && change.upload === undefined) {
      db.future.delete(change.id);
      db.put(["future", change.id], undefined);
    } else db.put(["future", change.id], change);
  }
}

/** Schedules `flags` for `user` in `room` at `at` (seconds). */
export function schedule(
  db: CommunityDb,
  room: RoomRecord,
  user: string,
  at: number,
  flags: { read?: boolean; write?: boolean; upload?: boolean },
): void {
  const id = ++db.counters.future;
  db.saveCounters();
  const change = { id, room: room.token, user, at, ...flags };
  db.future.set(id, change);
  db.put(["future", id], change);
}
