/**
 * The event payload that leaves the process: what webhooks POST, what `GET /v1/messages` and
 * the `/v1/events` stream return. One versioned JSON schema (`sessionbot.event/v1`), without
 * keys or bytes: attachments are described and linked, never inlined.
 *
 * @module
 */
import type { AttachmentInfo, SessionEvent } from "../client/session/mod.ts";

/** The schema name every payload carries; a breaking change gets a new version. */
export const EVENT_SCHEMA = "sessionbot.event/v1";

/** An attachment as a payload describes it; fetch it from `url` (the HTTP API). */
export interface AttachmentMeta {
  /** Stable id: `<eventId>.<index>`. */
  readonly id: string;
  /** MIME type given by the sender. */
  readonly contentType: string | null;
  /** Original file name. */
  readonly fileName: string | null;
  /** Size in bytes, before encryption. */
  readonly size: number | null;
  /** Image width, pixels. */
  readonly width: number | null;
  /** Image height, pixels. */
  readonly height: number | null;
  /** Caption. */
  readonly caption: string | null;
  /** Whether it is a voice message. */
  readonly voice: boolean;
  /** Where the HTTP API serves the decrypted file (relative to its base URL). */
  readonly url: string;
}

/** One event, as JSON. Fields beyond these are type-specific and live in `data`. */
export interface EventPayload {
  /** The schema version, `sessionbot.event/v1`. */
  readonly schema: typeof EVENT_SCHEMA;
  /**
   * Unique per event: `<storage hash>:<type>` (one message can carry several events); for
   * community events `<server>/<room>/<messageId>…:<type>`.
   */
  readonly id: string;
  /** `message`, `reaction`, `receipt`, `typing`, `unsend`, `request`, … */
  readonly type: string;
  /** Our Session ID (the identity that received or sent it). */
  readonly identity: string;
  /** The sender's Session ID (ours for outgoing sync copies). */
  readonly from: string | null;
  /** The chat this event belongs to: the peer, or `<server>/<room>` for a room. */
  readonly conversation: string | null;
  /** Sent timestamp, ms since the epoch. */
  readonly timestamp: number | null;
  /** True for copies of what our own devices sent. */
  readonly outgoing: boolean;
  /** Message text, if any. */
  readonly body: string | null;
  /** Attachments (messages, room posts, community DMs), linked to the HTTP API. */
  readonly attachments: readonly AttachmentMeta[];
  /** The rest of the event (quote, emoji, target, kind…), plain JSON. */
  readonly data: Readonly<Record<string, unknown>>;
}

const COMMON = new Set([
  "type",
  "id",
  "identity",
  "from",
  "conversation",
  "timestamp",
  "outgoing",
  "body",
  "attachments",
]);
// Never leave the process: inbox handles, attachment and profile keys, raw error objects.
const SECRET = new Set(["tx", "pointer", "profileKey", "error"]);

/**
 * The stable id of an event: its message's storage hash plus its type.
 *
 * @example
 * ```ts
 * import { eventId } from "./mod.ts";
 * import type { SessionEvent } from "../client/session/mod.ts";
 *
 * declare const event: SessionEvent;
 * // e.g. "Vf2l…:message"; the same on every redelivery, so receivers can deduplicate.
 * console.log(eventId(event));
 * ```
 */
export function eventId(event: SessionEvent): string {
  return `${event.id ?? "local"}:${event.type}`;
}

/**
 * Turns a client event into its payload; `attachmentUrl` builds the API link of an attachment
 * (default `/v1/attachments/<id>`).
 *
 * @example
 * ```ts
 * client.on("*", (event) => console.log(JSON.stringify(toEventPayload(event))));
 * ```
 */
export function toEventPayload(
  event: SessionEvent,
  attachmentUrl: (id: string) => string = (id) => `/v1/attachments/${encodeURIComponent(id)}`,
): EventPayload {
  const id = eventId(event);
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (!COMMON.has(key) && !SECRET.has(key)) data[key] = plain(value);
  }
  const attachments = eventAttachments(event).map((a, i) =>
    attachmentMeta(a, `${id}.${i}`, attachmentUrl)
  );
  // Community reactions may not name their reactor (""): null, as for events without one.
  const from = "from" in event && event.from ? event.from : null;
  return {
    schema: EVENT_SCHEMA,
    id,
    type: event.type,
    identity: event.identity,
    from,
    conversation: "conversation" in event ? event.conversation : null,
    timestamp: event.timestamp ?? null,
    outgoing: "outgoing" in event ? event.outgoing : false,
    body: "body" in event ? event.body ?? null : null,
    attachments,
    data,
  };
}

/** Event types whose `attachments` the payload describes (and the event log registers). */
const WITH_ATTACHMENTS = new Set(["message", "community:message", "community:dm"]);

/**
 * The attachments an event carries: those of messages, room posts and community DMs (room
 * files are downloaded through the room, the others from the file server); `[]` otherwise.
 *
 * @example
 * ```ts
 * client.on("community:message", (event) => console.log(eventAttachments(event).length));
 * ```
 */
export function eventAttachments(event: SessionEvent): readonly AttachmentInfo[] {
  if (!WITH_ATTACHMENTS.has(event.type) || !("attachments" in event)) return [];
  return Array.isArray(event.attachments) ? event.attachments : [];
}

function attachmentMeta(
  info: AttachmentInfo,
  id: string,
  url: (id: string) => string,
): AttachmentMeta {
  return {
    id,
    contentType: info.contentType ?? null,
    fileName: info.fileName ?? null,
    size: info.size ?? null,
    width: info.width ?? null,
    height: info.height ?? null,
    caption: info.caption ?? null,
    voice: info.voice,
    url: url(id),
  };
}

/** JSON-safe copy without secrets or bytes (bigints become strings). */
function plain(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (SECRET.has(key) || v instanceof Uint8Array) return undefined;
      return typeof v === "bigint" ? v.toString() : v;
    }) ?? "null",
  );
}
