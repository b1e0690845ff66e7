/**
 * Reactions and pins (pysogs `routes/messages.py`): add/remove own reaction, moderators clear
 * reactions, list reactors; admins pin and unpin. Reaction changes take a new seqno.
 *
 * @module
 */
import { intParam, ok, type RouteContext } from "../context.ts";
import { refuse } from "../errors.ts";
import type { MessageRecord, RoomRecord } from "../model.ts";
import type { Route } from "../router.ts";
import { liveMessage } from "./messages.ts";

function target(ctx: RouteContext): { room: RoomRecord; message: MessageRecord; emoji: string } {
  ctx.requireUser();
  const room = ctx.room(ctx.params[0]);
  ctx.requireRead(room);
  const emoji = ctx.params[2];
  const length = [...emoji].length;
  if (length < 1 || length > 12) refuse(400, "Invalid reaction: 1 to 12 Unicode code points");
  const message = liveMessage(ctx, room, ctx.params[1]);
  // pysogs reacts only to regular messages: whispers count as missing.
  if (message.whisperTo !== undefined || message.whisperMods) {
    refuse(404, `No such message: ${ctx.params[1]}`);
  }
  return { room, message, emoji };
}

function changed(ctx: RouteContext, room: RoomRecord, message: MessageRecord): void {
  message.seqno = message.seqnoReactions = ctx.core.nextSeqno(room);
  ctx.db.saveMessage(message);
}

function react(ctx: RouteContext): Response {
  const { room, message, emoji } = target(ctx);
  const user = ctx.user!;
  const list = ctx.db.reactions.get(message.id) ?? [];
  if (list.some((r) => r.emoji === emoji && r.user === user)) {
    return ok({ added: false, seqno: message.seqno });
  }
  const reaction = { emoji, user, at: ctx.now, order: ++ctx.db.counters.reaction };
  ctx.db.saveCounters();
  list.push(reaction);
  ctx.db.reactions.set(message.id, list);
  ctx.db.put(["react", message.id, emoji, user], { at: reaction.at, order: reaction.order });
  changed(ctx, room, message);
  return ok({ added: true, seqno: message.seqno });
}

function unreact(ctx: RouteContext): Response {
  const { room, message, emoji } = target(ctx);
  const list = ctx.db.reactions.get(message.id) ?? [];
  const kept = list.filter((r) => !(r.emoji === emoji && r.user === ctx.user));
  if (kept.length === list.length) return ok({ removed: false, seqno: message.seqno });
  ctx.db.reactions.set(message.id, kept);
  ctx.db.put(["react", message.id, emoji, ctx.user!], undefined);
  changed(ctx, room, message);
  return ok({ removed: true, seqno: message.seqno });
}

function clear(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  ctx.requireModerator(room);
  const message = liveMessage(ctx, room, ctx.params[1]);
  const emoji = ctx.params[2];
  const list = ctx.db.reactions.get(message.id) ?? [];
  const gone = list.filter((r) => emoji === undefined || r.emoji === emoji);
  if (gone.length > 0) {
    ctx.db.reactions.set(message.id, list.filter((r) => !gone.includes(r)));
    for (const r of gone) ctx.db.put(["react", message.id, r.emoji, r.user], undefined);
    changed(ctx, room, message);
  }
  return ok({ removed: gone.length, seqno: message.seqno });
}

function reactors(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  ctx.requireRead(room);
  const message = liveMessage(ctx, room, ctx.params[1]);
  const limit = intParam(ctx.query, "limit", 0, -1, Number.MAX_SAFE_INTEGER);
  const list = (ctx.db.reactions.get(message.id) ?? []).filter((r) => r.emoji === ctx.params[2]);
  return ok(
    list.slice(0, limit > 0 ? limit : undefined).map((r) => [ctx.keys.displayOf(r.user), r.at]),
  );
}

function pin(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  const admin = ctx.requireModerator(room, true);
  const message = liveMessage(ctx, room, ctx.params[1]);
  if (message.whisperTo !== undefined || message.whisperMods) {
    refuse(404, "Whispers cannot be pinned");
  }
  room.pins = [
    ...room.pins.filter((p) => p.id !== message.id),
    { id: message.id, pinnedAt: ctx.now, pinnedBy: admin },
  ];
  room.infoUpdates++;
  ctx.db.saveRoom(room);
  return ok({ info_updates: room.infoUpdates });
}

function unpin(ctx: RouteContext, all: boolean): Response {
  const room = ctx.room(ctx.params[0]);
  ctx.requireModerator(room, true);
  const before = room.pins.length;
  room.pins = all ? [] : room.pins.filter((p) => String(p.id) !== ctx.params[1]);
  const count = before - room.pins.length;
  if (count > 0) {
    room.infoUpdates++;
    ctx.db.saveRoom(room);
  }
  return ok({ unpinned: all ? count : count > 0, info_updates: room.infoUpdates });
}

/** Reaction and pin routes (`unpin/all` before `unpin/:id`). */
export const reactionRoutes: Route[] = [
  { method: "PUT", pattern: "/room/:token/reaction/:id/*", handler: react },
  { method: "DELETE", pattern: "/room/:token/reaction/:id/*", handler: unreact },
  { method: "DELETE", pattern: "/room/:token/reactions/:id", handler: clear },
  { method: "DELETE", pattern: "/room/:token/reactions/:id/*", handler: clear },
  { method: "GET", pattern: "/room/:token/reactors/:id/*", handler: reactors },
  { method: "POST", pattern: "/room/:token/pin/:id", handler: pin },
  { method: "POST", pattern: "/room/:token/unpin/all", handler: (c) => unpin(c, true) },
  { method: "POST", pattern: "/room/:token/unpin/:id", handler: (c) => unpin(c, false) },
];
