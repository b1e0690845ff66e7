/**
 * The public shapes of the community client: room info, post inputs, and the `Community` /
 * `Communities` handles (the shared contract of the community work).
 *
 * @module
 */
import type { AttachmentInput } from "../attachments/mod.ts";
import type { CommunityTransport } from "./transport.ts";

export type { AttachmentInput };

/** A pinned post. */
export interface PinnedMessage {
  /** The post's id. */
  readonly id: number;
  /** When it was pinned, ms. */
  readonly pinnedAt: number;
  /** Who pinned it. */
  readonly pinnedBy: string;
}

/** A room as the server describes it (our own permissions included). */
export interface RoomInfo {
  /** Room token. */
  readonly token: string;
  /** Display name. */
  readonly name: string;
  /** Description. */
  readonly description?: string;
  /** Bumped whenever name, description, image, pins or moderators change. */
  readonly infoUpdates: number;
  /** The room's latest sequence number. */
  readonly messageSequence: number;
  /** Creation time, ms. */
  readonly created: number;
  /** Users active in the last week. */
  readonly activeUsers: number;
  /** Room image file id. */
  readonly imageId?: number;
  /** Pinned posts. */
  readonly pinnedMessages: readonly PinnedMessage[];
  /** Moderators (the hidden ones too, when we may see them). */
  readonly moderators: readonly string[];
  /** Admins (the hidden ones too, when we may see them). */
  readonly admins: readonly string[];
  /** Whether we may read. */
  readonly read: boolean;
  /** Whether we may post. */
  readonly write: boolean;
  /** Whether we may upload files. */
  readonly upload: boolean;
  /** Whether we moderate this room. */
  readonly moderator: boolean;
  /** Whether we administer this room. */
  readonly admin: boolean;
  /** Whether we moderate the whole server. */
  readonly globalModerator: boolean;
  /** Whether we administer the whole server. */
  readonly globalAdmin: boolean;
}

/** What `post` accepts besides plain text. */
export interface PostInput {
  /** Text. */
  readonly body?: string;
  /** Files, uploaded to the room and referenced by the post. */
  readonly attachments?: readonly AttachmentInput[];
  /** A reply: the quoted post's sent timestamp, author, and text. */
  readonly quote?: { readonly id: number; readonly author: string; readonly text?: string };
  /** Whisper to one user (moderators only). */
  readonly whisperTo?: string;
}

/** A stored post's identity on the server. */
export interface PostResult {
  /** The message id. */
  readonly id: number;
  /** Its sequence number. */
  readonly seqno: number;
  /** When the server stored it, ms. */
  readonly posted: number;
}

/** Options of `communities.join`. */
export interface JoinOptions {
  /** Deliver the room's history from its first post (default false: only what comes next). */
  readonly history?: boolean;
  /** Adaptive poll interval, ms (default 1 000 after activity, up to 10 000). */
  readonly pollInterval?: { readonly min?: number; readonly max?: number };
  /** `"onion"` (default, as Session apps) or `"direct"` HTTP (reveals our IP to the server). */
  readonly transport?: CommunityTransport;
}

/** Options of `capabilities` and `rooms`. */
export interface ServerOptions {
  /** `"onion"` (default) or `"direct"`. */
  readonly transport?: CommunityTransport;
}

/** One joined room. */
export interface Community {
  /** Canonical server base URL. */
  readonly server: string;
  /** Room token. */
  readonly room: string;
  /** The server's X25519 key, hex. */
  readonly publicKey: string;
  /** The join link. */
  readonly link: string;
  /** Our blind15 ID on this server. */
  readonly me: string;
  /** The room's info, fresh from the server. */
  info(): Promise<RoomInfo>;
  /**
   * The room's info as of the last poll, without a request: details (name, moderators, pins)
   * refresh when the server says they changed, our standing (`read`, `write`, `upload`,
   * `moderator`) and `activeUsers` every round, as Session apps do. Undefined until known.
   *
   * @example
   * ```ts
   * if (room.details()?.write === false) console.log("we are muted here");
   * ```
   */
  details(): RoomInfo | undefined;
  /** Posts text or `{ body, attachments, quote, whisperTo }`. */
  post(input: string | PostInput): Promise<PostResult>;
  /** Adds a reaction. */
  react(messageId: number, emoji: string): Promise<void>;
  /** Removes our reaction. */
  unreact(messageId: number, emoji: string): Promise<void>;
  /** Deletes a post (ours, or any as moderator). */
  delete(messageId: number): Promise<void>;
  /** Pins (admin). */
  pin(messageId: number): Promise<void>;
  /** Unpins (admin). */
  unpin(messageId: number): Promise<void>;
  /** Uploads a file to the room (expires in 1 h unless a post references it). */
  upload(bytes: Uint8Array, options?: { fileName?: string }): Promise<{ id: number }>;
  /** Downloads a room file. */
  download(fileId: number): Promise<Uint8Array>;
  /** Sends a blinded DM to a `15…` ID through this server's inbox. */
  sendDm(to: string, input: string | { body?: string }): Promise<{ id: number }>;
  /** Bans from this room (or the server), optionally for `seconds`. */
  ban(sessionId: string, options?: { global?: boolean; seconds?: number }): Promise<void>;
  /** Lifts a ban. */
  unban(sessionId: string, options?: { global?: boolean }): Promise<void>;
  /** Takes write permission away for `seconds`. */
  mute(sessionId: string, options: { seconds: number }): Promise<void>;
  /** Gives write permission back. */
  unmute(sessionId: string): Promise<void>;
  /** Makes a moderator (or admin) of this room (or the server). */
  addModerator(
    sessionId: string,
    options?: { admin?: boolean; global?: boolean; visible?: boolean },
  ): Promise<void>;
  /** Removes a moderator. */
  removeModerator(sessionId: string, options?: { global?: boolean }): Promise<void>;
  /** Deletes every post of a user in this room. */
  deleteAllFrom(sessionId: string): Promise<void>;
  /** Whether `id` is us (blind15 either sign, or our `05`/`00` IDs). */
  isMe(id: string): boolean;
}

/** The rooms a client has joined. */
export interface Communities {
  /** Joins a room by link (persisted; `start()` resumes polling it). */
  join(link: string, options?: JoinOptions): Promise<Community>;
  /** Leaves a room: polling stops and the record is dropped. */
  leave(link: string): Promise<void>;
  /** Joined rooms. */
  list(): Promise<Community[]>;
  /** A joined room (loaded ones: after `join`, or after `start()` resumed it). */
  get(link: string): Community | undefined;
  /** The server's capabilities (`blind`, `reactions`, `sogs`, …). */
  capabilities(server: string, publicKey: string, options?: ServerOptions): Promise<string[]>;
  /** The rooms we can see on a server. */
  rooms(server: string, publicKey: string, options?: ServerOptions): Promise<RoomInfo[]>;
}
