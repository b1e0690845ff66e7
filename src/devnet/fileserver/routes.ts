/**
 * The file server's HTTP API (extended.md §2.4): upload, download, info, extend, and the
 * deprecated `/files` pair. Used directly over HTTP and as the target of v4 onion requests.
 *
 * @module
 */
import { fromBase64, toBase64 } from "../../core/bytes.ts";
import { jsonResponse, readBody } from "../http.ts";
import { fileId, isContentId, legacyFileId } from "./ids.ts";
import type { FileMeta, FileStore } from "./store.ts";

/** File server limits and clock. */
export interface FileServerConfig {
  /** Largest upload in bytes (default 10,223,616). */
  readonly maxFileSize: number;
  /** Expiry of an upload without `X-FS-TTL`, in seconds (default 3 weeks). */
  readonly defaultTtl: number;
  /** Largest accepted `X-FS-TTL`, in seconds (default 3 weeks). */
  readonly maxTtl: number;
  /** The server clock in ms. */
  now(): number;
}

const error = (code: number) => jsonResponse(code, { status_code: code });

/** Creates the file server's route handler. */
export function createFileRoutes(
  store: FileStore,
  config: FileServerConfig,
): (request: Request) => Promise<Response> {
  function ttlOf(request: Request): number | undefined {
    const header = request.headers.get("x-fs-ttl");
    if (header === null) return config.defaultTtl;
    const ttl = Number(header);
    return Number.isInteger(ttl) && ttl > 0 && ttl <= config.maxTtl ? ttl : undefined;
  }

  async function upload(request: Request, body: Uint8Array, legacy: boolean): Promise<Response> {
    const ttl = ttlOf(request);
    if (ttl === undefined) return error(400);
    if (body.length === 0 || body.length > config.maxFileSize) return error(413);
    const now = config.now();
    const id = legacy ? legacyFileId() : fileId(body);
    const meta = await store.put(id, body, now, now + ttl * 1000);
    if (legacy) return jsonResponse(200, { result: Number(id), status_code: 200 });
    return jsonResponse(200, { id, expires: meta.expires / 1000 });
  }

  async function legacyUpload(request: Request, body: Uint8Array): Promise<Response> {
    let file: unknown;
    try {
      file = JSON.parse(new TextDecoder().decode(body))?.file;
    } catch {
      return error(400);
    }
    if (typeof file !== "string") return error(400);
    if (file.length === 0 || file.length > b64Length(config.maxFileSize)) return error(413);
    try {
      return await upload(request, fromBase64(file), true);
    } catch {
      return error(400);
    }
  }

  async function extend(request: Request, id: string): Promise<Response> {
    const ttl = ttlOf(request);
    if (ttl === undefined) return error(400);
    const meta = isContentId(id) ? await store.meta(id, config.now()) : undefined;
    if (!meta) return error(404);
    const expires = Math.max(meta.expires, config.now() + ttl * 1000);
    await store.update(id, { ...meta, expires });
    return info({ ...meta, expires });
  }

  async function download(id: string, legacy: boolean): Promise<Response> {
    const now = config.now();
    const meta = await store.meta(id, now);
    const data = meta && await store.read(id, now);
    if (!meta || !data) return error(404);
    if (legacy) return jsonResponse(200, { status_code: 200, result: toBase64(data) });
    return new Response(data.slice(), {
      headers: {
        "content-type": "application/octet-stream",
        "expires": new Date(meta.expires).toUTCString(),
      },
    });
  }

  return async function fileRoutes(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const [, kind, id, action] = path.match(/^\/(files?)(?:\/([^/]+))?(?:\/(info|extend))?$/) ??
      [];
    const route = `${request.method} ${kind ?? "?"}${id ? "/id" : ""}${action ? `/${action}` : ""}`;
    let body: Uint8Array = new Uint8Array(0);
    if (route === "POST file" || route === "POST files") {
      const limit = kind === "files" ? b64Length(config.maxFileSize) + 4096 : config.maxFileSize;
      const read = await readBody(request, limit);
      if (!read) return error(413);
      body = read;
    }
    switch (route) {
      case "POST file":
        return await upload(request, body, false);
      case "POST files":
        return await legacyUpload(request, body);
      case "GET file/id":
        return await download(id, false);
      case "GET files/id":
        return await download(id, true);
      case "GET file/id/info": {
        const meta = await store.meta(id, config.now());
        return meta ? info(meta) : error(404);
      }
      case "POST file/id/extend":
        return await extend(request, id);
      default:
        return error(404);
    }
  };
}

function info(meta: FileMeta): Response {
  return jsonResponse(200, {
    size: meta.size,
    uploaded: meta.uploaded / 1000,
    expires: meta.expires / 1000,
  });
}

function b64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}
