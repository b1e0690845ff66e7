/**
 * Who moderates a room, as its server says (room moderators and admins, global ones included
 * when the server lists them). A polled room's `details()` are used as they are; otherwise
 * (not polled yet, a stand-in) `Community.info()` is cached per room and refreshed lazily:
 * the list is fetched when a verdict needs it and is older than `refreshMs`. A failed fetch
 * keeps the last known list (none at first) and is logged once until a fetch succeeds again.
 *
 * @module
 */
import type { BotLogger, Community, RoomInfo } from "../../bot/mod.ts";
import { sameCommunityUser } from "./exempt.ts";

/** Options of {@link createModeratorCache}. */
export interface ModeratorCacheOptions {
  /** How long a fetched list is trusted, ms (default 60 s). */
  readonly refreshMs?: number;
  /** Where a failed fetch is reported. */
  readonly log: BotLogger;
  /** The clock, ms (default `Date.now`). */
  readonly now?: () => number;
}

/** Per-room moderator lists. */
export interface ModeratorCache {
  /** Whether `user` moderates or administers `community` (by the abs rule). */
  isModerator(community: Community, user: string): Promise<boolean>;
}

interface RoomEntry {
  ids: readonly string[];
  fetchedAt: number;
  failing: boolean;
  pending?: Promise<void>;
}

/** Moderators and admins of `info`; a stand-in or an old server may omit the lists ("none"). */
function idsOf(info: RoomInfo): string[] {
  return [...(info.moderators ?? []), ...(info.admins ?? [])]
    .filter((id): id is string => typeof id === "string")
    .map((id) => id.toLowerCase());
}

/**
 * Creates an empty cache.
 *
 * @example
 * ```ts
 * import type { BotLogger, Community, RoomInfo } from "../../bot/mod.ts";
 * import { createModeratorCache } from "./moderators.ts";
 *
 * declare const log: BotLogger, room: Community;
 * const moderators = createModeratorCache({ log, refreshMs: 60_000 });
 * await moderators.isModerator(room, "15" + "ab".repeat(32)); // false unless listed
 * ```
 */
export function createModeratorCache(options: ModeratorCacheOptions): ModeratorCache {
  const refreshMs = options.refreshMs ?? 60_000;
  const now = options.now ?? Date.now;
  const rooms = new Map<string, RoomEntry>();

  async function refresh(community: Community, entry: RoomEntry): Promise<void> {
    try {
      entry.ids = idsOf(await community.info());
      entry.failing = false;
    } catch (error) {
      if (!entry.failing) {
        entry.failing = true;
        options.log.warn(
          "moderation: could not read the room's moderators; using the last known list " +
            "(moderators may be moderated until it can be read again)",
          { room: `${community.server}/${community.room}`, error },
        );
      }
    } finally {
      entry.fetchedAt = now(); // failed too: do not ask the server on every post
    }
  }

  return {
    async isModerator(community, user) {
      const from = user.toLowerCase();
      // The poller keeps the room's details current (refreshed whenever the server says they
      // changed): no request, and a new moderator counts from the next poll on.
      const live = community.details?.();
      if (live) {
        return idsOf(live).some((id) => sameCommunityUser(id, from, community.publicKey));
      }
      const key = `${community.server}/${community.room}`;
      let entry = rooms.get(key);
      if (!entry) rooms.set(key, entry = { ids: [], fetchedAt: -Infinity, failing: false });
      if (now() - entry.fetchedAt >= refreshMs) {
        // One fetch per room at a time: posts arriving meanwhile wait for it.
        const current = entry;
        current.pending ??= refresh(community, current).finally(() => current.pending = undefined);
        await current.pending;
      }
      return entry.ids.some((id) => sameCommunityUser(id, from, community.publicKey));
    },
  };
}
