/**
 * `POST /v1/messages` to a room or a blinded DM: the request becomes a room post (text, files,
 * a quote by message id or by timestamp and author) or a DM (text only).
 *
 * @module
 */
import type { PostInput } from "../client/community/mod.ts";
import type { EventLog } from "../bridge/mod.ts";
import { badRequest } from "./errors.ts";
import type { RoomTarget } from "./room_target.ts";
import type { SendRequest } from "./send_input.ts";

/** The answer to a room post or DM. */
export interface RoomSendResult {
  /** The server's message id (quote or react with it). */
  readonly messageId: number;
  /** The room's sequence number of the post (posts only). */
  readonly seqno?: number;
  /** When the server stored the post, ms (posts only). */
  readonly timestamp?: number;
  /** The conversation: `<server>/<room>` or `<server>/dm/<blinded ID>`. */
  readonly to: string;
}

/**
 * Posts `request` to the room of `target`, or sends it as a blinded DM.
 *
 * @throws {ApiError} 400 for what rooms cannot carry (a timer; files or quotes in DMs) or a
 *   `replyTo.messageId` that is not in the event log.
 * @example
 * ```ts
 * declare const target: RoomTarget, request: SendRequest, events: EventLog;
 * const { messageId } = await sendToRoom(target, request, events);
 * ```
 */
export async function sendToRoom(
  target: RoomTarget,
  request: SendRequest,
  events: EventLog,
): Promise<RoomSendResult> {
  if (request.expiresInSeconds !== undefined) {
    refuse("expiresInSeconds", "community rooms and their DMs have no disappearing timer");
  }
  const { community } = target;
  if (target.kind === "dm") {
    if (request.attachments.length > 0) refuse("attachments", "blinded DMs carry text only");
    if (request.replyTo) refuse("replyTo", "blinded DMs cannot quote");
    if (!request.body) refuse("body", "a blinded DM needs a body");
    const { id } = await community.sendDm(target.recipient, { body: request.body });
    return { messageId: id, to: `${community.server}/dm/${target.recipient}` };
  }
  const conversation = `${community.server}/${community.room}`;
  const input: PostInput = {
    ...(request.body ? { body: request.body } : {}),
    ...(request.attachments.length ? { attachments: request.attachments } : {}),
    ...(request.replyTo ? { quote: await quoteOf(request.replyTo, conversation, events) } : {}),
  };
  const posted = await community.post(input);
  return { messageId: posted.id, seqno: posted.seqno, timestamp: posted.posted, to: conversation };
}

async function quoteOf(
  reply: NonNullable<SendRequest["replyTo"]>,
  conversation: string,
  events: EventLog,
): Promise<NonNullable<PostInput["quote"]>> {
  const text = (value: string | null | undefined) =>
    value !== undefined && value !== null ? { text: value.slice(0, 2000) } : {};
  if (reply.messageId === undefined) {
    return { id: reply.timestamp!, author: reply.author!.toLowerCase(), ...text(reply.text) };
  }
  // Apps quote by sent timestamp and author: take both from the logged event of the post.
  const post = await events.get(`${conversation}/${reply.messageId}:community:message`);
  if (!post || post.timestamp === null || post.from === null) {
    refuse(
      "replyTo.messageId",
      `post ${reply.messageId} of ${conversation} is not in the event log (posts are logged as ` +
        "they arrive, not our own, and kept for the log's retention): quote it with " +
        "{ timestamp, author } from its event instead",
      "post_not_found",
    );
  }
  return { id: post.timestamp, author: post.from, ...text(reply.text ?? post.body) };
}

function refuse(path: string, message: string, code = "not_for_rooms"): never {
  throw badRequest(`${path}: ${message}`, [{ path, message }], code);
}
