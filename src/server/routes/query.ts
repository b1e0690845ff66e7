/**
 * Query parameters of the event routes: `since` (a cursor), `limit`, `types` (comma-separated).
 *
 * @module
 */
import type { Context } from "hono";
import { parseCursor } from "../../bridge/mod.ts";
import { ValidationError } from "../../core/errors.ts";
import { badRequest } from "../errors.ts";

/** Parsed paging parameters. */
export interface PageQuery {
  readonly since?: string;
  readonly limit?: number;
  readonly types?: string[];
}

/**
 * Reads `since`, `limit` and `types` from the query string of `c`; `cursorHeader` (the
 * `Last-Event-ID` header) is used when `since` is absent, or always with `headerFirst`.
 *
 * @example
 * ```ts
 * declare const c: Context;
 * const { since, limit, types } = readPageQuery(c);
 * ```
 */
export function readPageQuery(
  c: Context,
  cursorHeader?: string,
  headerFirst = false,
): PageQuery {
  const fromQuery = c.req.query("since");
  const useHeader = cursorHeader !== undefined && (headerFirst || fromQuery === undefined);
  const since = useHeader ? cursorHeader : fromQuery;
  const limitText = c.req.query("limit");
  const typesText = c.req.query("types");
  const field = useHeader ? "Last-Event-ID" : "since";
  if (since !== undefined) {
    try {
      parseCursor(since, field);
    } catch (error) {
      if (error instanceof ValidationError) {
        throw badRequest(error.message, [{ path: field, message: error.message }], error.code);
      }
      throw error;
    }
  }
  let limit: number | undefined;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!/^\d{1,4}$/.test(limitText) || limit < 1 || limit > 1000) {
      const message = "limit must be a whole number from 1 to 1000";
      throw badRequest(message, [{ path: "limit", message }]);
    }
  }
  const types = typesText?.split(",").map((t) => t.trim()).filter(Boolean);
  if (types && types.some((t) => !/^[A-Za-z][\w.-]{0,63}$/.test(t))) {
    const message = "types is a comma-separated list of event types, e.g. message,reaction";
    throw badRequest(message, [{ path: "types", message }]);
  }
  return { since: since?.trim(), limit, ...(types?.length ? { types } : {}) };
}
