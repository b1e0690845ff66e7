/**
 * The community (SOGS) client (extended.md §1): join links, rooms, polling into the durable
 * inbox, posts, reactions, deletions, pins, files, blinded DMs and moderation, every request
 * signed with the blind15 key and sent through onion v4 by default.
 *
 * @example
 * ```ts
 * import { parseJoinLink } from "./mod.ts";
 *
 * const { server, room, publicKey } = parseJoinLink("http://127.0.0.1:4000/lobby?public_key=" + "ab".repeat(32));
 * // with a SessionClient:
 * // const lobby = await client.communities.join(link);
 * // client.on("community:message", async (e) => { if (e.body === "/ping") await lobby.post("pong"); });
 * ```
 *
 * @module
 */
export {
  assertRoomToken,
  canonicalServer,
  type JoinLink,
  joinLinkOf,
  parseJoinLink,
} from "./join_link.ts";
export { CommunityError } from "./errors.ts";
export { decryptBlindedDm, encryptBlindedDm, type OpenedDm } from "./dm.ts";
export { decodePost, type EncodedPost, encodePost } from "./payload.ts";
export type { CommunityTransport } from "./transport.ts";
export type {
  CommunityDeletionEvent,
  CommunityDmEvent,
  CommunityEventBase,
  CommunityEventMap,
  CommunityMessageEvent,
  CommunityReactionEvent,
  RoomRef,
} from "./events.ts";
export type {
  Communities,
  Community,
  JoinOptions,
  PinnedMessage,
  PostInput,
  PostResult,
  RoomInfo,
  ServerOptions,
} from "./types.ts";
