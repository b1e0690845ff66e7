/**
 * Permission override routes (pysogs `routes/rooms.py`): per-user `read`/`accessible`/`write`/
 * `upload` overrides and scheduled changes (`futurePermissions`), e.g. a timed mute is
 * `permissions {write:false}` then `futurePermissions {write:true, in:seconds}` in one `/sequence`.
 *
 * @module
 */
import { ok, type RouteContext } from "../context.ts";
import { roomUserKey } from "../db.ts";
import { refuse } from "../errors.ts";
import { parseUserId } from "../ids.ts";
import type { PermissionFlags, RoomRecord } from "../model.ts";
import { schedule, setPermissions, unschedule } from "../moderation.ts";
import type { Route } from "../router.ts";

const FLAGS = ["read", "accessible", "write", "upload"] as const;

function renderPermissions(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v !== undefined && k !== "visible") out[k] = v;
  }
  return out;
}

function postPermissions(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  ctx.requireModerator(room);
  const target = ctx.keys.remember(parseUserId(ctx.params[1], "session id"));
  const body = ctx.json();
  const flags: Partial<Record<keyof PermissionFlags, boolean | null>> = {};
  for (const flag of FLAGS) {
    const value = body[flag];
    const reset = body[`default_${flag}`];
    if (value !== undefined) {
      if (typeof value !== "boolean") refuse(400, `Invalid ${flag}: expected a boolean`);
      flags[flag] = value;
    } else if (reset === true) flags[flag] = null;
  }
  if (Object.keys(flags).length === 0) refuse(400, "Invalid request: no permission given");
  if (body.unschedule !== false) unschedule(ctx.db, room, target, Object.keys(flags) as never);
  ctx.db.saveUser(target);
  const record = setPermissions(ctx.db, room, target, flags);
  return ok({ ...renderPermissions({ ...record }), session_id: ctx.keys.displayOf(target) });
}

function postFuture(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  ctx.requireModerator(room);
  const target = ctx.keys.remember(parseUserId(ctx.params[1], "session id"));
  const body = ctx.json();
  const flags: { read?: boolean; write?: boolean; upload?: boolean } = {};
  for (const flag of ["read", "write", "upload"] as const) {
    if (body[flag] === undefined) continue;
    if (typeof body[flag] !== "boolean") refuse(400, `Invalid ${flag}: expected a boolean`);
    flags[flag] = body[flag] as boolean;
  }
  if (Object.keys(flags).length === 0) refuse(400, "Invalid request: no permission given");
  const duration = body.in;
  if (typeof duration !== "number" || !(duration > 0 && duration < 1_000_000_000)) {
    refuse(400, "Invalid in: seconds, 0 < in < 1e9");
  }
  ctx.db.saveUser(target);
  schedule(ctx.db, room, target, ctx.now + duration, flags);
  return ok(futureOf(ctx, room, target));
}

function futureOf(ctx: RouteContext, room: RoomRecord, user?: string) {
  return [...ctx.db.future.values()]
    .filter((c) => c.room === room.token && (user === undefined || c.user === user))
    .sort((a, b) => a.at - b.at)
    .map((c) => {
      const out: Record<string, unknown> = { session_id: ctx.keys.displayOf(c.user), at: c.at };
      for (const flag of ["read", "write", "upload"] as const) {
        if (c[flag] !== undefined) out[flag] = c[flag];
      }
      return out;
    });
}

function getPermissions(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  ctx.requireModerator(room);
  if (ctx.params[1] !== undefined) {
    const target = ctx.keys.keyOf(parseUserId(ctx.params[1], "session id"));
    return ok(renderPermissions({ ...ctx.db.roomUsers.get(roomUserKey(room.token, target)) }));
  }
  const prefix = `${room.token}\u0000`;
  const out: Record<string, unknown> = {};
  for (const [key, record] of ctx.db.roomUsers) {
    if (!key.startsWith(prefix)) continue;
    const rendered = renderPermissions({ ...record });
    if (Object.keys(rendered).length) out[ctx.keys.displayOf(key.slice(prefix.length))] = rendered;
  }
  return ok(out);
}

function getFuture(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  ctx.requireModerator(room);
  const user = ctx.params[1] === undefined
    ? undefined
    : ctx.keys.keyOf(parseUserId(ctx.params[1], "session id"));
  return ok(futureOf(ctx, room, user));
}

/** The permission override routes. */
export const permissionRoutes: Route[] = [
  { method: "GET", pattern: "/room/:token/permissions", handler: getPermissions },
  { method: "GET", pattern: "/room/:token/permissions/:sid", handler: getPermissions },
  { method: "POST", pattern: "/room/:token/permissions/:sid", handler: postPermissions },
  { method: "GET", pattern: "/room/:token/futurePermissions", handler: getFuture },
  { method: "GET", pattern: "/room/:token/futurePermissions/:sid", handler: getFuture },
  { method: "POST", pattern: "/room/:token/futurePermissions/:sid", handler: postFuture },
];
