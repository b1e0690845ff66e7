/**
 * The community (SOGS) events a bot handles: posts in a room, reaction changes, deletions and
 * blinded DMs: the client's own event objects (declared in src/client/community/events.ts).
 *
 * @module
 */
export type {
  CommunityDeletionEvent,
  CommunityDmEvent,
  CommunityEventBase,
  CommunityEventMap,
  CommunityMessageEvent,
  CommunityReactionEvent,
  RoomRef as CommunityRoomRef,
} from "../client/community/events.ts";
