/**
 * General and room routes (pysogs `routes/general.py`, `routes/rooms.py`): capabilities, room
 * list, room info, poll info and room settings.
 *
 * @module
 */
import { ok, type RouteContext } from "../context.ts";
import { refuse } from "../errors.ts";
import { addStanding, renderRoom } from "../render.ts";
import type { Route } from "../router.ts";

/** What `/capabilities` lists (pysogs with blinding required). */
export function capabilitiesOf(requireBlind: boolean): string[] {
  return requireBlind ? ["blind", "reactions", "sogs"] : ["reactions", "sogs"];
}

function capabilities(ctx: RouteContext): Response {
  const caps = capabilitiesOf(ctx.core.limits.requireBlind);
  const required = ctx.query.get("required");
  if (required === null) return ok({ capabilities: caps });
  const missing = required.split(",").filter((c) => c !== "" && !caps.includes(c));
  return missing.length ? ok({ capabilities: caps, missing }, 412) : ok({ capabilities: caps });
}

function rooms(ctx: RouteContext): Response {
  const list = [...ctx.db.rooms.values()]
    .filter((room) => ctx.standing(room).accessible)
    .sort((a, b) => a.token.localeCompare(b.token));
  return ok(list.map((room) => renderRoom(ctx, room, ctx.core.activeUsers(room))));
}

function room(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  if (!ctx.standing(room).accessible) refuse(404, `No such room: ${room.token}`);
  if (ctx.user !== undefined) ctx.core.touch(room, ctx.user);
  return ok(renderRoom(ctx, room, ctx.core.activeUsers(room)));
}

function pollInfo(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  const standing = ctx.requireRead(room);
  if (!/^\d+$/.test(ctx.params[1])) refuse(404, "Not Found");
  const out: Record<string, unknown> = {
    token: room.token,
    active_users: ctx.core.activeUsers(room),
    read: standing.read,
    write: standing.write,
    upload: standing.upload && standing.write,
  };
  addStanding(out, standing, room);
  if (Number(ctx.params[1]) !== room.infoUpdates) {
    out.details = renderRoom(ctx, room, ctx.core.activeUsers(room));
  }
  return ok(out);
}

function update(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  ctx.requireModerator(room, true);
  const body = ctx.json();
  let changed = false;
  if (body.name !== undefined) {
    if (typeof body.name !== "string" || body.name.trim() === "") refuse(400, "Invalid name");
    room.name = body.name;
    changed = true;
  }
  if (body.description !== undefined) {
    if (body.description !== null && typeof body.description !== "string") {
      refuse(400, "Invalid description");
    }
    if (body.description === null) delete room.description;
    else room.description = body.description;
    changed = true;
  }
  if (body.image !== undefined) {
    const file = ctx.db.files.get(Number(body.image));
    if (!file || file.room !== room.token) {
      refuse(406, "Invalid image: upload it to this room first");
    }
    delete file.expiry;
    ctx.db.put(["file", file.id], file);
    room.imageId = file.id;
    changed = true;
  }
  for (const flag of ["read", "accessible", "write", "upload"] as const) {
    const value = body[`default_${flag}`];
    if (value === undefined) continue;
    if (typeof value !== "boolean") refuse(400, `Invalid default_${flag}: expected a boolean`);
    room.defaults[flag] = value;
    changed = true;
  }
  if (changed) {
    room.infoUpdates++;
    ctx.db.saveRoom(room);
  }
  return ok({ info_updates: room.infoUpdates });
}

/** The general and room routes. */
export const roomRoutes: Route[] = [
  { method: "GET", pattern: "/capabilities", handler: capabilities },
  { method: "GET", pattern: "/rooms", handler: rooms },
  { method: "GET", pattern: "/room/:token", handler: room },
  { method: "PUT", pattern: "/room/:token", handler: update },
  { method: "GET", pattern: "/room/:token/pollInfo/:infoUpdates", handler: pollInfo },
];
