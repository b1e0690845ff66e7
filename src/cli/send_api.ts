/**
 * `send --api`: the message goes to a running service's HTTP API (`POST /v1/messages`) instead
 * of opening the identity here, so a script never fights the service for it. JSON when there
 * are no files, multipart (`to`, `body`, one `file` part per file) otherwise.
 *
 * @module
 */
import { NetworkError, SessionBotError, ValidationError } from "../core/errors.ts";

/** A file to attach. */
export interface ApiFile {
  /** The bytes. */
  readonly bytes: Uint8Array;
  /** The name the recipient sees. */
  readonly fileName: string;
}

/** What {@link sendViaApi} sends. */
export interface ApiSend {
  /** Base URL of the service API, e.g. `http://127.0.0.1:8787`. */
  readonly api: string;
  /** Bearer token. */
  readonly token?: string;
  /** Recipient Session ID or ONS name, or a joined room (join link or `<server>/<room>`). */
  readonly to: string;
  /** Text. */
  readonly body?: string;
  /** Files. */
  readonly files: readonly ApiFile[];
  /**
   * Sent as `Idempotency-Key`: the service sends a message once per key, so a script may
   * retry (or a cron job run twice) without a duplicate.
   */
  readonly idempotencyKey?: string;
}

/**
 * What the API answered: a 1:1 message's storage hash, or a room post's id, with the sent time.
 */
export type ApiSendResult =
  | { readonly hash: string; readonly timestamp: number }
  | { readonly messageId: number; readonly seqno?: number; readonly timestamp: number };

/**
 * Posts one message to the API and returns `{hash, timestamp}` (for a room: `{messageId,
 * seqno, timestamp}`). Errors map to the CLI's exit
 * codes: connection failures and the service's own `503 network_unavailable` are
 * `NetworkError` (3), 4xx answers (401/403 included) `ValidationError` (2), other 5xx and
 * anything else `SessionBotError` (1).
 *
 * @example
 * ```ts
 * import { sendViaApi } from "./send_api.ts";
 * const result = await sendViaApi({
 *   api: "http://127.0.0.1:8787",
 *   token: Deno.env.get("SESSIONBOT_API_TOKEN"),
 *   to: "05" + "ab".repeat(32),
 *   body: "disk almost full",
 *   files: [],
 * });
 * console.log("hash" in result ? result.hash : result.messageId);
 * ```
 */
export async function sendViaApi(
  input: ApiSend,
  fetcher: typeof fetch = fetch,
): Promise<ApiSendResult> {
  const url = messagesUrl(input.api);
  const headers: Record<string, string> = input.token
    ? { authorization: `Bearer ${input.token}` }
    : {};
  if (input.idempotencyKey !== undefined) headers["idempotency-key"] = input.idempotencyKey;
  let body: BodyInit;
  if (input.files.length === 0) {
    headers["content-type"] = "application/json";
    body = JSON.stringify({ to: input.to, ...(input.body ? { body: input.body } : {}) });
  } else {
    const form = new FormData();
    form.append("to", input.to);
    if (input.body) form.append("body", input.body);
    for (const file of input.files) {
      form.append("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.fileName));
    }
    body = form;
  }
  let response: Response;
  try {
    response = await fetcher(url, { method: "POST", headers, body });
  } catch (error) {
    throw new NetworkError(
      `cannot reach the sessionbot API at ${url.origin}: ${(error as Error).message}; is ` +
        "`sessionbot run` up, and is --api / SESSIONBOT_API right?",
      "api_unreachable",
      { cause: error },
    );
  }
  const text = await response.text();
  const json = parseJson(text);
  if (response.ok) {
    if (typeof json?.timestamp === "number" && typeof json?.hash === "string") {
      return { hash: json.hash, timestamp: json.timestamp };
    }
    // A community room (`to` = a join link or `<server>/<room>`) answers with the post's id.
    if (typeof json?.timestamp === "number" && typeof json?.messageId === "number") {
      return {
        messageId: json.messageId,
        timestamp: json.timestamp,
        ...(typeof json.seqno === "number" ? { seqno: json.seqno } : {}),
      };
    }
    throw new SessionBotError(
      `the API answered ${response.status} without {hash, timestamp}: ${text.slice(0, 200)}`,
      "api_bad_reply",
    );
  }
  throw apiError(response.status, json, text);
}

function messagesUrl(api: string): URL {
  try {
    const base = new URL(api);
    if (base.protocol !== "http:" && base.protocol !== "https:") throw new TypeError("scheme");
    return new URL(`${base.pathname.replace(/\/$/, "")}/v1/messages`, base);
  } catch {
    throw new ValidationError(
      `--api must be the service's http(s) URL, e.g. http://127.0.0.1:8787, got "${api}"`,
      "invalid_api_url",
      "api",
    );
  }
}

// deno-lint-ignore no-explicit-any
function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function apiError(
  status: number,
  // deno-lint-ignore no-explicit-any
  json: any,
  text: string,
): SessionBotError {
  const said = typeof json?.message === "string"
    ? json.message
    : typeof json?.error === "string"
    ? json.error
    : text.slice(0, 200) || `HTTP ${status}`;
  const issues: { path?: unknown; message?: unknown }[] = Array.isArray(json?.issues)
    ? json.issues
    : [];
  const listed = issues
    .filter((i) => i.message !== said)
    .map((i) => `${Array.isArray(i.path) ? i.path.join(".") : i.path || "body"}: ${i.message}`)
    .join("; ");
  const detail = `${said}${listed ? ` (${listed})` : ""}`;
  if (status === 401 || status === 403) {
    return new ValidationError(
      `the API refused the token (HTTP ${status}): ${detail}; set SESSIONBOT_API_TOKEN (or ` +
        "--token-env NAME) to the service's token",
      `api_${status}`,
      "token",
    );
  }
  if (status === 409) {
    // The same Idempotency-Key is still being sent by an earlier call: not bad input.
    return new SessionBotError(`the API is still sending this message: ${detail}`, "api_409");
  }
  if (status >= 400 && status < 500) {
    const path = issues[0]?.path;
    return new ValidationError(
      `the API refused the message (HTTP ${status}): ${detail}`,
      `api_${status}`,
      Array.isArray(path) ? path.join(".") : typeof path === "string" && path ? path : "body",
    );
  }
  if (status === 503 && json?.error === "network_unavailable") {
    return new NetworkError(
      `the service cannot reach the Session network (HTTP 503): ${detail}`,
      "api_network_unavailable",
    );
  }
  return new SessionBotError(
    `the service could not send the message (HTTP ${status}): ${detail}`,
    `api_${status}`,
  );
}
