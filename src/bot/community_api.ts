/**
 * The bot's outgoing community calls (posts, blinded DMs, reactions, deletions, moderation),
 * as API transformers see them, and how each one reaches the room's handle.
 *
 * @module
 */
import type { Community, CommunityPostInput } from "./community_handle.ts";

/** A moderation action on a user of a room. */
export type ModerationAction = "mute" | "unmute" | "ban" | "unban" | "deleteAllFrom";

/** One outgoing community call. `to` is the conversation (`<server>/<room>` or the DM's). */
export type CommunityApiCall =
  | {
    readonly method: "post";
    readonly to: string;
    readonly community: Community;
    readonly input: CommunityPostInput;
  }
  | {
    readonly method: "sendDm";
    readonly to: string;
    readonly community: Community;
    readonly recipient: string;
    readonly input: string | { readonly body?: string };
  }
  | {
    readonly method: "roomReact";
    readonly to: string;
    readonly community: Community;
    readonly messageId: number;
    readonly emoji: string;
    readonly remove: boolean;
  }
  | {
    readonly method: "deletePost";
    readonly to: string;
    readonly community: Community;
    readonly messageId: number;
  }
  | {
    readonly method: "moderate";
    readonly to: string;
    readonly community: Community;
    readonly action: ModerationAction;
    readonly user: string;
    /** How long a mute (required) or ban (optional; default forever) lasts. */
    readonly seconds?: number;
  };

/**
 * The conversation ID of a room: `<server>/<room>`, as community events carry it.
 *
 * @example
 * ```ts
 * import { roomConversation } from "./community_api.ts";
 *
 * roomConversation({ server: "http://127.0.0.1:3010", room: "lobby" }); // "http://127.0.0.1:3010/lobby"
 * ```
 */
export function roomConversation(room: { readonly server: string; readonly room: string }): string {
  return `${room.server.replace(/\/+$/, "")}/${room.room}`;
}

/**
 * The conversation ID of a blinded DM with `blindedId` on `server`: `<server>/dm/<blindedId>`.
 *
 * @example
 * ```ts
 * import { dmConversation } from "./community_api.ts";
 *
 * dmConversation("http://127.0.0.1:3010", "15" + "ab".repeat(32));
 * ```
 */
export function dmConversation(server: string, blindedId: string): string {
  return `${server.replace(/\/+$/, "")}/dm/${blindedId}`;
}

/**
 * Performs a community call on its room's handle.
 *
 * @example
 * ```ts
 * import { invokeCommunity } from "./community_api.ts";
 * import type { Community } from "./community_handle.ts";
 *
 * declare const community: Community;
 * await invokeCommunity({ method: "post", to: "x", community, input: "hello" });
 * ```
 */
export function invokeCommunity(call: CommunityApiCall): Promise<unknown> {
  const c = call.community;
  switch (call.method) {
    case "post":
      return c.post(call.input);
    case "sendDm":
      return c.sendDm(call.recipient, call.input);
    case "roomReact":
      return call.remove
        ? c.unreact(call.messageId, call.emoji)
        : c.react(call.messageId, call.emoji);
    case "deletePost":
      return c.delete(call.messageId);
    case "moderate":
      return moderate(c, call.action, call.user, call.seconds);
  }
}

function moderate(
  c: Community,
  action: ModerationAction,
  user: string,
  seconds: number | undefined,
): Promise<void> {
  switch (action) {
    case "mute":
      return c.mute(user, { seconds: seconds ?? 0 });
    case "unmute":
      return c.unmute(user);
    case "ban":
      return c.ban(user, seconds !== undefined ? { seconds } : {});
    case "unban":
      return c.unban(user);
    case "deleteAllFrom":
      return c.deleteAllFrom(user);
  }
}
