/**
 * The event log's public types: what `append`, `since` and `subscribe` hand out.
 *
 * @module
 */
import type { AttachmentInfo, SessionEvent } from "../client/session/mod.ts";
import type { EventPayload } from "./payload.ts";

/** One logged event: its cursor (resume point) and its payload. */
export interface LoggedEvent {
  /** Position in the log; pass it as `since` (or `Last-Event-ID`) to read what came after. */
  readonly cursor: string;
  /** The event as JSON (`sessionbot.event/v1`). */
  readonly payload: EventPayload;
}

/** A page of the log. */
export interface EventPage {
  /** Events after the cursor asked for, oldest first. */
  readonly events: LoggedEvent[];
  /**
   * The cursor to ask with next time: the last one read (also past events the `types` filter
   * skipped), the one asked with when nothing was new, `null` when the log is empty.
   */
  readonly next: string | null;
  /** Whether more events are already waiting after `next`. */
  readonly more: boolean;
}

/** Options of {@link EventLog.since}. */
export interface SinceOptions {
  /** At most this many events (default 100, at most 1000). */
  readonly limit?: number;
  /** Only these event types (`message`, `reaction`, …); default all. */
  readonly types?: readonly string[];
}

/** Options of {@link createEventLog}. */
export interface EventLogOptions {
  /** How long events (and their attachment records) are kept, ms (default 7 days). */
  readonly retentionMs?: number;
  /** KV key prefix (default `["bridge", "events"]`): one per identity when several share a KV. */
  readonly prefix?: Deno.KvKey;
  /** How often an idle subscriber re-reads the log for appends from other processes (default 1000 ms). */
  readonly pollMs?: number;
  /** The API link of an attachment (default `/v1/attachments/<id>`). */
  readonly attachmentUrl?: (id: string) => string;
}

/**
 * A durable log of the events a client received, in KV: monotonic cursors, retention,
 * paging, live subscriptions, and the attachments of the logged messages.
 */
export interface EventLog {
  /**
   * Logs `event` (idempotent by event id: a redelivered event keeps its first cursor) and
   * registers its attachments as `<eventId>.<index>`.
   */
  append(event: SessionEvent): Promise<LoggedEvent>;
  /** Events after `cursor` (default: from the oldest kept), oldest first. */
  since(cursor?: string, options?: SinceOptions): Promise<EventPage>;
  /**
   * Every event after `cursor` (`undefined`: only events appended from now on), then each new
   * one as it is appended, until `signal` aborts.
   */
  subscribe(
    cursor: string | undefined,
    signal: AbortSignal,
    options?: Pick<SinceOptions, "types">,
  ): AsyncIterable<LoggedEvent>;
  /** A logged attachment by id (`<eventId>.<index>`), with the pointer `download` needs. */
  attachment(id: string): Promise<AttachmentInfo | undefined>;
  /**
   * A logged event's payload by its id (`<storage hash>:<type>`, or for a room post
   * `<server>/<room>/<messageId>:community:message`), while it is kept.
   */
  get(id: string): Promise<EventPayload | undefined>;
  /** The cursor of the newest event (`START_CURSOR` when none was ever logged). */
  head(): Promise<string>;
}

/** What the log keeps per event. */
export interface StoredEntry {
  readonly payload: EventPayload;
}

/** Re-exported for the signatures above. */
export type { AttachmentInfo, EventPayload, SessionEvent };
