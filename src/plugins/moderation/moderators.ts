/**
 * Who moderates a room, as its server says (`Community.info()`: room moderators and admins,
 * global ones included when the server lists them), cached per room and refreshed lazily:
 * the list is fetched when a verdict needs it and is older than `refreshMs`. A failed fetch
 * keeps the last known list (none at first) and is logged once until a fetch succeeds again.
 *
 * @module
 */
import type { BotLogger, Community } from "../../bot/mod.ts";
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

/**
 * Creates an empty cache.
 *
 * @example
 * ```ts
 * import type { BotLogger, Community } from "../../bot/mod.ts";
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
      const info = await community.info();
      // A stand-in or an old server may omit the lists: treat that as "none".
      entry.ids = [...(info.moderators ?? []), ...(info.admins ?? [])]
        .filter((id): id is string => typeof id === "string")
        .map((id) => id.toLowerCase());
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
      const key = `${community.server}/${community.room}`;
      let entry = rooms.get(key);
      if (!entry) rooms.set(key, entry = { ids: [], fetchedAt: -Infinity, failing: false });
      if (now() - entry.fetchedAt >= refreshMs) {
        // One fetch per room at a time: posts arriving meanwhile wait for it.
        const current = entry;
        current.pending ??= refresh(community, current).finally(() => current.pending = undefined);
        await current.pending;
      }
      const from = user.toLowerCase();
      return entry.ids.some((id) => sameCommunityUser(id, from, community.publicKey));
    },
  };
}
