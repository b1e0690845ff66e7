/**
 * The request bodies the API accepts, as zod schemas (internal: no zod type leaves this
 * folder's public surface). The OpenAPI document is generated from the same schemas.
 *
 * @module
 */
import { z } from "zod";

const MIME = /^[\w.+-]+\/[\w.+-]+(;.*)?$/;
const AUTHOR_ID = /^(05|15|25)[0-9a-fA-F]{64}$/;
const TO = "A Session ID (05…), an ONS name, a joined room (join link or <server>/<room>), " +
  "or a blinded DM (<server>/dm/<15… ID>)";

const fileFields = {
  fileName: z.string().min(1).max(255).optional(),
  contentType: z.string().regex(MIME, "a MIME type such as image/png").optional(),
  caption: z.string().max(2000).optional(),
  voiceMessage: z.boolean().optional(),
};

/** An attachment the API downloads (SSRF-guarded). */
export const attachmentByUrl = z.strictObject({
  url: z.string().url("an absolute http(s) URL"),
  ...fileFields,
}).meta({ title: "AttachmentByUrl" });

/** An attachment inline, base64. */
export const attachmentByData = z.strictObject({
  data: z.base64("base64 (standard alphabet, padded)").min(1),
  ...fileFields,
}).meta({ title: "AttachmentByData" });

/**
 * The message a new one replies to: `{ timestamp, author }` (its sent timestamp and author), or
 * for a room post `{ messageId }` (looked up in the event log); `text` is shown in the quote.
 */
export const replyTo = z.strictObject({
  timestamp: z.number().int().positive().optional()
    .describe("The quoted message's sent timestamp, ms"),
  author: z.string().regex(
    AUTHOR_ID,
    "the author's Session ID (05 + 64 hex; in rooms also a blinded 15/25 ID)",
  ).optional(),
  messageId: z.number().int().nonnegative().optional().describe(
    "Rooms: the quoted post's message id (data.messageId of its event, which must be in the " +
      "event log), instead of timestamp and author",
  ),
  text: z.string().max(2000).optional().describe("Text shown in the quote"),
}).superRefine((reply, ctx) => {
  if (reply.messageId !== undefined) {
    if (reply.timestamp !== undefined || reply.author !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["messageId"],
        message: "give messageId, or timestamp and author, not both",
      });
    }
    return;
  }
  for (const field of ["timestamp", "author"] as const) {
    if (reply[field] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `${field} is required (with ${
          field === "timestamp" ? "author" : "timestamp"
        }), or messageId for a room post`,
      });
    }
  }
}).meta({ title: "ReplyTo" });

/** What `replyTo` parses to. */
export type ReplyToBody = z.infer<typeof replyTo>;

/** `POST /v1/messages` (JSON). */
export const sendMessageBody = z.strictObject({
  to: z.string().trim().min(1).max(1024).describe(TO),
  body: z.string().max(100_000).optional(),
  replyTo: replyTo.optional(),
  attachments: z.array(z.union([attachmentByUrl, attachmentByData])).max(32).optional(),
  expiresInSeconds: z.number().int().min(0).max(365 * 86_400).optional()
    .describe("Disappearing timer (0: off; default: the conversation's); not for rooms"),
}).refine((m) => (m.body ?? "") !== "" || (m.attachments?.length ?? 0) > 0, {
  message: "send a body, attachments or both",
  path: ["body"],
}).meta({ title: "SendMessage" });

/** What `POST /v1/messages` parses to. */
export type SendMessageBody = z.infer<typeof sendMessageBody>;

/** The text fields of a multipart `POST /v1/messages`. */
export const sendMessageForm = z.strictObject({
  to: z.string().trim().min(1).max(1024),
  body: z.string().max(100_000).optional(),
  replyTo: replyTo.optional(),
  expiresInSeconds: z.coerce.number().int().min(0).max(365 * 86_400).optional(),
});

const eventTypes = z.array(z.string().min(1).max(64)).min(1).max(50);

const endpointFields = {
  url: z.string().url("an absolute http(s) URL"),
  secret: z.string().startsWith("whsec_", "a secret of the form whsec_<base64>").optional(),
  events: eventTypes.optional().describe('Event types (default ["message"]; "*" = all)'),
  conversations: z.array(z.string().min(1).max(200)).max(1000).optional(),
  allowPrivate: z.boolean().optional(),
  maxConcurrency: z.number().int().min(1).max(64).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  description: z.string().max(500).optional(),
  enabled: z.boolean().optional(),
};

/** `POST /v1/webhooks`. */
export const createEndpointBody = z.strictObject(endpointFields).meta({ title: "WebhookInput" });

/** `PATCH /v1/webhooks/:id`. */
export const updateEndpointBody = z.strictObject(endpointFields).partial()
  .refine((p) => Object.keys(p).length > 0, { message: "change at least one field", path: [] })
  .meta({ title: "WebhookPatch" });
