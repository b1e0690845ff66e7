/**
 * Room files for `GET /v1/attachments/:id`: a room post's attachment points at
 * `<server>/room/<token>/file/<id>`, a plain file behind the room's signed requests (not the
 * file server, not encrypted), so it is downloaded through the joined room's handle.
 *
 * @module
 */
import type { FetchedAttachment } from "../client/attachments/mod.ts";
import type { AttachmentInfo } from "../client/session/mod.ts";
import { notFound } from "./errors.ts";
import type { ApiClient } from "./options.ts";

const ROOM_FILE = /^(https?:\/\/[^/?#]+)\/room\/([0-9A-Za-z_-]{1,64})\/file\/(\d{1,15})$/;

/**
 * Downloads `info` through its joined room when it is a room file; `undefined` when it is not
 * (a file server attachment: the client downloads and decrypts those).
 *
 * @throws {ApiError} 404 when the room is no longer joined.
 * @example
 * ```ts
 * declare const client: ApiClient, info: AttachmentInfo;
 * const file = await downloadRoomFile(client, info) ?? await client.download(info);
 * ```
 */
export async function downloadRoomFile(
  client: ApiClient,
  info: AttachmentInfo,
): Promise<FetchedAttachment | undefined> {
  const match = ROOM_FILE.exec(info.url ?? "");
  if (!match) return undefined;
  const [, server, room, fileId] = match;
  const joined = client.communities ? await client.communities.list() : [];
  const community = joined.find((c) => c.server === server.toLowerCase() && c.room === room);
  if (!community) {
    throw notFound(
      `the attachment is a file of the room ${server}/${room}, which the service has not ` +
        "joined (any more): room files are downloaded through the joined room",
    );
  }
  const bytes = await community.download(Number(fileId));
  return {
    bytes,
    contentType: info.contentType ?? "application/octet-stream",
    size: bytes.length,
    ...(info.fileName !== undefined ? { fileName: info.fileName } : {}),
    ...(info.width !== undefined ? { width: info.width } : {}),
    ...(info.height !== undefined ? { height: info.height } : {}),
  };
}
