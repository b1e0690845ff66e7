/**
 * One HTTP attempt: POST the signed body, with a timeout, without following redirects, and
 * classify the answer the way Standard Webhooks (and Svix) do: 2xx delivered; 410 Gone
 * disables the endpoint; everything else — 3xx, other 4xx (408 and 429 included), 5xx,
 * timeouts, connection errors — is a failure that is retried on the schedule.
 *
 * @module
 */
import { VERSION } from "../plugins/_version.ts";
import { signatureHeaders } from "./sign.ts";
import { parseRetryAfter } from "./schedule.ts";

/** The `user-agent` of every request. */
export const USER_AGENT = `sessionbot-webhooks/${VERSION}`;

/** What one attempt sends. */
export interface AttemptInput {
  readonly url: string;
  readonly secret: string;
  readonly messageId: string;
  readonly deliveryId: string;
  readonly type: string;
  readonly attempt: number;
  readonly body: string;
  readonly timeoutMs: number;
  /** Aborts the request (the worker stopping). */
  readonly signal: AbortSignal;
}

/** How it went. */
export type AttemptOutcome =
  | { readonly kind: "delivered"; readonly status: number }
  | { readonly kind: "gone"; readonly status: 410 }
  | {
    readonly kind: "failed";
    readonly status?: number;
    readonly error: string;
    readonly retryAfterMs?: number;
  }
  | { readonly kind: "aborted" };

/**
 * The URL without query, fragment or credentials: safe for logs and errors.
 *
 * @example
 * ```ts
 * redactUrl("https://example.com/hook?token=abc"); // "https://example.com/hook"
 * ```
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

async function snippet(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  try {
    const { value } = await reader.read();
    return value ? new TextDecoder().decode(value.slice(0, 200)).replace(/\s+/g, " ").trim() : "";
  } catch {
    return "";
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Makes one signed POST with `doFetch`.
 *
 * @example
 * ```ts
 * const outcome = await attemptDelivery(fetch, {
 *   url: "https://example.com/hook", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
 *   messageId: "h:message", deliveryId: "dlv_1", type: "message", attempt: 1, body: "{}",
 *   timeoutMs: 10_000, signal: new AbortController().signal,
 * }, Date.now());
 * ```
 */
export async function attemptDelivery(
  doFetch: typeof fetch,
  input: AttemptInput,
  now: number,
): Promise<AttemptOutcome> {
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    ...signatureHeaders({
      secret: input.secret,
      id: input.messageId,
      timestamp: Math.floor(now / 1000),
      body: input.body,
    }),
    "x-sessionbot-event": input.type,
    "x-sessionbot-delivery": input.deliveryId,
    "x-sessionbot-attempt": String(input.attempt),
  };
  if (input.signal.aborted) return { kind: "aborted" };
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), input.timeoutMs);
  const onStop = () => timeout.abort();
  input.signal.addEventListener("abort", onStop, { once: true });
  try {
    const response = await doFetch(input.url, {
      method: "POST",
      headers,
      body: input.body,
      redirect: "manual",
      signal: timeout.signal,
    });
    const status = response.status;
    if (status >= 200 && status < 300) {
      await response.body?.cancel().catch(() => {});
      return { kind: "delivered", status };
    }
    if (status === 410) {
      await response.body?.cancel().catch(() => {});
      return { kind: "gone", status };
    }
    const text = status >= 300 && status < 400
      ? `redirect to ${redactUrl(response.headers.get("location") ?? "")} not followed; ` +
        `update the endpoint URL`
      : "";
    const detail = text || await snippet(response);
    if (text) await response.body?.cancel().catch(() => {});
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
    return {
      kind: "failed",
      status,
      error: `HTTP ${status}${detail ? `: ${detail}` : ""}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  } catch (error) {
    if (input.signal.aborted) return { kind: "aborted" };
    if (timeout.signal.aborted) {
      return { kind: "failed", error: `timed out after ${input.timeoutMs} ms` };
    }
    const message = error instanceof Error ? error.message : String(error);
    // fetch errors quote the full URL; keep the query (tokens) out of the log.
    return {
      kind: "failed",
      error: `request failed: ${message.replaceAll(input.url, redactUrl(input.url))}`,
    };
  } finally {
    clearTimeout(timer);
    input.signal.removeEventListener("abort", onStop);
  }
}
