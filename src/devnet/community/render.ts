/**
 * JSON shapes the server answers with (pysogs `get_messages_for`, `room_info`): messages with
 * their padding restored, reactions summaries, room objects.
 *
 * @module
 */
import { toBase64 } from "../../core/bytes.ts";
import type { CommunityDb } from "./db.ts";
import type { UserKeys } from "./ids.ts";
import type { MessageRecord, RoomRecord } from "./model.ts";
import { moderatorsOf } from "./moderator_lists.ts";
import { type Standing, standingIn } from "./permissions.ts";

/** What rendering needs besides the records. */
export interface RenderContext {
  readonly db: CommunityDb;
  readonly keys: UserKeys;
  /** Requesting user's key, if authenticated. */
  readonly user?: string;
  /** Server time, unix seconds. */
  readonly now: number;
}

/** Restores the Session padding pysogs strips on store: `0x80`, then zeros, to `size` bytes. */
export function repad(data: Uint8Array, size: number): Uint8Array {
  if (size <= data.length) return data;
  const out = new Uint8Array(size);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** The reactions summary of a message: `{emoji: {index, count, reactors?, you?}}`. */
export function reactionsOf(
  ctx: RenderContext,
  messageId: number,
  reactorLimit: number,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const byEmoji = new Map<string, { user: string }[]>();
  for (const reaction of ctx.db.reactions.get(messageId) ?? []) {
    const list = byEmoji.get(reaction.emoji) ?? [];
    list.push(reaction);
    byEmoji.set(reaction.emoji, list);
  }
  let index = 0;
  for (const [emoji, list] of byEmoji) {
    const entry: Record<string, unknown> = { index: index++, count: list.length };
    if (reactorLimit > 0) {
      entry.reactors = list.slice(0, reactorLimit).map((r) => ctx.keys.displayOf(r.user));
    }
    if (ctx.user !== undefined && list.some((r) => r.user === ctx.user)) entry.you = true;
    out[emoji] = entry;
  }
  return out;
}

/** A message as the API returns it (a tombstone for deleted ones). */
export function renderMessage(
  ctx: RenderContext,
  m: MessageRecord,
  reactorLimit: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: m.id,
    session_id: m.sessionId,
    posted: m.posted,
    seqno: m.seqno,
  };
  if (m.data === undefined) {
    out.data = null;
    out.deleted = true;
  } else {
    out.data = toBase64(repad(m.data, m.dataSize ?? m.data.length));
    out.signature = toBase64(m.signature!);
  }
  if (m.edited !== undefined) out.edited = m.edited;
  if (m.whisperTo !== undefined || m.whisperMods) {
    out.whisper = true;
    out.whisper_mods = m.whisperMods;
    if (m.whisperTo !== undefined) out.whisper_to = ctx.keys.displayOf(m.whisperTo);
  }
  if (m.data !== undefined) out.reactions = reactionsOf(ctx, m.id, reactorLimit);
  return out;
}

/** True when `m` is visible to the requester (whisper rules of pysogs). */
export function visible(m: MessageRecord, user: string | undefined, moderator: boolean): boolean {
  if (m.whisperTo === undefined && !m.whisperMods) return true;
  if (user === undefined) return false;
  if (m.whisperTo === user) return true;
  return moderator && (m.whisperMods || m.user === user);
}

const WEEK = 7 * 24 * 60 * 60;

/** The room object of `GET /room/:token` for the requesting user. */
export function renderRoom(
  ctx: RenderContext,
  room: RoomRecord,
  activeUsers: number,
): Record<string, unknown> {
  const standing = standingIn(ctx.db, room, ctx.user);
  const mods = moderatorsOf(ctx, room);
  const out: Record<string, unknown> = {
    token: room.token,
    name: room.name,
    info_updates: room.infoUpdates,
    message_sequence: room.sequence,
    created: room.created,
    active_users: activeUsers,
    active_users_cutoff: WEEK,
    moderators: mods.moderators,
    admins: mods.admins,
    read: standing.read,
    write: standing.write,
    upload: standing.upload && standing.write,
  };
  if (room.description !== undefined) out.description = room.description;
  if (room.imageId !== undefined) out.image_id = room.imageId;
  if (room.pins.length > 0) {
    out.pinned_messages = room.pins.map((p) => ({
      id: p.id,
      pinned_at: p.pinnedAt,
      pinned_by: ctx.keys.displayOf(p.pinnedBy),
    }));
  }
  addStanding(out, standing, room);
  if (standing.moderator) {
    out.hidden_moderators = mods.hiddenModerators;
    out.hidden_admins = mods.hiddenAdmins;
  }
  return out;
}

/** Adds the moderator-only flags pysogs includes (`moderator`, `default_*`, …). */
export function addStanding(
  out: Record<string, unknown>,
  standing: Standing,
  room: RoomRecord,
): void {
  if (!standing.moderator) return;
  out.moderator = true;
  if (standing.admin) out.admin = true;
  if (standing.globalModerator) out.global_moderator = true;
  if (standing.globalAdmin) out.global_admin = true;
  out.default_read = room.defaults.read;
  out.default_accessible = room.defaults.accessible;
  out.default_write = room.defaults.write;
  out.default_upload = room.defaults.upload;
}
