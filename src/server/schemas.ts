/**
 * The request bodies the API accepts, as zod schemas (internal: no zod type leaves this
 * folder's public surface). The OpenAPI document is generated from the same schemas.
 *
 * @module
 */
import { z } from "zod";

const MIME = /^[\w.+-]+\/[\w.+-]+(;.*)?$/;
const SESSION_ID = /^05[0-9a-fA-F]{64}$/;

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

/** The message a new one replies to. */
export const replyTo = z.strictObject({
  timestamp: z.number().int().positive().describe("The quoted message's sent timestamp, ms"),
  author: z.string().regex(SESSION_ID, "the author's Session ID (05 + 64 hex)"),
  text: z.string().max(2000).optional().describe("Text shown in the quote"),
});

/** `POST /v1/messages` (JSON). */
export const sendMessageBody = z.strictObject({
  to: z.string().trim().min(1).max(200).describe("A Session ID (05…) or an ONS name"),
  body: z.string().max(100_000).optional(),
  replyTo: replyTo.optional(),
  attachments: z.array(z.union([attachmentByUrl, attachmentByData])).max(32).optional(),
  expiresInSeconds: z.number().int().min(0).max(365 * 86_400).optional()
    .describe("Disappearing timer (0: off; default: the conversation's)"),
}).refine((m) => (m.body ?? "") !== "" || (m.attachments?.length ?? 0) > 0, {
  message: "send a body, attachments or both",
  path: ["body"],
}).meta({ title: "SendMessage" });

/** What `POST /v1/messages` parses to. */
export type SendMessageBody = z.infer<typeof sendMessageBody>;

/** The text fields of a multipart `POST /v1/messages`. */
export const sendMessageForm = z.strictObject({
  to: z.string().trim().min(1).max(200),
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
