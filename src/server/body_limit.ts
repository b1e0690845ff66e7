/**
 * The body-size limit: a declared `Content-Length` over the limit is refused at once; a body
 * without one is counted as it streams in and refused (413) at the first byte over, its stream
 * cancelled so nothing more is read or held.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { tooLarge } from "./errors.ts";

/**
 * The middleware; `maxBytes` is the largest body accepted.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * const app = new Hono();
 * app.use("*", limitBody(1024 * 1024));
 * ```
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return async function limitBodySize(c, next) {
    const body = c.req.raw.body;
    if (!body) return await next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && !c.req.header("transfer-encoding")) {
      if (Number(declared) > maxBytes) {
        await body.cancel().catch(() => {});
        return c.json(tooLarge(maxBytes), 413);
      }
      return await next();
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return c.json(tooLarge(maxBytes), 413);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    c.req.raw = new Request(c.req.raw, { body: bytes });
    await next();
  };
}
