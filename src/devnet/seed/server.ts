/**
 * The seed node's HTTPS handler: `POST /json_rpc`, plus any extra routes (the devnet mounts
 * its fault-control endpoint here).
 *
 * @module
 */
import { jsonResponse, readBody, textResponse } from "../http.ts";
import { seedRpc, type SeedSource } from "./rpc.ts";

/** Extra routes by exact path. */
export type Routes = Readonly<Record<string, (request: Request) => Promise<Response>>>;

/**
 * Creates the seed handler.
 *
 * @example
 * ```ts
 * const handler = createSeedHandler({ nodes: () => [], chain: () => ({ height: 1, hf: [19, 4] }) });
 * ```
 */
export function createSeedHandler(
  source: SeedSource,
  routes: Routes = {},
): (request: Request) => Promise<Response> {
  return async function seedHandler(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const extra = routes[path];
    if (extra) return await extra(request);
    if (path !== "/json_rpc") return textResponse(404, `${request.method} ${path} Not Found`);
    if (request.method !== "POST") return jsonResponse(405, { error: "use POST" });
    const body = await readBody(request, 1024 * 1024);
    if (!body) return textResponse(413, "Request body too large");
    const { status, text } = seedRpc(source, new TextDecoder().decode(body));
    return new Response(text, { status, headers: { "content-type": "application/json" } });
  };
}
