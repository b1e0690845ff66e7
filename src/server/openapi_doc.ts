/**
 * The OpenAPI 3.1 description of the HTTP API; request bodies are generated from the same zod
 * schemas the routes validate with, so the document cannot drift from them.
 *
 * @module
 */
import { EVENT_SCHEMA } from "../bridge/mod.ts";
import { openApiComponents } from "./openapi_schemas.ts";

/** A JSON object (the OpenAPI document and its parts). */
export type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (s: Json) => ({ "application/json": { schema: s } });
const error = (description: string) => ({ description, content: json(ref("Error")) });
const ok = (description: string, s: Json) => ({ description, content: json(s) });
const idParam = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: what,
});
const query = (name: string, description: string, s: Json = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  schema: s,
  description,
});
const common = {
  "401": error("Missing or wrong bearer token"),
  "500": error("Internal error"),
};
const paging = [
  query("since", "Cursor: events after it (0 = from the oldest kept)", { type: "string" }),
  query("limit", "At most this many events (1–1000, default 100)", { type: "integer" }),
  query("types", "Comma-separated event types, e.g. message,reaction"),
];

/**
 * Builds the OpenAPI document (plain JSON).
 *
 * @example
 * ```ts
 * const doc = openApiDocument();
 * console.log(Object.keys(doc.paths as object));
 * ```
 */
export function openApiDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "sessionbot HTTP API",
      version: "1.0.0",
      description: "Send Session messages, read received events (paged or as server-sent " +
        `events, payload schema ${EVENT_SCHEMA}), fetch attachments, manage webhooks.`,
    },
    servers: [{ url: "http://127.0.0.1:8787" }],
    security: [{ bearer: [] }],
    paths: {
      "/v1/messages": {
        post: {
          summary: "Send a message to a Session ID or ONS name, or post to a joined room",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", minLength: 1, maxLength: 255 },
              description: "Send once per key (kept 24 h): a repeat with the same body gets " +
                "the first answer and `Idempotent-Replayed: true`",
            },
          ],
          requestBody: {
            required: true,
            content: {
              ...json(ref("SendMessage")),
              "multipart/form-data": { schema: ref("SendMessageForm") },
            },
          },
          responses: {
            "201": ok("Stored on the recipient's swarm, or posted to the room", {
              oneOf: [ref("SendResult"), ref("RoomSendResult")],
            }),
            "400": error(
              "Invalid body (issues name the fields) or recipient (a room not joined: " +
                "code room_not_joined)",
            ),
            "403": error("The community server refused (banned, muted, no write permission)"),
            "409": error("A request with this Idempotency-Key is still being sent"),
            "422": error("This Idempotency-Key was used for a different request"),
            "429": error("The community server asks to slow down"),
            "413": error("Body larger than the limit"),
            "415": error("Neither JSON nor multipart"),
            "502": error("The Session network answered with an error"),
            "503": error("The Session network is unreachable"),
            ...common,
          },
        },
        get: {
          summary: "Received events after a cursor, oldest first",
          parameters: paging,
          responses: {
            "200": ok("A page of events", ref("EventPage")),
            "400": error("Invalid cursor, limit or types"),
            ...common,
          },
        },
      },
      "/v1/events": {
        get: {
          summary: "Live events as server-sent events (id: = cursor)",
          parameters: [
            {
              name: "Last-Event-ID",
              in: "header",
              required: false,
              schema: { type: "string" },
              description: "Resume after this cursor (wins over since)",
            },
            paging[0],
            paging[2],
          ],
          responses: {
            "200": {
              description: "text/event-stream; each data: line is an Event",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
            "400": error("Invalid cursor or types"),
            ...common,
          },
        },
      },
      "/v1/attachments/{id}": {
        get: {
          summary: "A received attachment, decrypted",
          parameters: [idParam("The attachment id (<eventId>.<index>) from an event")],
          responses: {
            "200": {
              description: "The file",
              content: { "application/octet-stream": { schema: { type: "string" } } },
            },
            "404": error("Unknown or expired attachment"),
            "502": error("Download or decryption failed"),
            ...common,
          },
        },
      },
      "/v1/communities": {
        get: {
          summary: "The joined community rooms, with their state as of the last poll",
          responses: { "200": ok("The rooms", ref("Communities")), ...common },
        },
      },
      "/v1/health": {
        get: {
          summary: "Liveness (no token needed; details with a token)",
          security: [],
          responses: { "200": ok("Status", ref("Health")) },
        },
      },
      "/metrics": {
        get: {
          summary: "Prometheus metrics (text format 0.0.4)",
          responses: {
            "200": {
              description: "Metrics",
              content: { "text/plain": { schema: { type: "string" } } },
            },
            ...common,
          },
        },
      },
      "/v1/openapi.json": {
        get: {
          summary: "This document",
          security: [],
          responses: { "200": ok("OpenAPI 3.1", { type: "object" }) },
        },
      },
      "/v1/webhooks": {
        get: {
          summary: "Webhook endpoints (without secrets)",
          responses: {
            "200": ok("Endpoints", {
              type: "object",
              properties: { endpoints: { type: "array", items: ref("WebhookEndpoint") } },
            }),
            "501": error("Webhooks not enabled"),
            ...common,
          },
        },
        post: {
          summary: "Add an endpoint (the answer shows its secret, once)",
          requestBody: { required: true, content: json(ref("WebhookInput")) },
          responses: {
            "201": ok("Created, with secret", ref("WebhookEndpoint")),
            "400": error("Invalid input or refused target (ssrf_refused)"),
            "501": error("Webhooks not enabled"),
            ...common,
          },
        },
      },
      "/v1/webhooks/{id}": {
        parameters: [idParam("Endpoint id")],
        get: {
          summary: "One endpoint",
          responses: {
            "200": ok("Endpoint", ref("WebhookEndpoint")),
            "404": error("Unknown endpoint"),
            ...common,
          },
        },
        patch: {
          summary: "Change an endpoint",
          requestBody: { required: true, content: json(ref("WebhookPatch")) },
          responses: {
            "200": ok("Endpoint", ref("WebhookEndpoint")),
            "400": error("Invalid patch"),
            "404": error("Unknown endpoint"),
            ...common,
          },
        },
        delete: {
          summary: "Remove an endpoint (its pending deliveries become dead)",
          responses: { "204": { description: "Removed" }, "404": error("Unknown"), ...common },
        },
      },
      "/v1/webhooks/{id}/deliveries": {
        get: {
          summary: "The endpoint's delivery log, newest first",
          parameters: [
            idParam("Endpoint id"),
            query("status", "pending, delivered, failed or dead"),
            query("limit", "1–1000 (default 100)", { type: "integer" }),
          ],
          responses: {
            "200": ok("Deliveries", {
              type: "object",
              properties: { deliveries: { type: "array", items: ref("Delivery") } },
            }),
            "404": error("Unknown endpoint"),
            ...common,
          },
        },
      },
      "/v1/deliveries/{id}/redeliver": {
        post: {
          summary: "Send a delivery again (or retry a failed one now)",
          parameters: [idParam("Delivery id")],
          responses: {
            "202": ok("The new (or retried) delivery", ref("Delivery")),
            "404": error("Unknown delivery"),
            ...common,
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: openApiComponents(),
    },
  };
}
