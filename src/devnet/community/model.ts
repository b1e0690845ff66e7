/**
 * The community server's records. Times are unix seconds (floats), as pysogs stores and serves
 * them; user fields hold canonical user keys (see `ids.ts`).
 *
 * @module
 */

/** Permission flags a room has by default and a user may have overridden. */
export interface PermissionFlags {
  /** May read messages. */
  read: boolean;
  /** May see the room exists and its info (implied by `read`). */
  accessible: boolean;
  /** May post, edit own posts and react. */
  write: boolean;
  /** May upload files (needs `write` too). */
  upload: boolean;
}

/** A pinned message. */
export interface Pin {
  id: number;
  pinnedAt: number;
  pinnedBy: string;
}

/** A room. */
export interface RoomRecord {
  token: string;
  name: string;
  description?: string;
  created: number;
  infoUpdates: number;
  /** The room's seqno counter: the highest seqno handed out. */
  sequence: number;
  imageId?: number;
  defaults: PermissionFlags;
  pins: Pin[];
}

/** A post (deleted posts stay as tombstones without data). */
export interface MessageRecord {
  id: number;
  room: string;
  /** The poster's key and the id they posted as. */
  user: string;
  sessionId: string;
  posted: number;
  edited?: number;
  /** Latest change of any kind (the value served). */
  seqno: number;
  /** Seqno of the last content change (post, edit, delete). */
  seqnoData: number;
  /** Seqno of the last reaction change. */
  seqnoReactions: number;
  /** Seqno when it was posted. */
  seqnoCreation: number;
  /** Data without padding, and its padded length; absent once deleted. */
  data?: Uint8Array;
  dataSize?: number;
  signature?: Uint8Array;
  /** Whisper recipient key. */
  whisperTo?: string;
  whisperMods: boolean;
}

/** One reaction of one user. */
export interface Reaction {
  emoji: string;
  user: string;
  at: number;
  /** Global insertion order, for `index` (first-reaction-added order). */
  order: number;
}

/** Room-specific user settings: permission overrides, ban, moderator/admin. */
export interface RoomUserRecord extends Partial<PermissionFlags> {
  banned?: boolean;
  /** Ban end, unix seconds; absent for a permanent ban. */
  bannedUntil?: number;
  moderator?: boolean;
  admin?: boolean;
  visible?: boolean;
}

/** Server-wide user settings. */
export interface GlobalUserRecord {
  banned?: boolean;
  bannedUntil?: number;
  moderator?: boolean;
  admin?: boolean;
  visible?: boolean;
}

/** A scheduled permission change (`futurePermissions`). */
export interface FutureChange {
  id: number;
  room: string;
  user: string;
  at: number;
  read?: boolean;
  write?: boolean;
  upload?: boolean;
}

/** An uploaded file's metadata (the bytes are chunked in KV). */
export interface FileRecord {
  id: number;
  room: string;
  uploader: string;
  size: number;
  uploaded: number;
  /** Unix seconds; absent: never expires (room image). */
  expiry?: number;
  filename?: string;
  message?: number;
  chunks: number;
}

/** A blinded direct message. */
export interface DmRecord {
  id: number;
  sender: string;
  senderId: string;
  recipient: string;
  recipientId: string;
  postedAt: number;
  expiresAt: number;
  data: Uint8Array;
}

/** Counters handed out once each. */
export interface Counters {
  message: number;
  file: number;
  dm: number;
  future: number;
  reaction: number;
}
