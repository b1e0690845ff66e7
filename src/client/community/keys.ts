/**
 * The KV keys of the community client, all under our Session ID (design.md "KV keys").
 *
 * @module
 */

/** The inbox key space (see `createInbox(kv, sid, box)`). */
export const COMMUNITY_INBOX = "community_inbox";

/** Every key the community client writes, by purpose. */
export const communityKeys = {
  /** A joined room: `<server>/<room>` → its record. */
  room: (sid: string, room?: string): Deno.KvKey =>
    room === undefined ? ["community_room", sid] : ["community_room", sid, room],
  /** The highest seqno taken into the inbox for a room. */
  cursor: (sid: string, room: string): Deno.KvKey => ["community_cursor", sid, room],
  /** The last DM id taken in from a server's `inbox` or `outbox`. */
  dmCursor: (sid: string, server: string, box: "inbox" | "outbox"): Deno.KvKey => [
    "community_dm_cursor",
    sid,
    server,
    box,
  ],
  /** The next community inbox sequence number. */
  seq: (sid: string): Deno.KvKey => ["community_seq", sid],
  /** Last known reactions of a post (to tell added from removed). */
  reactions: (sid: string, room: string, messageId: number): Deno.KvKey => [
    "community_reacts",
    sid,
    room,
    messageId,
  ],
} as const;

/**
 * Whether `ref` names a community dead letter: their ids are `<server>/<room>#<seqno>` or
 * `<server>/<inbox|outbox>/<id>` (a URL), while swarm hashes are base64 (no `#`, no `:`).
 *
 * @example
 * ```ts
 * isCommunityLetter("http://127.0.0.1:4000/lobby#12"); // true
 * isCommunityLetter("Vt2r1…"); // false
 * ```
 */
export function isCommunityLetter(ref: unknown): boolean {
  const id = typeof ref === "object" && ref !== null ? (ref as { id?: unknown }).id : ref;
  return typeof id === "string" && (id.includes("#") || id.includes(":"));
}
