/**
 * The KV keys of the event log: one sequence counter, the entries by sequence, an index by
 * event id (for idempotent appends) and the attachments by id.
 *
 * @module
 */

/** Default prefix of everything the event log writes. */
export const DEFAULT_PREFIX: Deno.KvKey = ["bridge", "events"];

/** The keys under `prefix`. */
export function logKeys(prefix: Deno.KvKey) {
  return {
    /** The last sequence number handed out (a `Deno.KvU64`). */
    seq: [...prefix, "seq"] as Deno.KvKey,
    /** Entries: `[...prefix, "log", seq]` → `LogEntry`. */
    log: [...prefix, "log"] as Deno.KvKey,
    entry: (seq: bigint): Deno.KvKey => [...prefix, "log", seq],
    /** Event id → its sequence number. */
    byId: (id: string): Deno.KvKey => [...prefix, "id", id],
    /** Attachment id (`<eventId>.<index>`) → `AttachmentInfo` with its pointer. */
    attachment: (id: string): Deno.KvKey => [...prefix, "attachment", id],
  };
}

/** The keys' type. */
export type LogKeys = ReturnType<typeof logKeys>;
