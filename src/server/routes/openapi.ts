/**
 * `GET /v1/openapi.json`: the OpenAPI 3.1 document (no token needed).
 *
 * @module
 */
import { Hono } from "hono";
import type { ServerEnv } from "../deps.ts";
import { openApiDocument } from "../openapi_doc.ts";

/**
 * The OpenAPI route (the document is built once, on first request).
 *
 * @example
 * ```ts
 * const app = new Hono().route("/", openApiRoutes());
 * ```
 */
export function openApiRoutes(): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  let doc: string | undefined;
  app.get("/v1/openapi.json", (c) => {
    doc ??= JSON.stringify(openApiDocument());
    return c.body(doc, 200, { "content-type": "application/json; charset=utf-8" });
  });
  return app;
}
