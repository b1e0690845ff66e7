/**
 * User moderation routes (pysogs `routes/users.py`, `routes/rooms.py`): moderators, bans and
 * deleting everything a user posted.
 *
 * @module
 */
import { ok, type RouteContext } from "../context.ts";
import { refuse } from "../errors.ts";
import { parseUserId } from "../ids.ts";
import type { RoomRecord } from "../model.ts";
import { setGlobalBan, setGlobalModerator, setRoomBan, setRoomModerator } from "../moderation.ts";
import { standingIn } from "../permissions.ts";
import type { Route } from "../router.ts";
import { deleteMessage } from "./messages.ts";

/** `{rooms: [...]}` (or `["*"]`) or `{global: true}`, with the caller's rights checked (403). */
function roomsOrGlobal(ctx: RouteContext, admin: boolean): RoomRecord[] | "global" {
  const caller = ctx.requireUser();
  const body = ctx.json();
  const global = body.global === true;
  if (body.rooms !== undefined && !Array.isArray(body.rooms)) {
    refuse(400, "Invalid rooms: expected a list");
  }
  const tokens: unknown[] = body.rooms ?? [];
  if (tokens.length && global) refuse(400, "Invalid request: give either rooms or global");
  if (!tokens.length && !global) refuse(400, "Invalid request: give rooms or global");
  const allowed = (room: RoomRecord) => {
    const standing = standingIn(ctx.db, room, caller);
    return admin ? standing.admin : standing.moderator;
  };
  if (global) {
    const me = ctx.db.globals.get(caller) ?? {};
    if (!(me.admin || (!admin && me.moderator))) {
      refuse(403, `Global ${admin ? "admin" : "moderator"} permission required`);
    }
    return "global";
  }
  if (tokens.length === 1 && tokens[0] === "*") {
    const rooms = [...ctx.db.rooms.values()].filter(allowed);
    if (rooms.length === 0) refuse(403, "No rooms with the required permission");
    return rooms;
  }
  const rooms = tokens.map((t: unknown) => {
    const room = typeof t === "string" ? ctx.db.rooms.get(t) : undefined;
    if (!room) refuse(404, `No such room: ${String(t)}`);
    return room;
  });
  if (!rooms.every(allowed)) refuse(403, "Moderator permission required in every given room");
  return rooms;
}

function moderator(ctx: RouteContext): Response {
  const target = ctx.keys.remember(parseUserId(ctx.params[0], "session id"));
  const where = roomsOrGlobal(ctx, true);
  const body = ctx.json();
  for (const name of ["moderator", "admin", "visible"]) {
    if (body[name] !== undefined && typeof body[name] !== "boolean") {
      refuse(400, `Invalid ${name}: expected a boolean`);
    }
  }
  const { moderator, admin, visible } = body as {
    moderator?: boolean;
    admin?: boolean;
    visible?: boolean;
  };
  if (moderator === undefined && admin === undefined) {
    refuse(400, "Invalid request: give moderator and/or admin");
  }
  if (admin === true && moderator === false) {
    refuse(400, "Invalid request: admin=true with moderator=false");
  }
  const change = { moderator: moderator ?? admin ?? false, admin: admin ?? false, visible };
  ctx.db.saveUser(target);
  if (where === "global") {
    setGlobalModerator(ctx.db, target, change);
    return ok({
      info_updates: Object.fromEntries(
        [...ctx.db.rooms.values()].map((r) => [r.token, r.infoUpdates]),
      ),
    });
  }
  setRoomModerator(ctx.db, where, target, change);
  return ok({ info_updates: Object.fromEntries(where.map((r) => [r.token, r.infoUpdates])) });
}

function ban(ctx: RouteContext, banned: boolean): Response {
  const target = ctx.keys.remember(parseUserId(ctx.params[0], "session id"));
  const where = roomsOrGlobal(ctx, false);
  const timeout = ctx.json().timeout;
  if (banned && timeout !== undefined && timeout !== null) {
    if (typeof timeout !== "number" || !(timeout > 0)) refuse(400, "Invalid timeout: seconds > 0");
  }
  const until = banned && typeof timeout === "number" ? ctx.now + timeout : undefined;
  ctx.db.saveUser(target);
  if (where === "global") setGlobalBan(ctx.db, target, banned, until);
  else setRoomBan(ctx.db, where, target, banned, until);
  return ok({});
}

function deleteAll(ctx: RouteContext, rooms: RoomRecord[]): Record<string, number> {
  const caller = ctx.requireUser();
  const target = ctx.keys.keyOf(parseUserId(ctx.params.at(-1), "session id"));
  const counts: Record<string, number> = {};
  for (const room of rooms) {
    const standing = standingIn(ctx.db, room, caller);
    if (target !== caller && !standing.moderator) refuse(403, "Moderator permission required");
    if (standingIn(ctx.db, room, target).admin && !standing.admin) {
      refuse(403, "Only admins can delete all posts of another admin");
    }
  }
  for (const room of rooms) {
    const mine = (ctx.db.roomMessages.get(room.token) ?? [])
      .map((id) => ctx.db.messages.get(id)!)
      .filter((m) => m.user === target && m.data !== undefined);
    for (const message of mine) deleteMessage(ctx, room, message);
    for (const file of [...ctx.db.files.values()]) {
      if (file.room === room.token && file.uploader === target && file.id !== room.imageId) {
        ctx.core.files.expire(file);
      }
    }
    counts[room.token] = mine.length;
  }
  return counts;
}

/** The user moderation routes. */
export const userRoutes: Route[] = [
  { method: "POST", pattern: "/user/:sid/moderator", handler: moderator },
  { method: "POST", pattern: "/user/:sid/ban", handler: (c) => ban(c, true) },
  { method: "POST", pattern: "/user/:sid/unban", handler: (c) => ban(c, false) },
  {
    method: "DELETE",
    pattern: "/room/:token/all/:sid",
    handler: (c) => {
      const counts = deleteAll(c, [c.room(c.params[0])]);
      if (counts[c.params[0]] === 0) refuse(404, "No posts to delete");
      return ok({});
    },
  },
  {
    method: "DELETE",
    pattern: "/rooms/all/:sid",
    handler: (c) => {
      const caller = c.requireUser();
      const rooms = [...c.db.rooms.values()].filter((r) => standingIn(c.db, r, caller).moderator);
      const counts = deleteAll(c, rooms);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      return ok({ total, rooms: Object.fromEntries(Object.entries(counts).filter(([, n]) => n)) });
    },
  },
];
