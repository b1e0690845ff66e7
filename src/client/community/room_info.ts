/**
 * Reading a room object (pysogs `GET /room/:token`) into a {@link RoomInfo}; times in ms.
 *
 * @module
 */
import { NetworkError } from "../../core/errors.ts";
import type { PinnedMessage, RoomInfo } from "./types.ts";

const num = (v: unknown, fallback = 0) =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback;
const ms = (v: unknown) => Math.round(num(v) * 1000);
const ids = (v: unknown) => Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];

/**
 * Reads a room object; anything but an object with a string `token` is a `bad_reply`.
 *
 * @example
 * ```ts
 * readRoomInfo({ token: "lobby", name: "Lobby", message_sequence: 3 }).messageSequence; // 3
 * ```
 */
export function readRoomInfo(value: unknown): RoomInfo {
  if (
    typeof value !== "object" || value === null ||
    typeof (value as { token?: unknown }).token !== "string"
  ) {
    throw new NetworkError("the community server's room object has no token", "bad_reply");
  }
  const r = value as Record<string, unknown>;
  const pins: PinnedMessage[] = Array.isArray(r.pinned_messages)
    ? r.pinned_messages.map((p) => ({
      id: num(p?.id),
      pinnedAt: ms(p?.pinned_at),
      pinnedBy: typeof p?.pinned_by === "string" ? p.pinned_by : "",
    }))
    : [];
  return {
    token: r.token as string,
    name: typeof r.name === "string" ? r.name : r.token as string,
    ...(typeof r.description === "string" ? { description: r.description } : {}),
    infoUpdates: num(r.info_updates),
    messageSequence: num(r.message_sequence),
    created: ms(r.created),
    activeUsers: num(r.active_users),
    ...(typeof r.image_id === "number" ? { imageId: r.image_id } : {}),
    pinnedMessages: pins,
    moderators: [...ids(r.moderators), ...ids(r.hidden_moderators)],
    admins: [...ids(r.admins), ...ids(r.hidden_admins)],
    read: r.read !== false,
    write: r.write !== false,
    upload: r.upload !== false,
    moderator: r.moderator === true,
    admin: r.admin === true,
    globalModerator: r.global_moderator === true,
    globalAdmin: r.global_admin === true,
  };
}
