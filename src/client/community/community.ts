/**
 * One joined room: posting, reactions, deletion, pins, files and blinded DMs, each a signed
 * request to the server; moderation comes from `moderation.ts`.
 *
 * @module
 */
import { toBase64 } from "../../core/bytes.ts";
import { padMessage } from "../../crypto/padding.ts";
import { encodeContent } from "../../proto/mod.ts";
import { encryptBlindedDm } from "./dm.ts";
import { statusError } from "./errors.ts";
import { findOutboxDm, findPost } from "./find_sent.ts";
import { communityKeys } from "./keys.ts";
import { sendOnce } from "./once.ts";
import { joinLinkOf } from "./join_link.ts";
import { encodePost } from "./payload.ts";
import { postContent, postInput, roomFilePointer } from "./post.ts";
import { readRoomInfo } from "./room_info.ts";
import { echoKey } from "./route.ts";
import type { ServerConnection } from "./transport.ts";
import type { AttachmentInput, Community, PostInput, PostResult, RoomInfo } from "./types.ts";
import { createModeration } from "./moderation.ts";
import { blindedIdOf, emojiOf, messageIdOf, userIdOf } from "./validate.ts";

/** What a room handle runs on. */
export interface CommunityDeps {
  readonly kv: Deno.Kv;
  readonly sid: string;
  readonly seed: Uint8Array;
  readonly conn: ServerConnection;
  readonly room: string;
  /** Our blind15 ID here. */
  readonly me: string;
  /** Whether we act blinded here (false on servers without `blind`). */
  blinded(): boolean;
  /** Whether `id` is us here. */
  isMe(id: string): boolean;
  /** Network time, ms. */
  now(): number;
  /** Our display name, sent with posts. */
  displayName(): string | undefined;
  /** The room as of the last poll (see `room_details.ts`). */
  details(): RoomInfo | undefined;
  /** Registers a send in flight (the poller waits for its echo marker). */
  track<T>(job: Promise<T>): Promise<T>;
}

/** Echo markers outlive any poll delay by far. */
const ECHO_TTL_MS = 86_400_000;

/**
 * Creates the handle of a joined room.
 *
 * @example
 * ```ts
 * const lobby = await client.communities.join(devnet.community.joinLink);
 * const { id } = await lobby.post("hello");
 * await lobby.react(id, "👍");
 * ```
 */
export function createCommunity(deps: CommunityDeps): Community {
  const { conn, room, kv, sid } = deps;
  const server = conn.server;
  const conversation = `${server}/${room}`;
  const base = `/room/${room}`;

  async function info(): Promise<RoomInfo> {
    return readRoomInfo(await conn.call(`info of ${room}`, { method: "GET", path: base }));
  }

  async function upload(bytes: Uint8Array, options: { fileName?: string } = {}) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError("upload takes a Uint8Array");
    const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
    if (options.fileName) {
      headers["Content-Disposition"] = `attachment; filename*=UTF-8''${
        encodeURIComponent(options.fileName)
      }`;
    }
    const body = await conn.call<{ id?: unknown }>(`upload to ${room}`, {
      method: "POST",
      path: `${base}/file`,
      bytes,
      headers,
    });
    return { id: messageIdOf(body?.id, "id") };
  }

  async function download(fileId: number): Promise<Uint8Array> {
    const id = messageIdOf(fileId, "fileId");
    const response = await conn.send({ method: "GET", path: `${base}/file/${id}` });
    if (response.code !== 200) {
      throw statusError(`download of file ${id}`, response.code);
    }
    return response.body;
  }

  async function uploadAll(files: readonly AttachmentInput[]) {
    const pointers = [];
    for (const file of files) {
      const { id } = await upload(file.bytes, { fileName: file.fileName });
      pointers.push(roomFilePointer(server, room, id, { ...file, size: file.bytes.length }));
    }
    return pointers;
  }

  async function post(input: string | PostInput): Promise<PostResult> {
    const value = postInput(input);
    if (value.whisperTo !== undefined) userIdOf(value.whisperTo, "whisperTo");
    return await deps.track((async () => {
      const pointers = await uploadAll(value.attachments ?? []);
      const content = postContent(value, pointers, deps.now(), deps.displayName());
      const { data, signature } = encodePost(deps.seed, conn.publicKey, content, {
        blinded: deps.blinded(),
      });
      const json = {
        data,
        signature,
        ...(pointers.length ? { files: pointers.map((p) => Number(p.id)) } : {}),
        ...(value.whisperTo ? { whisper_to: value.whisperTo } : {}),
      };
      const what = `post to ${room}`;
      const body = await sendOnce({
        what,
        send: () =>
          conn.call<Record<string, unknown>>(what, {
            method: "POST",
            path: `${base}/message`,
            json,
            idempotent: false,
          }),
        find: () => findPost(conn, room, signature),
      });
      const id = messageIdOf(body?.id, "id");
      await kv.set(echoKey(sid, conversation, id), true, { expireIn: ECHO_TTL_MS });
      return {
        id,
        seqno: typeof body.seqno === "number" ? body.seqno : 0,
        posted: typeof body.posted === "number" ? Math.round(body.posted * 1000) : deps.now(),
      };
    })());
  }

  async function react(messageId: number, emoji: string): Promise<void> {
    const path = `${base}/reaction/${messageIdOf(messageId)}/${emojiOf(emoji)}`;
    await conn.call(`reaction in ${room}`, { method: "PUT", path, json: {} });
  }

  async function unreact(messageId: number, emoji: string): Promise<void> {
    const path = `${base}/reaction/${messageIdOf(messageId)}/${emojiOf(emoji)}`;
    await conn.call(`reaction removal in ${room}`, { method: "DELETE", path });
  }

  async function remove(messageId: number): Promise<void> {
    const path = `${base}/message/${messageIdOf(messageId)}`;
    await conn.call(`deletion in ${room}`, { method: "DELETE", path });
  }

  async function pin(messageId: number): Promise<void> {
    await conn.call(`pin in ${room}`, {
      method: "POST",
      path: `${base}/pin/${messageIdOf(messageId)}`,
      json: {},
    });
  }

  async function unpin(messageId: number): Promise<void> {
    await conn.call(`unpin in ${room}`, {
      method: "POST",
      path: `${base}/unpin/${messageIdOf(messageId)}`,
      json: {},
    });
  }

  async function sendDm(to: string, input: string | { body?: string }): Promise<{ id: number }> {
    const recipient = blindedIdOf(to);
    const value = postInput(typeof input === "string" ? { body: input } : { body: input?.body });
    return await deps.track((async () => {
      const content = postContent(value, [], deps.now(), deps.displayName());
      const padded = padMessage(encodeContent(content));
      const message = toBase64(encryptBlindedDm(deps.seed, conn.publicKey, recipient, padded));
      // Read before sending: the poller may move the cursor past our DM meanwhile.
      const outboxBefore = (await kv.get<number>(communityKeys.dmCursor(sid, server, "outbox")))
        .value ?? 0;
      const what = `DM to ${recipient.slice(0, 10)}…`;
      const body = await sendOnce({
        what,
        send: () =>
          conn.call<Record<string, unknown>>(what, {
            method: "POST",
            path: `/inbox/${recipient}`,
            json: { message },
            idempotent: false,
          }),
        find: () => findOutboxDm(conn, message, outboxBefore),
      });
      const id = messageIdOf(body?.id, "id");
      await kv.set(echoKey(sid, `${server}/outbox`, id), true, { expireIn: ECHO_TTL_MS });
      return { id };
    })());
  }

  const moderation = createModeration(conn, room);

  return Object.freeze({
    server,
    room,
    publicKey: conn.publicKey,
    link: joinLinkOf({ server, room, publicKey: conn.publicKey }),
    me: deps.me,
    info,
    details: deps.details,
    post,
    react,
    unreact,
    delete: remove,
    pin,
    unpin,
    upload,
    download,
    sendDm,
    ...moderation,
    isMe: deps.isMe,
  });
}
