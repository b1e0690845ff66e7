/**
 * How a bot meets communities: which events are community events, where their room's handle
 * is (`ctx.community`), and which posts are the bot's own (the "abs" rule over both blind15
 * candidates of its Session ID, plus blind25 and the plain ID).
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import { blind15Ids, blinded25Id } from "../crypto/mod.ts";
import type { BotClient } from "./client.ts";
import type { BotCommunities, Community } from "./community_handle.ts";
import type {
  CommunityDmEvent,
  CommunityEventMap,
  CommunityMessageEvent,
  CommunityRoomRef,
} from "./community_events.ts";

/** Any community event. */
export type CommunityEvent = CommunityEventMap[keyof CommunityEventMap];

/** A community event that carries text: a room post or a blinded DM. */
export type CommunityTextEvent = CommunityMessageEvent | CommunityDmEvent;

/** The community event types, in the order the bot subscribes to them. */
export const COMMUNITY_EVENT_TYPES: readonly (keyof CommunityEventMap)[] = Object.freeze(
  [
    "community:message",
    "community:reaction",
    "community:deletion",
    "community:dm",
  ] as const,
);

/**
 * Whether `event` happened on a community (its type starts with `community:`).
 *
 * @example
 * ```ts
 * import { isCommunityEvent } from "./community.ts";
 *
 * isCommunityEvent({ type: "community:dm" }); // true
 * isCommunityEvent({ type: "message" }); // false
 * ```
 */
export function isCommunityEvent(event: { readonly type: string }): event is CommunityEvent {
  return event.type.startsWith("community:");
}

/**
 * The join link of `room`: `<server>/<room>?public_key=<hex>`.
 *
 * @example
 * ```ts
 * import { communityLink } from "./community.ts";
 *
 * communityLink({ server: "http://127.0.0.1:3010", room: "lobby", publicKey: "ab".repeat(32) });
 * // "http://127.0.0.1:3010/lobby?public_key=abab…"
 * ```
 */
export function communityLink(room: CommunityRoomRef): string {
  return `${room.server.replace(/\/+$/, "")}/${room.room}?public_key=${room.publicKey}`;
}

/**
 * The handle of the room `room` on `client` (what `ctx.community` returns). Throws a
 * `ValidationError` saying what to do when the client has no communities or left the room.
 *
 * @example
 * ```ts
 * import type { BotClient } from "./client.ts";
 * import { findCommunity } from "./community.ts";
 *
 * declare const client: BotClient;
 * const lobby = findCommunity(client, {
 *   server: "http://127.0.0.1:3010",
 *   room: "lobby",
 *   publicKey: "ab".repeat(32),
 * });
 * await lobby.post("hello, room");
 * ```
 */
export function findCommunity(client: BotClient, room: CommunityRoomRef): Community {
  const communities: BotCommunities | undefined = client.communities;
  if (!communities || typeof communities.get !== "function") {
    throw new ValidationError(
      "this bot's client has no communities: run the bot on a SessionClient " +
        "(or give your BotClient a `communities` with get(link))",
      "unsupported",
      "client",
    );
  }
  const link = communityLink(room);
  const community = communities.get(link);
  if (!community) {
    throw new ValidationError(
      `the bot is not in the room ${room.server}/${room.room} (any more): ` +
        `join it with client.communities.join(link) before handling its events`,
      "not_joined",
      "community",
    );
  }
  return community;
}

/**
 * A check for "is this community event the bot's own?": `outgoing`, or `from` is one of the
 * bot's IDs on that server (both blind15 sign candidates, blind25, or its Session ID). The
 * candidates are computed once per server.
 *
 * @example
 * ```ts
 * import { createSelfCheck } from "./community.ts";
 *
 * declare const me: string; // the bot's 05… Session ID
 * declare const event: import("./community.ts").CommunityEvent;
 * const isOwn = createSelfCheck(me);
 * if (isOwn(event)) console.log("skip: we posted that");
 * ```
 */
export function createSelfCheck(sessionId: string): (event: CommunityEvent) => boolean {
  const byServer = new Map<string, ReadonlySet<string>>();
  const idsOn = (publicKey: string): ReadonlySet<string> => {
    let ids = byServer.get(publicKey);
    if (!ids) {
      try {
        ids = new Set([
          sessionId,
          ...blind15Ids(sessionId, publicKey),
          blinded25Id(sessionId, publicKey),
        ]);
      } catch {
        ids = new Set([sessionId]); // not a real key (a test double's ID): nothing to blind
      }
      byServer.set(publicKey, ids);
    }
    return ids;
  };
  return function isOwn(event) {
    if (event.outgoing) return true;
    if (typeof event.from !== "string" || !event.room) return false;
    return idsOn(event.room.publicKey.toLowerCase()).has(event.from.toLowerCase());
  };
}

/**
 * The text of an event that may carry one: a 1:1 message, a room post or a community DM.
 *
 * @example
 * ```ts
 * import { textOf } from "./community.ts";
 *
 * textOf({ type: "community:message", body: "/rules" }); // "/rules"
 * textOf({ type: "reaction" }); // undefined
 * ```
 */
export function textOf(
  event: { readonly type: string; readonly body?: unknown },
): string | undefined {
  switch (event.type) {
    case "message":
    case "community:message":
    case "community:dm":
      return typeof event.body === "string" ? event.body : undefined;
    default:
      return undefined;
  }
}
