/**
 * Request bodies: read as JSON (415 for another type, 400 for malformed JSON) and checked with a
 * schema; failures list every failing field as `{ path, message }`.
 *
 * @module
 */
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, badRequest, type Issue } from "./errors.ts";

/**
 * Checks `value` against `schema`; throws a 400 `ApiError` with every issue.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * const input = check(z.object({ to: z.string() }), { to: "05…" });
 * ```
 */
export function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: Issue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const fields = [...new Set(issues.map((i) => i.path || "(body)"))].join(", ");
  throw badRequest(`the request body is not valid: check ${fields}`, issues);
}

/**
 * Reads the body as JSON and checks it against `schema`.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * declare const c: Context;
 * const input = await readJson(c, z.object({ url: z.string() }));
 * ```
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!isJson(c.req.header("content-type"))) {
    throw new ApiError(415, {
      error: "unsupported_media_type",
      message: "send the body as JSON with Content-Type: application/json",
    });
  }
  return check(schema, await parseJson(c));
}

/** Whether a Content-Type is JSON. */
export function isJson(contentType: string | undefined): boolean {
  return /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(contentType ?? "");
}

async function parseJson(c: Context): Promise<unknown> {
  const text = await c.req.raw.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : "unreadable";
    throw badRequest(`the body is not valid JSON (${detail})`, [{ path: "", message: detail }]);
  }
}
