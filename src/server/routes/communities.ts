/**
 * `GET /v1/communities`: the rooms the service has joined and, per room, what its last poll
 * said — name, active users, and our standing (may we read, write, upload; are we a moderator).
 * For operators: is the bot still in its rooms, and has it been muted?
 *
 * @module
 */
import { Hono } from "hono";
import type { Community } from "../../client/community/mod.ts";
import type { RouteDeps, ServerEnv } from "../deps.ts";

/** One joined room as the API lists it. */
export interface RoomListing {
  readonly server: string;
  readonly room: string;
  readonly link: string;
  /** Our blinded (15) ID there. */
  readonly me: string;
  /** From the last poll; absent until the room was read once. */
  readonly name?: string;
  readonly activeUsers?: number;
  readonly read?: boolean;
  readonly write?: boolean;
  readonly upload?: boolean;
  readonly moderator?: boolean;
  readonly admin?: boolean;
}

/**
 * The communities route.
 *
 * @example
 * ```ts
 * declare const deps: RouteDeps;
 * const app = new Hono().route("/", communityRoutes(deps));
 * ```
 */
export function communityRoutes(deps: RouteDeps): Hono<ServerEnv> {
  const { client } = deps.config;
  const app = new Hono<ServerEnv>();
  app.get("/v1/communities", async (c) => {
    const rooms = client.communities ? await client.communities.list() : [];
    return c.json({ rooms: rooms.map(listingOf) });
  });
  return app;
}

function listingOf(community: Community): RoomListing {
  const details = community.details?.();
  return {
    server: community.server,
    room: community.room,
    link: community.link,
    me: community.me,
    ...(details
      ? {
        name: details.name,
        activeUsers: details.activeUsers,
        read: details.read,
        write: details.write,
        upload: details.upload,
        moderator: details.moderator || details.globalModerator,
        admin: details.admin || details.globalAdmin,
      }
      : {}),
  };
}
