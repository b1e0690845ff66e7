/**
 * The Deno KV keys of the session runtime, all under the identity's Session ID so several
 * identities share one database without touching each other's state (design.md "KV keys").
 *
 * @module
 */

/** Every key the runtime writes, by purpose. */
export const keys = {
  /** Poll state: the next inbox sequence number, the preferred node, the baseline flag. */
  poll: (sid: string): Deno.KvKey => ["poll", sid],
  /** Last storage hash seen from one node (cursors are per node, core §2.9). */
  cursor: (sid: string, node: string): Deno.KvKey => ["cursor", sid, 0, node],
  /** Dedup marker of a storage hash; expires with the message. */
  seen: (sid: string, hash: string): Deno.KvKey => ["seen", sid, hash],
  /** Raw message waiting for its handlers. */
  inbox: (sid: string, seq?: number): Deno.KvKey =>
    seq === undefined ? ["inbox", sid] : ["inbox", sid, seq],
  /** Message waiting to be stored. */
  outbox: (sid: string, seq?: number): Deno.KvKey =>
    seq === undefined ? ["outbox", sid] : ["outbox", sid, seq],
  /** Next outbox sequence number. */
  outboxSeq: (sid: string): Deno.KvKey => ["outbox_seq", sid],
  /** Continuation of a value over 60 000 characters (`box` is `"inbox"` or `"outbox"`). */
  part: (
    box: string,
    sid: string,
    seq: number,
    index: number,
  ): Deno.KvKey => [`${box}_part`, sid, seq, index],
  /** A message given up on, with the reason. */
  dead: (sid: string, box?: "in" | "out", id?: string): Deno.KvKey =>
    box === undefined
      ? ["dead", sid]
      : id === undefined
      ? ["dead", sid, box]
      : ["dead", sid, box, id],
  /** A message we sent, by its timestamp: recipient, hash and sync copy hash. */
  sent: (sid: string, timestamp: number): Deno.KvKey => ["sent", sid, timestamp],
  /** A message we received, by author and timestamp: its hash (replay check, unsend, expiry). */
  ref: (
    sid: string,
    author: string,
    timestamp: number,
  ): Deno.KvKey => ["ref", sid, author, timestamp],
  /** What we know about a peer: approval, block, profile, disappearing timer. */
  contact: (sid: string, peer?: string): Deno.KvKey =>
    peer === undefined ? ["contact", sid] : ["contact", sid, peer],
  /** Our own profile (display name, avatar URL and key). */
  profile: (sid: string): Deno.KvKey => ["profile", sid],
  /** A swarm copy to delete when its disappearing timer runs out. */
  expiry: (sid: string, at?: number, hash?: string): Deno.KvKey =>
    at === undefined ? ["expiry", sid] : ["expiry", sid, at, hash ?? ""],
} as const;
