/**
 * Typed errors for community server answers: every non-2xx status becomes a
 * `CommunityError` whose `code` says what happened and `retryable` whether waiting helps.
 *
 * @module
 */
import { HttpStatusError } from "../../core/errors.ts";

/**
 * A community server answered with an error status. `code`: `bad_request` (400),
 * `unauthorized` (401), `forbidden` (403: banned, muted, not a moderator), `not_found` (404),
 * `rate_limited` (429), `too_early` (425: clock skew or nonce reuse), `server_error` (5xx),
 * `unexpected_status`.
 *
 * @example
 * ```ts
 * try {
 *   await community.post("hi");
 * } catch (e) {
 *   if (e instanceof CommunityError && e.code === "rate_limited") console.log("slow down");
 * }
 * ```
 */
export class CommunityError extends HttpStatusError {
  /**
   * Creates the error; 425 (too early) also counts as retryable here.
   *
   * @param message What went wrong and what to do next.
   * @param status The server's HTTP status.
   * @param code A stable machine-readable reason.
   */
  constructor(message: string, status: number, code: string) {
    super(message, status, code, status === 425 || status === 429 || status >= 500);
  }
}

const REASONS: Record<number, [string, string]> = {
  400: ["bad_request", "the server refused the request as malformed"],
  401: ["unauthorized", "the server did not accept our signature"],
  403: ["forbidden", "we lack the permission (banned, muted, or not a moderator/admin)"],
  404: ["not_found", "no such room, message, file or user on this server"],
  406: ["bad_request", "the server refused the value"],
  412: ["missing_capability", "the server lacks a required capability"],
  413: ["too_large", "the body is too large for this server"],
  425: ["too_early", "the clock is off by more than 24 h, or a nonce was reused; retry"],
  429: ["rate_limited", "too many requests or posts; slow down and retry later"],
};

/**
 * The typed error for a non-2xx answer to `what` (e.g. `"post to lobby"`), with the server's
 * text when short.
 *
 * @example
 * ```ts
 * statusError("post to lobby", 429, "Rate limited").code; // "rate_limited"
 * ```
 */
export function statusError(what: string, status: number, text = ""): CommunityError {
  const [code, advice] = REASONS[status] ??
    (status >= 500
      ? ["server_error", "the community server is having trouble; retry later"]
      : ["unexpected_status", "the community server answered something unexpected"]);
  const detail = text && text.length <= 200 ? ` (${text.trim()})` : "";
  return new CommunityError(
    `${what} failed with status ${status}${detail}: ${advice}`,
    status,
    code,
  );
}
