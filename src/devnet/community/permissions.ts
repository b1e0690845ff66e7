/**
 * Effective permissions, computed like pysogs `Room.check_permission`: admins (room or global)
 * may do everything, then moderators; everyone else must not be banned (room or global) and
 * gets each flag from their override, else the room default. Timed bans end and scheduled
 * (`futurePermissions`) changes apply lazily, whenever permissions are read.
 *
 * @module
 */
import { type CommunityDb, roomUserKey } from "./db.ts";
import type { PermissionFlags, RoomRecord } from "./model.ts";

/** A user's effective standing in a room. */
export interface Standing extends PermissionFlags {
  banned: boolean;
  moderator: boolean;
  admin: boolean;
  globalModerator: boolean;
  globalAdmin: boolean;
}

/** Applies scheduled permission changes and ends timed bans that are due at `now`. */
export function applyDue(db: CommunityDb, now: number): void {
  for (const change of [...db.future.values()].sort((a, b) => a.at - b.at || a.id - b.id)) {
    if (change.at > now) continue;
    const key = roomUserKey(change.room, change.user);
    const record = { ...db.roomUsers.get(key) };
    for (const flag of ["read", "write", "upload"] as const) {
      if (change[flag] !== undefined) record[flag] = change[flag];
    }
    db.roomUsers.set(key, record);
    db.saveRoomUser(change.room, change.user);
    db.future.delete(change.id);
    db.put(["future", change.id], undefined);
  }
  for (const [key, record] of db.roomUsers) {
    if (record.banned && record.bannedUntil !== undefined && record.bannedUntil <= now) {
      const { banned: _b, bannedUntil: _u, ...rest } = record;
      db.roomUsers.set(key, rest);
      const [room, user] = key.split("\u0000");
      db.saveRoomUser(room, user);
    }
  }
  for (const [user, record] of db.globals) {
    if (record.banned && record.bannedUntil !== undefined && record.bannedUntil <= now) {
      const { banned: _b, bannedUntil: _u, ...rest } = record;
      db.globals.set(user, rest);
      db.saveGlobal(user);
    }
  }
}

/** True when `user` is globally banned. */
export function globallyBanned(db: CommunityDb, user: string | undefined): boolean {
  return user !== undefined && db.globals.get(user)?.banned === true;
}

/** The standing of `user` (undefined: an anonymous request) in `room`. */
export function standingIn(
  db: CommunityDb,
  room: RoomRecord,
  user: string | undefined,
): Standing {
  const own = user === undefined ? {} : db.roomUsers.get(roomUserKey(room.token, user)) ?? {};
  const global = user === undefined ? {} : db.globals.get(user) ?? {};
  const globalAdmin = global.admin === true;
  const globalModerator = globalAdmin || global.moderator === true;
  const admin = globalAdmin || own.admin === true;
  const moderator = admin || globalModerator || own.moderator === true;
  const banned = !moderator && (own.banned === true || global.banned === true);
  const flag = (name: keyof PermissionFlags) =>
    moderator || (!banned && (own[name] ?? room.defaults[name]));
  const read = flag("read");
  return {
    read,
    accessible: read || flag("accessible"),
    write: flag("write"),
    upload: flag("upload"),
    banned,
    moderator,
    admin,
    globalModerator,
    globalAdmin,
  };
}
