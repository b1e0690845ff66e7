/**
 * `ctx.reply` on a community event: a post in the room (optionally quoting the post being
 * handled), or a blinded DM back for `community:dm`.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type { Api } from "./api.ts";
import type { FetchedAttachment, SendInput } from "./client.ts";
import type { CommunityEvent } from "./community.ts";
import type { Community, CommunityPostInput } from "./community_handle.ts";
import type { AttachmentInfo, MessageRef } from "./events.ts";

/** The files of a room post. */
type PostAttachments = Exclude<CommunityPostInput, string>["attachments"];

/** A quote option as `ctx.reply` takes it. */
type QuoteOption =
  | boolean
  | (MessageRef & { readonly text?: string })
  | { readonly id: number; readonly author: string; readonly text?: string }
  | undefined;

/** What a community reply resolves with (`SendResult`-shaped, plus the server's id). */
export interface CommunityReplyResult {
  /** A stable handle: `<conversation>/<messageId>`. */
  readonly hash: string;
  /** When it was posted, ms. */
  readonly timestamp: number;
  /** The server's message (or DM) id. */
  readonly messageId: number;
}

/**
 * Answers `event` in its community: a room post, or a blinded DM for `community:dm`.
 *
 * @example
 * ```ts
 * import type { Api } from "./api.ts";
 * import type { CommunityEvent } from "./community.ts";
 * import type { Community } from "./community_handle.ts";
 * import { replyInCommunity } from "./community_reply.ts";
 *
 * declare const api: Api, community: Community, event: CommunityEvent;
 * await replyInCommunity(api, community, event, { body: "hi" }, true);
 * ```
 */
export async function replyInCommunity(
  api: Api,
  community: Community,
  event: CommunityEvent,
  message: SendInput,
  quoteOption: QuoteOption,
): Promise<CommunityReplyResult> {
  if (event.type === "community:dm") {
    if (quoteOption) {
      throw new ValidationError(
        "ctx.reply(…, { quote }) is not available in community DMs: reply without a quote",
        "invalid_quote",
        "quote",
      );
    }
    if (message.attachments?.length) {
      throw new ValidationError(
        "ctx.reply() in a community DM sends text only: drop the attachments",
        "invalid_reply",
        "attachments",
      );
    }
    const recipient = dmPeer(event);
    const sent = await api.sendDm(community, recipient, { body: message.body });
    return { hash: `${event.conversation}/${sent.id}`, timestamp: Date.now(), messageId: sent.id };
  }
  const quote = roomQuote(event, quoteOption);
  const input: CommunityPostInput = {
    ...(message.body !== undefined ? { body: message.body } : {}),
    ...(message.attachments?.length ? { attachments: postAttachments(message.attachments) } : {}),
    ...(quote ? { quote } : {}),
  };
  const posted = await api.post(community, input);
  return {
    hash: `${event.conversation}/${posted.id}`,
    timestamp: toMs(posted.posted),
    messageId: posted.id,
  };
}

/** Room files are bytes uploaded first: already-uploaded 1:1 pointers do not fit. */
function postAttachments(files: NonNullable<SendInput["attachments"]>): PostAttachments {
  return files.map((file, index) => {
    if (
      typeof file !== "object" || file === null ||
      !((file as { bytes?: unknown }).bytes instanceof Uint8Array)
    ) {
      throw new ValidationError(
        `ctx.reply() in a room: attachments[${index}] must be { bytes, fileName? } (room files are uploaded to the room)`,
        "invalid_attachment",
        `attachments.${index}`,
      );
    }
    return file as NonNullable<PostAttachments>[number];
  });
}

/** Who a DM reply goes to: the blinded ID in the conversation (`<server>/dm/<id>`), else `from`. */
function dmPeer(event: CommunityEvent): string {
  const tail = event.conversation.split("/dm/").pop();
  return tail && /^(15|25)[0-9a-f]{64}$/i.test(tail) ? tail : event.from;
}

function roomQuote(
  event: CommunityEvent,
  option: QuoteOption,
): { id: number; author: string; text?: string } | undefined {
  if (!option) return undefined;
  if (option === true) {
    if (event.type !== "community:message") {
      throw new ValidationError(
        `ctx.reply(…, { quote: true }) quotes a post, but this is a '${event.type}' event: ` +
          `give { quote: { id, author } } of the post`,
        "invalid_quote",
        "quote",
      );
    }
    // Apps quote a post by its sent timestamp (like 1:1 quotes), not by the server's id.
    return {
      id: event.timestamp,
      author: event.from,
      ...(event.body ? { text: event.body } : {}),
    };
  }
  if ("id" in option && typeof option.id === "number") return option;
  throw new ValidationError(
    "ctx.reply(…, { quote }) in a room takes true or { id, author, text? } of a post",
    "invalid_quote",
    "quote",
  );
}

/** Server times may be seconds (pysogs) or ms. */
function toMs(posted: number): number {
  if (typeof posted !== "number" || !Number.isFinite(posted)) return Date.now();
  return posted < 1e11 ? Math.round(posted * 1000) : posted;
}

/**
 * Downloads a room post's file through the room's handle (`…/room/<token>/file/<id>` URLs).
 *
 * @example
 * ```ts
 * import type { AttachmentInfo } from "./events.ts";
 * import type { Community } from "./community_handle.ts";
 * import { downloadRoomFile } from "./community_reply.ts";
 *
 * declare const community: Community, file: AttachmentInfo;
 * const { bytes, contentType } = await downloadRoomFile(community, file);
 * ```
 */
export async function downloadRoomFile(
  community: Community,
  attachment: AttachmentInfo | undefined,
): Promise<FetchedAttachment> {
  if (!attachment) {
    throw new ValidationError(
      'ctx.download(): this post has no attachment (filter with bot.on("community:message:attachments"))',
      "no_attachment",
      "attachment",
    );
  }
  const id = /\/file\/(\d+)(?:[/?#]|$)/.exec(attachment.url ?? "")?.[1];
  if (id === undefined) {
    throw new ValidationError(
      `ctx.download(): ${
        JSON.stringify(attachment.url ?? "")
      } is not a room file URL (…/room/<token>/file/<id>)`,
      "invalid_attachment",
      "attachment",
    );
  }
  const bytes = await community.download(Number(id));
  return {
    bytes,
    contentType: attachment.contentType ?? "application/octet-stream",
    size: bytes.length,
    ...(attachment.fileName !== undefined ? { fileName: attachment.fileName } : {}),
    ...(attachment.width !== undefined ? { width: attachment.width } : {}),
    ...(attachment.height !== undefined ? { height: attachment.height } : {}),
  };
}
