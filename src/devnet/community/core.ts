/**
 * The server's shared machinery behind the routes: the seqno counter, activity tracking for
 * `active_users`, the posting rate limit (pysogs: 5 posts per 16 s per user and room, admins
 * exempt, 429), and sub-requests for `/batch` and `/sequence`.
 *
 * @module
 */
import type { AuthUser } from "./auth.ts";
import {
  type CommunityCore,
  type CommunityLimits,
  routeContext,
  type SubRequest,
} from "./context.ts";
import type { CommunityDb } from "./db.ts";
import { errorResponse, refuse } from "./errors.ts";
import { createRoomFiles } from "./files.ts";
import { createUserKeys } from "./ids.ts";
import type { RoomRecord } from "./model.ts";
import type { Router } from "./router.ts";

const WEEK = 7 * 86400;

/** Builds the core of a server over `db`. */
export function createCore(parts: {
  db: CommunityDb;
  publicKey: string;
  limits: CommunityLimits;
  now: () => number;
  router: Router;
}): CommunityCore {
  const { db, limits, now } = parts;
  const keys = createUserKeys(parts.publicKey, db.users);
  const active = new Map<string, Map<string, number>>();
  const posts = new Map<string, number[]>();

  const core: CommunityCore = {
    db,
    keys,
    limits,
    publicKey: parts.publicKey,
    now,
    files: createRoomFiles(db),
    nextSeqno(room: RoomRecord) {
      room.sequence++;
      db.saveRoom(room);
      return room.sequence;
    },
    touch(room, user) {
      const users = active.get(room.token) ?? new Map<string, number>();
      users.set(user, now() / 1000);
      active.set(room.token, users);
    },
    activeUsers(room) {
      const cutoff = now() / 1000 - WEEK;
      return [...active.get(room.token)?.values() ?? []].filter((t) => t >= cutoff).length;
    },
    rateLimit(room, user, admin) {
      if (admin || limits.rateLimitSize <= 0) return;
      const key = `${room.token}\u0000${user}`;
      const since = now() / 1000 - limits.rateLimitInterval;
      const recent = (posts.get(key) ?? []).filter((t) => t >= since);
      if (recent.length >= limits.rateLimitSize) {
        posts.set(key, recent);
        refuse(429, "Rate limited: too many posts, slow down and try again shortly");
      }
      recent.push(now() / 1000);
      posts.set(key, recent);
    },
    async subrequest(request: SubRequest, user: AuthUser | undefined) {
      try {
        const { handler, params } = parts.router.match(request.method, request.path);
        return await handler(routeContext(core, request, user, params));
      } catch (error) {
        return errorResponse(error);
      }
    },
  };
  return core;
}
