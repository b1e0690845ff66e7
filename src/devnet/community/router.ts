/**
 * A small method + path-pattern router: routes are `[method, pattern, handler]` with `:name`
 * segments (one path segment each) and an optional trailing `*` segment (the rest, may hold `/`,
 * for reactions such as 🏳️‍🌈). Unknown paths answer 404, known paths with another method 405.
 *
 * @module
 */
import type { RouteContext } from "./context.ts";
import { refuse } from "./errors.ts";

/** A route handler. */
export type RouteHandler = (ctx: RouteContext) => Response | Promise<Response>;

/** One route. */
export interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly handler: RouteHandler;
}

/** A compiled route table. */
export interface Router {
  /** The handler and path parameters for a request (throws 404/405). */
  match(method: string, path: string): { handler: RouteHandler; params: string[] };
}

/**
 * Compiles `routes`.
 *
 * @example
 * ```ts
 * const router = createRouter([{ method: "GET", pattern: "/room/:token", handler }]);
 * router.match("GET", "/room/lobby").params; // ["lobby"]
 * ```
 */
export function createRouter(routes: readonly Route[]): Router {
  const compiled = routes.map((route) => ({
    ...route,
    regex: new RegExp(
      "^" +
        route.pattern.split("/").map((part) =>
          part === "*" ? "(.+)" : part.startsWith(":") ? "([^/]+)" : escape(part)
        ).join("/") + "$",
    ),
  }));
  return {
    match(method, path) {
      let pathMatched = false;
      for (const route of compiled) {
        const found = route.regex.exec(path);
        if (!found) continue;
        pathMatched = true;
        if (route.method === method) return { handler: route.handler, params: found.slice(1) };
      }
      if (pathMatched) refuse(405, "Method Not Allowed");
      refuse(404, "Not Found");
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
