/**
 * Typed errors for file server answers: every non-2xx status becomes a `FileServerError` (or a
 * `ValidationError` for 413), with a message that says what to do.
 *
 * @module
 */
import { HttpStatusError, type SessionBotError, ValidationError } from "../../core/errors.ts";
import type { V4Response } from "../../onion/mod.ts";

/**
 * The file server answered with an error status. `code` is `file_not_found` (404),
 * `bad_request` (400), `forbidden` (401, 403), `rate_limited` (429), `server_error` (5xx) or
 * `unexpected_status`; `retryable` tells whether trying later can succeed.
 *
 * @example
 * ```ts
 * try {
 *   await files.download(url);
 * } catch (e) {
 *   if (e instanceof FileServerError && e.status === 404) console.log("expired or never uploaded");
 * }
 * ```
 */
export class FileServerError extends HttpStatusError {}

/** The typed error for a non-2xx answer to `what` (e.g. `"upload"`, `"download of abc"`). */
export function statusError(what: string, response: V4Response): SessionBotError {
  const { code } = response;
  if (code === 413) {
    return new ValidationError(
      `the file server refused the ${what}: the file is too large (413); attachments are ` +
        "limited to 10 MB, compress or split the file",
      "attachment_too_large",
      "bytes",
    );
  }
  const [reason, advice] = code === 404
    ? ["file_not_found", "the file expired or was never uploaded; ask the sender to send it again"]
    : code === 400
    ? ["bad_request", "check the id and the TTL (a positive number of seconds, at most 3 weeks)"]
    : code === 401 || code === 403
    ? ["forbidden", "the server refused access"]
    : code === 429
    ? ["rate_limited", "slow down and retry later"]
    : code >= 500
    ? ["server_error", "the file server is having trouble, retry later"]
    : ["unexpected_status", "the file server answered something this client does not expect"];
  return new FileServerError(`${what} failed with status ${code}: ${advice}`, code, reason);
}
