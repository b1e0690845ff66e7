/**
 * `/batch` and `/sequence` (pysogs `routes/general.py`): a JSON array of sub-requests
 * `{method, path, headers?, json | b64 | bytes}` run as the outer request's user; each answer is
 * `{code, headers, body}` (body JSON for JSON answers, else base64). `/sequence` runs them in order
 * and stops after the first non-2xx. A malformed sub-request fails the whole request with 400.
 *
 * @module
 */
import { fromBase64, toBase64, utf8 } from "../../../core/bytes.ts";
import { ok, type RouteContext, type SubRequest } from "../context.ts";
import { refuse } from "../errors.ts";
import type { Route } from "../router.ts";

/** Most sub-requests in one batch. */
export const MAX_SUBREQUESTS = 64;

function parse(item: unknown): SubRequest {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    refuse(400, "Invalid batch request: each sub-request must be an object");
  }
  const req = item as Record<string, unknown>;
  const { method, path } = req;
  if (typeof method !== "string" || !["GET", "DELETE", "POST", "PUT"].includes(method)) {
    refuse(400, "Invalid batch request: method must be GET, DELETE, POST or PUT");
  }
  if (typeof path !== "string" || !path.startsWith("/")) {
    refuse(400, "Invalid batch request: path must start with /");
  }
  const headers = new Headers();
  if (req.headers !== undefined) {
    if (typeof req.headers !== "object" || req.headers === null) {
      refuse(400, "Invalid batch request: headers must be an object of strings");
    }
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v !== "string") refuse(400, "Invalid batch request: headers must be strings");
      // Sub-requests inherit the outer user: their own auth headers are ignored.
      if (!k.toLowerCase().startsWith("x-sogs-")) headers.set(k, v);
    }
  }
  const kinds = ["json", "b64", "bytes"].filter((k) => k in req);
  const hasBody = method === "POST" || method === "PUT";
  if (hasBody && kinds.length !== 1) {
    refuse(400, `Invalid batch request: ${method} needs exactly one of json, b64, bytes`);
  }
  if (!hasBody && kinds.length > 0) refuse(400, `Invalid batch request: ${method} has no body`);
  let body: Uint8Array = new Uint8Array(0);
  if (kinds[0] === "json") body = utf8(JSON.stringify(req.json));
  else if (kinds[0] === "bytes") body = utf8(String(req.bytes));
  else if (kinds[0] === "b64") {
    try {
      body = fromBase64(String(req.b64));
    } catch {
      refuse(400, "Invalid batch request: b64 is not base64");
    }
  }
  const url = new URL(path, "http://community");
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    refuse(400, "Invalid batch request: bad path encoding");
  }
  return { method, path: decoded, query: url.searchParams, headers, body };
}

async function run(ctx: RouteContext, sequential: boolean): Promise<Response> {
  let items: unknown;
  try {
    items = JSON.parse(new TextDecoder().decode(ctx.body));
  } catch {
    refuse(400, "Invalid batch request: the body must be a JSON array");
  }
  if (!Array.isArray(items)) refuse(400, "Invalid batch request: the body must be a JSON array");
  if (items.length > MAX_SUBREQUESTS) {
    refuse(400, `Invalid batch request: at most ${MAX_SUBREQUESTS} sub-requests`);
  }
  const subs = items.map(parse);
  const answers: Record<string, unknown>[] = [];
  for (const sub of subs) {
    if (sub.path === "/batch" || sub.path === "/sequence") {
      refuse(400, "Invalid batch request: batches do not nest");
    }
    const response = await ctx.core.subrequest(sub, ctx.auth);
    const type = response.headers.get("content-type") ?? "";
    const bytes = new Uint8Array(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((v, k) => headers[k] = v);
    const body = type.includes("application/json")
      ? JSON.parse(new TextDecoder().decode(bytes))
      : toBase64(bytes);
    answers.push({ code: response.status, headers, body });
    if (sequential && !(response.status >= 200 && response.status < 300)) break;
  }
  return ok(answers);
}

/** The batch routes. */
export const batchRoutes: Route[] = [
  { method: "POST", pattern: "/batch", handler: (c) => run(c, false) },
  { method: "POST", pattern: "/sequence", handler: (c) => run(c, true) },
];
