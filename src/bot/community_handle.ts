/**
 * The community handle a bot works with (`ctx.community`): the client's own `Community`
 * (declared in src/client/community/types.ts), and the part of `client.communities` a bot
 * needs to find it.
 *
 * @module
 */
import type { Community, JoinOptions, PostInput } from "../client/community/types.ts";

export type {
  AttachmentInput as CommunityAttachmentInput,
  Community,
  JoinOptions,
  PinnedMessage,
  PostInput,
  PostResult,
  RoomInfo,
} from "../client/community/types.ts";
export type { CommunityTransport } from "../client/community/transport.ts";

/** What a room post sends: text, or `{ body, attachments, quote, whisperTo }`. */
export type CommunityPostInput = string | PostInput;

/** The part of `client.communities` a bot uses: finding a joined room's handle (and joining). */
export interface BotCommunities {
  /** The handle of the joined room `link`, or `undefined`. */
  get(link: string): Community | undefined;
  /** Joins the room `link` (persisted; polled while the client runs). `SessionClient` has it. */
  join?(link: string, options?: JoinOptions): Promise<Community>;
}
