/**
 * What the poller knows of a room between rounds: its details (name, moderators, pins…) and
 * our standing in it (read, write, upload, moderator), as Session apps keep them. Each round
 * asks `pollInfo/<info_updates>`: the standing and active users always, the full details only
 * when `info_updates` moved. Before any details are known the round reads the room itself.
 *
 * @module
 */
import { readRoomInfo } from "./room_info.ts";
import type { RoomInfo } from "./types.ts";

/** One room's last known details. */
export interface RoomDetails {
  /** The details, or undefined before the first answer. */
  get(): RoomInfo | undefined;
  /** The request path that refreshes them: `pollInfo/<n>`, or the room itself at first. */
  path(room: string): string;
  /** Takes a `pollInfo` answer or a room object; returns whether the details changed. */
  apply(answer: unknown): boolean;
}

/** Standing fields a `pollInfo` answer carries at its top level. */
const STANDING = [
  ["read", "read"],
  ["write", "write"],
  ["upload", "upload"],
  ["moderator", "moderator"],
  ["admin", "admin"],
  ["global_moderator", "globalModerator"],
  ["global_admin", "globalAdmin"],
] as const;

/**
 * Creates the holder, optionally with the details read when the room was joined.
 *
 * @example
 * ```ts
 * const details = createRoomDetails();
 * details.path("lobby"); // "/room/lobby"
 * details.apply({ token: "lobby", name: "Lobby", info_updates: 3 });
 * details.path("lobby"); // "/room/lobby/pollInfo/3"
 * ```
 */
export function createRoomDetails(initial?: RoomInfo): RoomDetails {
  let info = initial;

  function apply(answer: unknown): boolean {
    if (typeof answer !== "object" || answer === null) return false;
    const a = answer as Record<string, unknown>;
    // A room object (first read) or pollInfo with `details` (info_updates moved).
    const full = "details" in a ? a.details : "info_updates" in a ? a : undefined;
    let changed = false;
    if (full !== undefined) {
      info = readRoomInfo(full);
      changed = true;
    }
    if (!info) return changed;
    const next: Record<string, unknown> = { ...info };
    for (const [wire, field] of STANDING) {
      if (typeof a[wire] === "boolean" && a[wire] !== next[field]) {
        next[field] = a[wire];
        changed = true;
      }
    }
    if (typeof a.active_users === "number") next.activeUsers = a.active_users;
    info = next as unknown as RoomInfo;
    return changed;
  }

  return {
    get: () => info,
    path: (room) => info ? `/room/${room}/pollInfo/${info.infoUpdates}` : `/room/${room}`,
    apply,
  };
}
