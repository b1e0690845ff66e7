/**
 * `GET /v1/attachments/:id`: a logged message's attachment, downloaded, verified and decrypted
 * by the client (a room post's file: downloaded through its joined room), served as a download (never rendered inline: its type comes from the sender).
 *
 * @module
 */
import { Hono } from "hono";
import type { RouteDeps, ServerEnv } from "../deps.ts";
import { notFound } from "../errors.ts";
import { downloadRoomFile } from "../room_file.ts";

/**
 * The attachment route.
 *
 * @example
 * ```ts
 * declare const deps: RouteDeps;
 * const app = new Hono().route("/", attachmentRoutes(deps));
 * ```
 */
export function attachmentRoutes(deps: RouteDeps): Hono<ServerEnv> {
  const { client, events } = deps.config;
  const app = new Hono<ServerEnv>();
  app.get("/v1/attachments/:id", async (c) => {
    const id = c.req.param("id");
    const info = await events.attachment(id);
    if (!info) {
      throw notFound(
        `no attachment '${id.slice(0, 200)}': use an id from an event's attachments[].id; ` +
          "attachments are kept as long as their event (the log's retention)",
      );
    }
    // Room files come through their room; the rest from the file server, decrypted.
    const file = await downloadRoomFile(client, info) ?? await client.download(info);
    const name = file.fileName ?? info.fileName ?? id;
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": safeType(file.contentType),
      "content-length": String(file.bytes.length),
      "content-disposition": `attachment; filename="${ascii(name)}"; filename*=UTF-8''${
        encodeURIComponent(name)
      }`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
      "cache-control": "private, max-age=3600",
    });
  });
  return app;
}

function safeType(type: string): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : "application/octet-stream";
}

function ascii(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, "_");
}
