/**
 * `POST /v1/messages` bodies → a {@link SendRequest}: JSON (attachments by URL or as
 * base64) or multipart/form-data (`to`, `body`, `replyTo` as JSON, every file part an
 * attachment). Attachments by URL are fetched here, each failure naming its path.
 *
 * @module
 */
import type { Context } from "hono";
import type { AttachmentInput } from "../client/attachments/mod.ts";
import type { SendInput } from "../client/session/mod.ts";
import { ValidationError } from "../core/errors.ts";
import { ApiError, badRequest } from "./errors.ts";
import {
  type ReplyToBody,
  type SendMessageBody,
  sendMessageBody,
  sendMessageForm,
} from "./schemas.ts";
import { check, isJson, readJson } from "./validate.ts";

/** A parsed send request: where to, and what (attachments already fetched). */
export interface SendRequest {
  /** A Session ID, ONS name, room or blinded DM address, as given. */
  readonly to: string;
  /** Text. */
  readonly body?: string;
  /** Files. */
  readonly attachments: readonly AttachmentInput[];
  /** The quoted message: `{ timestamp, author }` or, for a room post, `{ messageId }`. */
  readonly replyTo?: ReplyToBody;
  /** Disappearing timer, seconds (1:1 messages only). */
  readonly expiresInSeconds?: number;
}

/**
 * Reads the request of `c` (JSON or multipart) into a {@link SendRequest}.
 *
 * @example
 * ```ts
 * declare const c: Context;
 * const { to, body } = await readSendRequest(c, (url) => fetch(url).then((r) => r.bytes()));
 * ```
 */
export async function readSendRequest(
  c: Context,
  fetchAttachment: (url: string) => Promise<Uint8Array>,
): Promise<SendRequest> {
  const type = c.req.header("content-type") ?? "";
  if (isJson(type)) return fromJson(await readJson(c, sendMessageBody), fetchAttachment);
  if (/^multipart\/form-data/i.test(type)) return await fromForm(c);
  throw new ApiError(415, {
    error: "unsupported_media_type",
    message: "send application/json or multipart/form-data (fields to, body; file parts)",
  });
}

async function fromJson(
  body: SendMessageBody,
  fetchAttachment: (url: string) => Promise<Uint8Array>,
): Promise<SendRequest> {
  const attachments: AttachmentInput[] = [];
  for (const [index, item] of (body.attachments ?? []).entries()) {
    const { fileName, contentType, caption, voiceMessage } = item;
    let bytes: Uint8Array;
    if ("url" in item) {
      try {
        bytes = await fetchAttachment(item.url);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const path = `attachments.${index}.url`;
        throw badRequest(error.message, [{ path, message: error.message }], error.code);
      }
    } else {
      bytes = Uint8Array.from(atob(item.data), (ch) => ch.charCodeAt(0));
    }
    attachments.push({
      bytes,
      fileName: fileName ?? ("url" in item ? fileNameOf(item.url) : undefined),
      contentType,
      caption,
      voiceMessage,
    });
  }
  return request(body.to, body.body, body.replyTo, attachments, body.expiresInSeconds);
}

async function fromForm(c: Context): Promise<SendRequest> {
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch (error) {
    const detail = error instanceof Error ? error.message : "unreadable";
    throw badRequest(`the multipart body cannot be read (${detail})`, [{
      path: "",
      message: detail,
    }]);
  }
  const fields: Record<string, unknown> = {};
  const attachments: AttachmentInput[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") {
      attachments.push({
        bytes: new Uint8Array(await value.arrayBuffer()),
        fileName: value.name || undefined,
        contentType: value.type ? value.type.split(";")[0] : undefined,
      });
    } else if (name === "replyTo") fields.replyTo = parseReplyTo(value);
    else fields[name] = value;
  }
  const parsed = check(sendMessageForm, fields);
  if (!parsed.body && attachments.length === 0) {
    throw badRequest("send a body, file parts or both", [{
      path: "body",
      message: "send a body, file parts or both",
    }]);
  }
  return request(parsed.to, parsed.body, parsed.replyTo, attachments, parsed.expiresInSeconds);
}

function parseReplyTo(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(
      'replyTo must be JSON: {"timestamp": …, "author": "05…"} or {"messageId": …}',
      [{
        path: "replyTo",
        message: "not valid JSON",
      }],
    );
  }
}

function request(
  to: string,
  body: string | undefined,
  replyTo: ReplyToBody | undefined,
  attachments: AttachmentInput[],
  expiresInSeconds: number | undefined,
): SendRequest {
  return {
    to,
    ...(body ? { body } : {}),
    attachments,
    ...(replyTo ? { replyTo } : {}),
    ...(expiresInSeconds !== undefined ? { expiresInSeconds } : {}),
  };
}

/**
 * The `SendInput` of a 1:1 message; a quote must name a 05 author and its timestamp here
 * (`messageId` quotes room posts only).
 *
 * @example
 * ```ts
 * declare const request: SendRequest;
 * const input = sessionSendInput(request);
 * ```
 */
export function sessionSendInput(request: SendRequest): SendInput {
  const { replyTo } = request;
  if (replyTo?.messageId !== undefined) {
    throw badRequest(
      "replyTo.messageId quotes a room post: for a Session ID quote with " +
        "{ timestamp, author }",
      [{
        path: "replyTo.messageId",
        message: "only for rooms",
      }],
    );
  }
  const author = replyTo?.author?.toLowerCase();
  if (author !== undefined && !author.startsWith("05")) {
    throw badRequest("replyTo.author: a 1:1 message quotes a 05 Session ID", [{
      path: "replyTo.author",
      message: "expected a 05 Session ID",
    }]);
  }
  return {
    ...(request.body ? { body: request.body } : {}),
    ...(request.attachments.length ? { attachments: request.attachments } : {}),
    ...(replyTo && author
      ? {
        quote: {
          timestamp: replyTo.timestamp!,
          author,
          ...(replyTo.text !== undefined ? { text: replyTo.text } : {}),
        },
      }
      : {}),
    ...(request.expiresInSeconds !== undefined
      ? { expiresInSeconds: request.expiresInSeconds }
      : {}),
  };
}

function fileNameOf(url: string): string | undefined {
  const last = new URL(url).pathname.split("/").pop();
  try {
    return last ? decodeURIComponent(last).slice(0, 255) : undefined;
  } catch {
    return last?.slice(0, 255);
  }
}
