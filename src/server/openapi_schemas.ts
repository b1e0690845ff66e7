/**
 * The schemas of the OpenAPI document (`#/components/schemas/…`).
 *
 * @module
 */
import { z } from "zod";
import { EVENT_SCHEMA } from "../bridge/mod.ts";
import type { Json } from "./openapi_doc.ts";
import { createEndpointBody, replyTo, sendMessageBody, updateEndpointBody } from "./schemas.ts";

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const schema = (s: z.ZodType): Json =>
  z.toJSONSchema(s, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Json;

/**
 * The `components.schemas` of the OpenAPI document: request bodies generated from the zod
 * schemas, answers written out.
 *
 * @example
 * ```ts
 * const schemas = openApiComponents();
 * console.log(Object.keys(schemas));
 * ```
 */
export function openApiComponents(): Record<string, Json> {
  const nullable = (type: string) => ({ type: [type, "null"] });
  return {
    SendMessage: schema(sendMessageBody),
    SendMessageForm: {
      type: "object",
      required: ["to"],
      properties: {
        to: {
          type: "string",
          description: "A Session ID (05…), an ONS name, a joined room (join link or " +
            "<server>/<room>) or a blinded DM (<server>/dm/<15… ID>)",
        },
        body: { type: "string" },
        replyTo: { type: "string", description: "JSON: " + JSON.stringify(schema(replyTo)) },
        expiresInSeconds: { type: "integer", minimum: 0 },
        file: {
          type: "array",
          items: { type: "string", contentMediaType: "application/octet-stream" },
        },
      },
    },
    SendResult: {
      type: "object",
      required: ["hash", "timestamp"],
      properties: {
        hash: { type: "string", description: "Storage hash of the message" },
        timestamp: { type: "integer", description: "Sent timestamp, ms (use it to quote)" },
        to: { type: "string", description: "The recipient's Session ID (ONS resolved)" },
      },
    },
    RoomSendResult: {
      type: "object",
      description: "The answer to a room post (or a blinded DM: messageId and to only)",
      required: ["messageId", "to"],
      properties: {
        messageId: { type: "integer", description: "The server's message id (replyTo.messageId)" },
        seqno: { type: "integer", description: "The room's sequence number of the post" },
        timestamp: { type: "integer", description: "When the server stored the post, ms" },
        to: { type: "string", description: "<server>/<room> (or <server>/dm/<blinded ID>)" },
      },
    },
    Event: {
      type: "object",
      description: `A ${EVENT_SCHEMA} payload: see docs/events.md`,
      required: ["schema", "id", "type", "identity", "attachments", "data"],
      properties: {
        schema: { const: EVENT_SCHEMA },
        id: { type: "string" },
        type: { type: "string" },
        identity: { type: "string" },
        from: nullable("string"),
        conversation: nullable("string"),
        timestamp: nullable("integer"),
        outgoing: { type: "boolean" },
        body: nullable("string"),
        attachments: { type: "array", items: ref("AttachmentMeta") },
        data: { type: "object" },
      },
    },
    AttachmentMeta: {
      type: "object",
      properties: {
        id: { type: "string" },
        contentType: nullable("string"),
        fileName: nullable("string"),
        size: nullable("integer"),
        width: nullable("integer"),
        height: nullable("integer"),
        caption: nullable("string"),
        voice: { type: "boolean" },
        url: { type: "string" },
      },
    },
    EventPage: {
      type: "object",
      required: ["events", "next", "more"],
      properties: {
        events: {
          type: "array",
          items: {
            type: "object",
            properties: { cursor: { type: "string" }, payload: ref("Event") },
          },
        },
        next: { ...nullable("string"), description: "Pass as since next time" },
        more: { type: "boolean", description: "More events are already waiting" },
      },
    },
    Communities: {
      type: "object",
      required: ["rooms"],
      properties: {
        rooms: {
          type: "array",
          items: {
            type: "object",
            required: ["server", "room", "link", "me"],
            properties: {
              server: { type: "string" },
              room: { type: "string" },
              link: { type: "string", description: "Join link" },
              me: { type: "string", description: "Our blinded (15) ID there" },
              name: { type: "string" },
              activeUsers: { type: "integer" },
              read: { type: "boolean" },
              write: { type: "boolean", description: "false: we are muted" },
              upload: { type: "boolean" },
              moderator: { type: "boolean" },
              admin: { type: "boolean" },
            },
          },
        },
      },
    },
    Health: {
      type: "object",
      required: ["status", "uptimeSeconds"],
      properties: {
        status: { enum: ["ok", "degraded"] },
        uptimeSeconds: { type: "integer" },
        identity: { type: "string", description: "With a valid token" },
        client: { type: "object", description: "Client counters, with a valid token" },
      },
    },
    WebhookInput: schema(createEndpointBody),
    WebhookPatch: schema(updateEndpointBody),
    WebhookEndpoint: {
      type: "object",
      properties: {
        id: { type: "string" },
        url: { type: "string" },
        secret: { type: "string", description: "Only in the answer to POST /v1/webhooks" },
        events: { type: "array", items: { type: "string" } },
        conversations: { type: "array", items: { type: "string" } },
        allowPrivate: { type: "boolean" },
        maxConcurrency: { type: "integer" },
        timeoutMs: { type: "integer" },
        description: { type: "string" },
        enabled: { type: "boolean" },
        disabledReason: { type: "string" },
        createdAt: { type: "integer" },
      },
    },
    Delivery: {
      type: "object",
      properties: {
        id: { type: "string" },
        endpointId: { type: "string" },
        eventId: { type: "string" },
        type: { type: "string" },
        conversation: nullable("string"),
        status: { enum: ["pending", "delivered", "failed", "dead"] },
        attempts: { type: "integer" },
        lastStatus: { type: "integer" },
        lastError: { type: "string" },
        nextAttemptAt: { type: "integer" },
        createdAt: { type: "integer" },
        deliveredAt: { type: "integer" },
      },
    },
    Error: {
      type: "object",
      required: ["error", "message"],
      properties: {
        error: { type: "string", description: "bad_request, unauthorized, not_found, …" },
        message: { type: "string" },
        code: { type: "string" },
        issues: {
          type: "array",
          items: {
            type: "object",
            properties: {
              path: { type: "string", description: "e.g. replyTo.timestamp" },
              message: { type: "string" },
            },
          },
        },
      },
    },
  };
}
