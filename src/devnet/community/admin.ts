/**
 * The in-process admin door of the devnet community server: what a sysadmin does with
 * `sogs --add-room`/`--add-moderators` on a real server, for tests (e.g. make a bot a moderator).
 * Users may be named by Session ID (`05…`) or blinded id (`15…`/`25…`).
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import type { CommunityCore } from "./context.ts";
import type { PermissionFlags, RoomRecord } from "./model.ts";
import {
  setGlobalBan,
  setGlobalModerator,
  setPermissions,
  setRoomBan,
  setRoomModerator,
} from "./moderation.ts";

/** Room defaults for a new room: everyone reads, writes and uploads. */
const OPEN: PermissionFlags = { read: true, accessible: true, write: true, upload: true };

/** In-process administration of a community server. */
export interface CommunityAdmin {
  /** Creates room `token` (no-op when it exists); resolves once stored. */
  createRoom(
    token: string,
    name: string,
    options?: { description?: string; defaults?: Partial<PermissionFlags> },
  ): Promise<void>;
  /** Room tokens, sorted. */
  rooms(): string[];
  /** Makes `sessionId` a moderator (or admin) of `room` (default "lobby") or of the server. */
  addModerator(
    sessionId: string,
    options?: { admin?: boolean; global?: boolean; room?: string; visible?: boolean },
  ): Promise<void>;
  /** Removes moderator and admin rights in `room` (default "lobby") or server-wide. */
  removeModerator(sessionId: string, options?: { global?: boolean; room?: string }): Promise<void>;
  /** Bans from `room` (default "lobby") or the server, for `seconds` if given. */
  ban(
    sessionId: string,
    options?: { global?: boolean; room?: string; seconds?: number },
  ): Promise<void>;
  /** Lifts a room (default "lobby") or server ban. */
  unban(sessionId: string, options?: { global?: boolean; room?: string }): Promise<void>;
  /** Overrides permissions of `sessionId` in `room` (default "lobby"); null restores the default. */
  setPermissions(
    sessionId: string,
    flags: Partial<Record<keyof PermissionFlags, boolean | null>>,
    options?: { room?: string },
  ): Promise<void>;
  /** Changes a room's default permissions. */
  setDefaults(room: string, flags: Partial<PermissionFlags>): Promise<void>;
}

/**
 * Creates the admin door over a server's core.
 *
 * @example
 * ```ts
 * await devnet.community.admin.addModerator(bot.sessionId, { admin: true });
 * ```
 */
export function createAdmin(core: CommunityCore): CommunityAdmin {
  const { db } = core;

  function user(sessionId: string): string {
    const id = typeof sessionId === "string" ? sessionId.trim().toLowerCase() : "";
    if (!/^(05|15|25)[0-9a-f]{64}$/.test(id)) {
      throw new ValidationError(
        `expected a 05, 15 or 25 id of 66 hex characters, got ${JSON.stringify(sessionId)}`,
        "bad_session_id",
        "sessionId",
      );
    }
    const key = core.keys.remember(id);
    db.saveUser(key);
    return key;
  }

  function room(token = "lobby"): RoomRecord {
    const found = db.rooms.get(token);
    if (!found) {
      throw new ValidationError(
        `no room "${token}" on the community server; create it with admin.createRoom first`,
        "unknown_room",
        "room",
      );
    }
    return found;
  }

  return {
    async createRoom(token, name, options = {}) {
      if (typeof token !== "string" || !/^[\w-]{1,64}$/.test(token)) {
        throw new ValidationError(
          `room token must be 1-64 of [A-Za-z0-9_-], got ${JSON.stringify(token)}`,
          "bad_room_token",
          "token",
        );
      }
      if (typeof name !== "string" || name.trim() === "") {
        throw new ValidationError("room name must be a non-empty string", "bad_room_name", "name");
      }
      if (db.rooms.has(token)) return;
      const record: RoomRecord = {
        token,
        name,
        created: core.now() / 1000,
        infoUpdates: 0,
        sequence: 0,
        defaults: { ...OPEN, ...options.defaults },
        pins: [],
        ...(options.description !== undefined ? { description: options.description } : {}),
      };
      db.rooms.set(token, record);
      db.saveRoom(record);
      await db.flush();
    },
    rooms: () => [...db.rooms.keys()].sort(),
    async addModerator(sessionId, options = {}) {
      const change = { moderator: true, admin: options.admin ?? false, visible: options.visible };
      if (options.global) setGlobalModerator(db, user(sessionId), change);
      else setRoomModerator(db, [room(options.room)], user(sessionId), change);
      await db.flush();
    },
    async removeModerator(sessionId, options = {}) {
      const change = { moderator: false, admin: false };
      if (options.global) setGlobalModerator(db, user(sessionId), change);
      else setRoomModerator(db, [room(options.room)], user(sessionId), change);
      await db.flush();
    },
    async ban(sessionId, options = {}) {
      const { seconds } = options;
      if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0)) {
        throw new ValidationError("ban seconds must be a positive number", "bad_option", "seconds");
      }
      const until = seconds === undefined ? undefined : core.now() / 1000 + seconds;
      if (options.global) setGlobalBan(db, user(sessionId), true, until);
      else setRoomBan(db, [room(options.room)], user(sessionId), true, until);
      await db.flush();
    },
    async unban(sessionId, options = {}) {
      if (options.global) setGlobalBan(db, user(sessionId), false);
      else setRoomBan(db, [room(options.room)], user(sessionId), false);
      await db.flush();
    },
    async setPermissions(sessionId, flags, options = {}) {
      setPermissions(db, room(options.room), user(sessionId), flags);
      await db.flush();
    },
    async setDefaults(token, flags) {
      const target = room(token);
      target.defaults = { ...target.defaults, ...flags };
      target.infoUpdates++;
      db.saveRoom(target);
      await db.flush();
    },
  };
}
