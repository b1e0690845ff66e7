/**
 * Health over HTTP: a handler for `Deno.serve` (or a Hono route) answering 200 while healthy
 * and 503 otherwise, with the details as JSON.
 *
 * @module
 */

/**
 * A request handler reporting `source.health()`: 200 when healthy, 503 when not.
 *
 * @example
 * ```ts
 * import { healthHandler, serve } from "./mod.ts";
 *
 * const service = await serve({ kv: "./bot.kv", identityName: "bot", setup() {} });
 * Deno.serve({ port: 8080 }, healthHandler(service)); // GET / → {"healthy":true,"role":"leader",…}
 * ```
 */
export function healthHandler(
  source: { health(): { readonly healthy: boolean } },
): (request: Request) => Response {
  return function health() {
    const status = source.health();
    return Response.json(status, { status: status.healthy ? 200 : 503 });
  };
}
