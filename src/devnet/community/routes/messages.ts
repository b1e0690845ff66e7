/**
 * Message routes (pysogs `routes/messages.py`): polling by seqno, recent, before, single, post,
 * edit and delete. Every change takes the room's next seqno, so `since` sees edits and deletions.
 *
 * @module
 */
import { intParam, ok, type RouteContext } from "../context.ts";
import { refuse } from "../errors.ts";
import type { MessageRecord, RoomRecord } from "../model.ts";
import { checkPostBody } from "../post_checks.ts";
import { renderMessage, visible } from "../render.ts";
import type { Route } from "../router.ts";
import { ownFiles } from "./files.ts";

const reactorLimit = (ctx: RouteContext) => intParam(ctx.query, "reactors", 4, 0, 20);
const limitOf = (ctx: RouteContext) => intParam(ctx.query, "limit", 100, 1, 256);

function roomMessages(ctx: RouteContext, room: RoomRecord): MessageRecord[] {
  const ids = ctx.db.roomMessages.get(room.token) ?? [];
  return ids.map((id) => ctx.db.messages.get(id)!);
}

/** The live (not deleted) message `id` of `room`, else 404. */
export function liveMessage(ctx: RouteContext, room: RoomRecord, id: string): MessageRecord {
  const message = /^\d+$/.test(id) ? ctx.db.messages.get(Number(id)) : undefined;
  if (!message || message.room !== room.token || message.data === undefined) {
    refuse(404, `No such message: ${id}`);
  }
  return message;
}

function since(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  const { moderator } = ctx.requireRead(room);
  if (!/^\d+$/.test(ctx.params[1])) refuse(404, "Not Found");
  const seqno = Number(ctx.params[1]);
  const withReactions = (ctx.query.get("t") ?? "").includes("r");
  const reactors = reactorLimit(ctx);
  const updates = roomMessages(ctx, room)
    .filter((m) =>
      m.seqno > seqno && (withReactions || m.seqnoData > seqno) &&
      (m.data !== undefined || m.seqnoCreation <= seqno) && visible(m, ctx.user, moderator)
    )
    .sort((a, b) => a.seqno - b.seqno)
    .slice(0, limitOf(ctx));
  return ok(updates.map((m) => {
    if (withReactions && seqno > 0 && m.seqnoReactions > seqno && seqno >= m.seqnoData) {
      return { id: m.id, seqno: m.seqno, reactions: renderMessage(ctx, m, reactors).reactions };
    }
    return renderMessage(ctx, m, reactors);
  }));
}

function newestFirst(ctx: RouteContext, before?: number): Response {
  const room = ctx.room(ctx.params[0]);
  const { moderator } = ctx.requireRead(room);
  const reactors = reactorLimit(ctx);
  const list = roomMessages(ctx, room)
    .filter((m) =>
      m.data !== undefined && (before === undefined || m.id < before) &&
      visible(m, ctx.user, moderator)
    )
    .reverse()
    .slice(0, limitOf(ctx));
  return ok(list.map((m) => renderMessage(ctx, m, reactors)));
}

function single(ctx: RouteContext): Response {
  const room = ctx.room(ctx.params[0]);
  const { moderator } = ctx.requireRead(room);
  const message = liveMessage(ctx, room, ctx.params[1]);
  if (!visible(message, ctx.user, moderator)) refuse(404, `No such message: ${ctx.params[1]}`);
  return ok(renderMessage(ctx, message, reactorLimit(ctx)));
}

function post(ctx: RouteContext): Response {
  const user = ctx.requireUser();
  const room = ctx.room(ctx.params[0]);
  const standing = ctx.standing(room);
  if (!standing.write) refuse(403, "This endpoint requires room 'write' permission");
  const body = ctx.json();
  const { data, signature, files } = checkPostBody(body, ctx.auth!.id, ctx.core.limits);
  const whisperMods = Boolean(body.whisper_mods);
  let whisperTo: string | undefined;
  if (body.whisper_to !== undefined && body.whisper_to !== null) {
    if (
      typeof body.whisper_to !== "string" || !/^(05|15|25)[0-9a-fA-F]{64}$/.test(body.whisper_to)
    ) {
      refuse(400, "Invalid whisper_to: expected a session id");
    }
    whisperTo = ctx.keys.remember(body.whisper_to.toLowerCase());
  }
  if ((whisperTo || whisperMods) && !standing.moderator) {
    refuse(403, "Only moderators may post whispers");
  }
  ctx.core.rateLimit(room, user, standing.admin);
  ctx.core.touch(room, user);
  const { db } = ctx;
  const id = ++db.counters.message;
  db.saveCounters();
  const seqno = ctx.core.nextSeqno(room);
  const unpadded = unpad(data);
  const message: MessageRecord = {
    id,
    room: room.token,
    user,
    sessionId: ctx.auth!.id,
    posted: ctx.now,
    seqno,
    seqnoData: seqno,
    seqnoReactions: 0,
    seqnoCreation: seqno,
    data: unpadded,
    dataSize: data.length,
    signature,
    whisperTo,
    whisperMods,
  };
  db.messages.set(id, message);
  db.roomMessages.set(room.token, [...db.roomMessages.get(room.token) ?? [], id]);
  db.saveMessage(message);
  ownFiles(ctx, room, id, files, user);
  return ok(renderMessage(ctx, message, 0), 201);
}

function edit(ctx: RouteContext): Response {
  const user = ctx.requireUser();
  const room = ctx.room(ctx.params[0]);
  if (!ctx.standing(room).write) refuse(403, "This endpoint requires room 'write' permission");
  const body = ctx.json();
  const { data, signature, files } = checkPostBody(body, ctx.auth!.id, ctx.core.limits);
  const message = liveMessage(ctx, room, ctx.params[1]);
  if (message.user !== user) refuse(403, "Only the author may edit a message");
  const seqno = ctx.core.nextSeqno(room);
  Object.assign(message, {
    data: unpad(data),
    dataSize: data.length,
    signature,
    edited: ctx.now,
    seqno,
    seqnoData: seqno,
  });
  ctx.db.saveMessage(message);
  ownFiles(ctx, room, message.id, files, user);
  return ok({});
}

function remove(ctx: RouteContext): Response {
  const user = ctx.requireUser();
  const room = ctx.room(ctx.params[0]);
  const message = liveMessage(ctx, room, ctx.params[1]);
  if (message.user !== user && !ctx.standing(room).moderator) {
    refuse(403, "Only the author or a moderator may delete a message");
  }
  deleteMessage(ctx, room, message);
  return ok({});
}

/** Turns `message` into a tombstone: no data, no reactions, unpinned, a new seqno. */
export function deleteMessage(ctx: RouteContext, room: RoomRecord, message: MessageRecord): void {
  const seqno = ctx.core.nextSeqno(room);
  delete message.data;
  delete message.dataSize;
  delete message.signature;
  message.seqno = message.seqnoData = seqno;
  for (const r of ctx.db.reactions.get(message.id) ?? []) {
    ctx.db.put(["react", message.id, r.emoji, r.user], undefined);
  }
  ctx.db.reactions.delete(message.id);
  ctx.db.saveMessage(message);
  if (room.pins.some((p) => p.id === message.id)) {
    room.pins = room.pins.filter((p) => p.id !== message.id);
    room.infoUpdates++;
    ctx.db.saveRoom(room);
  }
  for (const file of ctx.db.files.values()) {
    if (file.message === message.id) ctx.core.files.expire(file);
  }
}

/** Session padding removal as pysogs does on store: trailing zeros, then one `0x80`. */
function unpad(data: Uint8Array): Uint8Array {
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  return end > 0 && data[end - 1] === 0x80 ? data.slice(0, end - 1) : data.slice();
}

/** The message routes. */
export const messageRoutes: Route[] = [
  { method: "GET", pattern: "/room/:token/messages/since/:seqno", handler: since },
  { method: "GET", pattern: "/room/:token/messages/recent", handler: (c) => newestFirst(c) },
  {
    method: "GET",
    pattern: "/room/:token/messages/before/:id",
    handler: (c) => {
      if (!/^\d+$/.test(c.params[1])) refuse(404, "Not Found");
      return newestFirst(c, Number(c.params[1]));
    },
  },
  { method: "GET", pattern: "/room/:token/message/:id", handler: single },
  { method: "POST", pattern: "/room/:token/message", handler: post },
  { method: "PUT", pattern: "/room/:token/message/:id", handler: edit },
  { method: "DELETE", pattern: "/room/:token/message/:id", handler: remove },
];
