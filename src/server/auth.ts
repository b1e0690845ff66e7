/**
 * Bearer-token authentication. Tokens are compared as SHA-256 digests with `timingSafeEqual`,
 * so neither their content nor their length leaks through timing; every configured token is
 * compared, whichever matches.
 *
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/** Paths anyone may read (liveness and the API description). */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(["/v1/health", "/v1/openapi.json"]);

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * A check of an `Authorization` header against `tokens` (constant time per token).
 *
 * @example
 * ```ts
 * const authorized = tokenChecker(["s3cret-token"]);
 * authorized("Bearer s3cret-token"); // true
 * ```
 */
export function tokenChecker(tokens: readonly string[]): (header: string | undefined) => boolean {
  const digests = tokens.map(digest);
  return function authorized(header) {
    const token = header?.match(BEARER)?.[1];
    if (token === undefined) return false;
    const given = digest(token);
    let ok = false;
    for (const known of digests) ok = timingSafeEqual(given, known) || ok;
    return ok;
  };
}

/**
 * A middleware that answers 401 (JSON, with `WWW-Authenticate: Bearer`) unless the request
 * carries one of `tokens`; `isPublic` paths pass without.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * const app = new Hono();
 * app.use("*", bearerAuth(["s3cret-token"], (path) => path === "/v1/health"));
 * ```
 */
export function bearerAuth(
  tokens: readonly string[],
  isPublic: (path: string) => boolean = (path) => PUBLIC_PATHS.has(path),
): MiddlewareHandler {
  const authorized = tokenChecker(tokens);
  return async function authenticate(c, next) {
    if (isPublic(c.req.path)) return await next();
    const header = c.req.header("authorization");
    if (header === undefined) {
      return unauthorized(
        "this API needs a bearer token: send the header Authorization: Bearer <token>",
      );
    }
    if (!BEARER.test(header)) {
      return unauthorized("the Authorization header must be `Bearer <token>`", "invalid_request");
    }
    if (!authorized(header)) {
      return unauthorized("the bearer token is not valid for this API", "invalid_token");
    }
    await next();
  };
}

function digest(token: string): Uint8Array {
  return createHash("sha256").update(token, "utf8").digest();
}

function unauthorized(message: string, error?: string): Response {
  const challenge = error
    ? `Bearer realm="sessionbot", error="${error}"`
    : 'Bearer realm="sessionbot"';
  return Response.json({ error: "unauthorized", message }, {
    status: 401,
    headers: { "www-authenticate": challenge },
  });
}
