/**
 * Standalone `send --to <room>`: posts to a community room with the identity opened here. A
 * join link (`https://host/room?public_key=…`) is joined for the send and left again after
 * (unless the store had joined it already, e.g. for a bot, which then keeps it); a bare
 * `<server>/<room>` must be joined in this store.
 *
 * @module
 */
import { canonicalServer, parseJoinLink } from "../client/community/mod.ts";
import type { Communities, Community, PostInput } from "../client/community/mod.ts";
import { ValidationError } from "../core/errors.ts";

/** What a room post printed: the server's message id, its seqno and when it was stored. */
export interface RoomPostResult {
  readonly messageId: number;
  readonly seqno: number;
  readonly timestamp: number;
  /** The room: `<server>/<room>`. */
  readonly to: string;
}

/**
 * Posts `body` and `attachments` to the room `to` names.
 *
 * @throws {ValidationError} `to` when it is a malformed link, or a `<server>/<room>` this store
 *   has not joined (exit 2).
 * @example
 * ```ts
 * declare const communities: Communities;
 * const { messageId } = await postToRoom(communities, "https://host/lobby?public_key=…", {
 *   body: "deploy done",
 * });
 * ```
 */
export async function postToRoom(
  communities: Communities,
  to: string,
  input: { readonly body?: string; readonly attachments?: PostInput["attachments"] },
): Promise<RoomPostResult> {
  const text = to.trim();
  const joined = await communities.list();
  const hasKey = /[?&]public_key=/.test(text);
  const { server, room } = hasKey ? parseJoinLink(text) : bareRoom(text);
  let community: Community | undefined = joined.find((c) => c.server === server && c.room === room);
  const joinedHere = !community;
  if (!community) {
    if (!hasKey) {
      throw new ValidationError(
        `the room ${server}/${room} is not joined in this store: give its join link ` +
          "(https://host/room?public_key=<64 hex>)",
        "room_not_joined",
        "to",
      );
    }
    community = await communities.join(text);
  }
  try {
    const posted = await community.post({
      ...(input.body ? { body: input.body } : {}),
      ...(input.attachments?.length ? { attachments: [...input.attachments] } : {}),
    });
    return {
      messageId: posted.id,
      seqno: posted.seqno,
      timestamp: posted.posted,
      to: `${server}/${room}`,
    };
  } finally {
    if (joinedHere) await communities.leave(community.link);
  }
}

function bareRoom(text: string): { server: string; room: string } {
  const cut = text.replace(/\/+$/, "").lastIndexOf("/");
  const room = text.slice(cut + 1).replace(/\/+$/, "");
  try {
    if (cut <= 0 || !/^[\w-]{1,64}$/.test(room)) throw new TypeError("no room");
    return { server: canonicalServer(text.slice(0, cut)), room };
  } catch {
    throw new ValidationError(
      `--to ${text} is neither a Session ID, an ONS name nor a room (a join link ` +
        "https://host/room?public_key=<64 hex>, or <server>/<room> of a joined room)",
      "invalid_recipient",
      "to",
    );
  }
}
