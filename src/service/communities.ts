/**
 * Joining the config's community rooms at start. Joining is idempotent: a room joined on an
 * earlier start keeps its cursor (nothing is delivered twice, `history` only matters the first
 * time) and gets the config's options. A room that cannot be joined fails the start, naming
 * `communities[i].link`, unless it was joined before: then the client resumes it anyway, and
 * the failure is only logged. A room the config joined on an earlier start and no longer lists
 * is left (its cursor goes; listing it again starts from then on); rooms joined by code (a
 * plugin calling `client.communities.join`) are not the config's and are left alone.
 *
 * @module
 */
import { CommunityError } from "../client/community/errors.ts";
import { parseJoinLink } from "../client/community/join_link.ts";
import type { Communities, Community } from "../client/community/mod.ts";
import { NetworkError, OnionError, SessionBotError, ValidationError } from "../core/errors.ts";
import type { ServiceCommunity } from "./config_types.ts";

/**
 * Joins every room of `rooms` with `communities`; returns their handles, in order.
 *
 * @throws {ValidationError} `communities[i].link` for a room the server does not have (exit 2);
 *   `NetworkError` when the server cannot be reached (exit 3); `SessionBotError` otherwise.
 * @example
 * ```ts
 * declare const client: SessionClient;
 * const rooms = await joinCommunities(client.communities, config.communities, (message) =>
 *   console.warn(message)
 * );
 * ```
 */
export async function joinCommunities(
  communities: Communities,
  rooms: readonly ServiceCommunity[],
  warn: (message: string, fields: Record<string, unknown>) => void,
  kv?: Deno.Kv,
): Promise<Community[]> {
  const before = await communities.list();
  const listed = (server: string, room: string) =>
    rooms.some((r) => sameRoom({ server, room }, r.link));
  const joinedByConfig = kv ? (await kv.get<string[]>(CONFIG_ROOMS)).value ?? [] : [];
  for (const joined of before) {
    const key = `${joined.server}/${joined.room}`;
    if (!joinedByConfig.includes(key) || listed(joined.server, joined.room)) continue;
    await communities.leave(joined.link);
    warn("left a community room that is no longer in the config", { room: key });
  }
  await kv?.set(CONFIG_ROOMS, rooms.map((r) => keyOf(r.link)));
  const handles: Community[] = [];
  for (const [index, room] of rooms.entries()) {
    const field = `communities[${index}].link`;
    try {
      handles.push(
        await communities.join(room.link, {
          history: room.history,
          transport: room.transport,
          ...(room.pollInterval ? { pollInterval: room.pollInterval } : {}),
        }),
      );
    } catch (error) {
      const joinedBefore = sameRoomIn(before, room.link);
      if (!joinedBefore) throw explain(error, field, room.link);
      // Joined on an earlier start: the client polls it anyway; the options wait for next time.
      warn(`${field}: could not refresh the room, polling it as joined before`, {
        room: `${joinedBefore.server}/${joinedBefore.room}`,
        reason: (error as Error).message,
      });
      handles.push(joinedBefore);
    }
  }
  return handles;
}

/** Where the service remembers the rooms its config joined (`<server>/<room>`). */
const CONFIG_ROOMS: Deno.KvKey = ["service", "config_rooms"];

function keyOf(link: string): string {
  const { server, room } = parseJoinLink(link);
  return `${server}/${room}`;
}

function sameRoom(joined: { server: string; room: string }, link: string): boolean {
  return keyOf(link) === `${joined.server}/${joined.room}`;
}

function sameRoomIn(list: readonly Community[], link: string): Community | undefined {
  return list.find((joined) => sameRoom(joined, link));
}

function explain(error: unknown, field: string, link: string): Error {
  const reason = (error as Error)?.message ?? String(error);
  const message = `${field}: cannot join ${link}: ${reason}`;
  if (error instanceof ValidationError) {
    return new ValidationError(message, error.code, field, { cause: error });
  }
  if (error instanceof CommunityError && error.code === "not_found") {
    return new ValidationError(
      `${message} (check the room token of the link)`,
      "room_not_found",
      field,
      { cause: error },
    );
  }
  if (
    error instanceof NetworkError || error instanceof OnionError ||
    (error instanceof CommunityError && error.retryable)
  ) {
    return new NetworkError(
      `${message}; retry when the server is reachable`,
      "community_unreachable",
      {
        cause: error,
      },
    );
  }
  return new SessionBotError(message, (error as SessionBotError)?.code ?? "join_failed", {
    cause: error,
  });
}
