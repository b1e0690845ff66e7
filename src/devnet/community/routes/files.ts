/**
 * File routes (pysogs `routes/rooms.py`): `POST /room/:t/file` (upload + write permission,
 * raw body, optional `Content-Disposition` filename, 201 `{id}`) and `GET /room/:t/file/:id[/name]`
 * (read permission, raw bytes with `Content-Disposition` and `Expires`).
 *
 * @module
 */
import { ok, type RouteContext } from "../context.ts";
import { refuse } from "../errors.ts";
import { CLAIMED_EXPIRY, UNCLAIMED_EXPIRY } from "../files.ts";
import type { RoomRecord } from "../model.ts";
import type { Route } from "../router.ts";

/** The filename of a `Content-Disposition` header (`filename*=UTF-8''…` or `filename="…"`). */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return undefined;
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1].trim() || undefined;
}

/** Attaches uploaded `files` to message `messageId`: they then live 15 days (first claim wins). */
export function ownFiles(
  ctx: RouteContext,
  room: RoomRecord,
  messageId: number,
  files: readonly number[],
  user: string,
): void {
  for (const id of files) {
    const record = ctx.db.files.get(id);
    if (!record || record.room !== room.token || record.uploader !== user) continue;
    if (record.message !== undefined) continue;
    record.message = messageId;
    if (record.expiry !== undefined) record.expiry = ctx.now + CLAIMED_EXPIRY;
    ctx.db.put(["file", id], record);
  }
}

async function upload(ctx: RouteContext): Promise<Response> {
  const user = ctx.requireUser();
  const room = ctx.room(ctx.params[0]);
  const standing = ctx.standing(room);
  if (!(standing.write && standing.upload)) {
    refuse(403, "This endpoint requires room 'upload' and 'write' permission");
  }
  if (ctx.body.length === 0) refuse(400, "Invalid upload: the body is empty");
  if (ctx.body.length > ctx.core.limits.maxFileSize) {
    refuse(413, `File too large: at most ${ctx.core.limits.maxFileSize} bytes`);
  }
  const record = await ctx.core.files.add({
    room: room.token,
    uploader: user,
    size: ctx.body.length,
    uploaded: ctx.now,
    expiry: ctx.now + UNCLAIMED_EXPIRY,
    filename: dispositionFilename(ctx.headers.get("content-disposition")),
  }, ctx.body);
  return ok({ id: record.id }, 201);
}

async function download(ctx: RouteContext): Promise<Response> {
  const room = ctx.room(ctx.params[0]);
  ctx.requireRead(room);
  const id = /^\d+$/.test(ctx.params[1]) ? Number(ctx.params[1]) : -1;
  const found = await ctx.core.files.read(id, ctx.now);
  if (!found || found.record.room !== room.token) refuse(404, `No such file: ${ctx.params[1]}`);
  const headers: Record<string, string> = {
    "content-type": "application/octet-stream",
    "date": new Date(ctx.now * 1000).toUTCString(),
  };
  if (found.record.filename) {
    headers["content-disposition"] = `attachment; filename*=UTF-8''${
      encodeURIComponent(found.record.filename)
    }`;
  }
  if (found.record.expiry !== undefined) {
    headers["expires"] = new Date(found.record.expiry * 1000).toUTCString();
  }
  return new Response(found.bytes.slice(), { headers });
}

/** The file routes. */
export const fileRoutes: Route[] = [
  { method: "POST", pattern: "/room/:token/file", handler: upload },
  { method: "GET", pattern: "/room/:token/file/:id", handler: download },
  { method: "GET", pattern: "/room/:token/file/:id/:name", handler: download },
];
