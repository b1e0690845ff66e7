/**
 * Several requests in one round trip (extended.md §1.5): `POST /batch` (independent, any order)
 * or `POST /sequence` (in order, stops after the first failure). Signed once on the outer
 * request; sub-requests run as the same user.
 *
 * @module
 */
import { toBase64 } from "../../core/bytes.ts";
import { NetworkError } from "../../core/errors.ts";
import { statusError } from "./errors.ts";
import type { ServerConnection, SogsRequest } from "./transport.ts";

/** One sub-request's answer: status and body (JSON value, or a base64 string for bytes). */
export interface SubResponse {
  readonly code: number;
  readonly body: unknown;
}

/**
 * Runs `requests` as one `/batch` or `/sequence`. A single request is sent as is. The answer has
 * one entry per request that ran (a `/sequence` stops after the first non-2xx).
 *
 * @example
 * ```ts
 * const [caps, room] = await runBatch(conn, "batch", [
 *   { method: "GET", path: "/capabilities" },
 *   { method: "GET", path: "/room/lobby" },
 * ]);
 * ```
 */
export async function runBatch(
  conn: ServerConnection,
  kind: "batch" | "sequence",
  requests: readonly SogsRequest[],
): Promise<SubResponse[]> {
  if (requests.length === 1) {
    const response = await conn.send(requests[0]);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(response.body));
    } catch {
      body = new TextDecoder().decode(response.body);
    }
    return [{ code: response.code, body }];
  }
  const json = requests.map((r) => ({
    method: r.method,
    path: r.path,
    ...(r.json !== undefined ? { json: r.json } : {}),
    ...(r.bytes !== undefined ? { b64: toBase64(r.bytes) } : {}),
    ...(r.headers ? { headers: r.headers } : {}),
  }));
  const answer = await conn.call<unknown>(`/${kind}`, { method: "POST", path: `/${kind}`, json });
  if (!Array.isArray(answer)) {
    throw new NetworkError(`the answer to /${kind} is not a JSON array`, "bad_reply");
  }
  return answer.map((item) => {
    const code = typeof item?.code === "number" ? item.code : 0;
    return { code, body: item?.body };
  });
}

/**
 * The body of a sub-answer, or its typed error (`CommunityError`) naming `what`.
 *
 * @example
 * ```ts
 * const room = okBody("room info", answers[1]);
 * ```
 */
export function okBody<T = unknown>(what: string, answer: SubResponse | undefined): T {
  if (!answer) throw statusError(what, 0, "not run: an earlier request of the sequence failed");
  if (answer.code < 200 || answer.code > 299) {
    throw statusError(what, answer.code, typeof answer.body === "string" ? answer.body : "");
  }
  return answer.body as T;
}
