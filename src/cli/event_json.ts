/**
 * Events as `listen` prints them: one JSON object per line with at least `type`, `from`,
 * `timestamp`, `body` and `attachments`, without keys or bytes (no `tx`, attachment keys or
 * profile keys).
 *
 * @module
 */
import type { SessionEvent } from "../client/session/mod.ts";

const HIDDEN = new Set(["tx", "pointer", "profileKey", "error"]);

/** The JSON form of `event`. */
export function eventJson(event: SessionEvent): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(event, (key, value) => {
    if (HIDDEN.has(key) || value instanceof Uint8Array) return undefined;
    return value;
  }));
  return {
    type: event.type,
    id: plain.id ?? null,
    from: plain.from ?? null,
    timestamp: plain.timestamp ?? null,
    body: plain.body ?? null,
    attachments: plain.attachments ?? [],
    ...plain,
  };
}

/** A one-line human form of `event`. */
export function eventLine(event: SessionEvent): string {
  const who = event.from ? `${event.from.slice(0, 10)}…` : "?";
  const when = event.timestamp ? new Date(event.timestamp).toISOString() : "";
  switch (event.type) {
    case "message": {
      const files = event.attachments.length ? ` [${event.attachments.length} attachment(s)]` : "";
      return `${when} ${event.outgoing ? "→ " + event.conversation.slice(0, 10) + "…" : who}: ` +
        `${event.body ?? ""}${files}`;
    }
    case "error":
      return `error ${event.code}: ${event.message}`;
    case "reaction":
      return `${when} ${who} ${event.removed ? "removed" : "reacted"} ${event.emoji}`;
    default:
      return `${when} ${who} ${event.type}`;
  }
}
