/**
 * The community server's refusals: an HTTP status and a plain-text reason, as pysogs answers
 * (`abort_with_reason`: text/plain body).
 *
 * @module
 */
import { SessionBotError } from "../../core/errors.ts";
import { textResponse } from "../http.ts";

/** A request the community server refuses; `status` is the HTTP status it answers with. */
export class SogsHttpError extends SessionBotError {
  /** HTTP status (400, 401, 403, 404, 413, 425, 429, …). */
  readonly status: number;

  /**
   * Creates the refusal.
   *
   * @param status HTTP status to answer with.
   * @param message Plain-text reason sent as the body.
   * @param code A stable machine-readable reason.
   */
  constructor(status: number, message: string, code = `http_${status}`) {
    super(message, code);
    this.status = status;
  }
}

/**
 * Throws a {@link SogsHttpError}; handlers use it to stop at the first failed check.
 *
 * @example
 * ```ts
 * try { refuse(404, "no such room"); } catch (e) { console.log((e as SogsHttpError).status); }
 * ```
 */
export function refuse(status: number, message: string): never {
  throw new SogsHttpError(status, message);
}

/** The response for a thrown error: its status and reason, or a 500 for anything unexpected. */
export function errorResponse(error: unknown): Response {
  if (error instanceof SogsHttpError) return textResponse(error.status, error.message);
  return textResponse(500, "Internal Server Error");
}
