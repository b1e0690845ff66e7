/**
 * Errors as the API answers them: JSON `{ error, message, … }` with a status that says whose
 * fault it is (400 the caller's input, 404 unknown, 413 too big, 502/503 the network's; 403/429
 * a community server refusing or slowing us).
 *
 * @module
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import {
  CryptoError,
  NetworkError,
  OnionError,
  SessionBotError,
  SwarmError,
  ValidationError,
} from "../core/errors.ts";
import { CommunityError } from "../client/community/errors.ts";

/** One failing input: its path (`replyTo.timestamp`, `attachments.0.url`) and what is wrong. */
export interface Issue {
  /** Dotted path of the input, e.g. `replyTo.timestamp`; `""` for the body itself. */
  readonly path: string;
  /** What is wrong with it. */
  readonly message: string;
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  /** Machine-readable: `bad_request`, `unauthorized`, `not_found`, `payload_too_large`, … */
  readonly error: string;
  /** What went wrong and what to do. */
  readonly message: string;
  /** The failing inputs (400). */
  readonly issues?: readonly Issue[];
  /** The library's reason code, when there is one. */
  readonly code?: string;
}

/**
 * An error the routes throw to answer with `status` and `body`.
 *
 * @example
 * ```ts
 * import { ApiError } from "./mod.ts";
 *
 * const error = new ApiError(404, { error: "not_found", message: "no attachment with this id" });
 * console.log(error.status, error.code); // 404 "not_found": the route answers with error.body
 * ```
 */
export class ApiError extends SessionBotError {
  /** HTTP status. */
  readonly status: number;
  /** The JSON answer. */
  readonly body: ErrorBody;

  /**
   * Creates the error.
   *
   * @example
   * ```ts
   * throw new ApiError(404, { error: "not_found", message: "no attachment with this id" });
   * ```
   */
  constructor(status: number, body: ErrorBody) {
    super(body.message, body.error);
    this.status = status;
    this.body = body;
  }
}

/** A 400 naming the failing inputs. */
export function badRequest(message: string, issues: readonly Issue[], code?: string): ApiError {
  return new ApiError(400, { error: "bad_request", message, issues, ...(code ? { code } : {}) });
}

/** A 404. */
export function notFound(message: string): ApiError {
  return new ApiError(404, { error: "not_found", message });
}

/**
 * Turns anything thrown by a route into the JSON answer (never with a stack or a secret).
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * const app = new Hono();
 * app.onError((error, c) => errorResponse(c, error));
 * ```
 */
export function errorResponse(c: Context, error: unknown): Response {
  const [status, body] = describe(error);
  if (error instanceof HTTPException && error.status !== 413) return error.getResponse();
  return c.json(body, status as 400);
}

function describe(error: unknown): [number, ErrorBody] {
  if (error instanceof ApiError) return [error.status, error.body];
  if (error instanceof HTTPException) {
    if (error.status === 413) return [413, tooLarge()];
    return [error.status, { error: "http_error", message: error.message }];
  }
  if (error instanceof ValidationError) {
    if (/not_found|unknown/.test(error.code)) {
      return [404, { error: "not_found", message: error.message, code: error.code }];
    }
    const issues = [{ path: error.field ?? "", message: error.message }];
    return [400, { error: "bad_request", message: error.message, issues, code: error.code }];
  }
  if (error instanceof CommunityError) {
    // A community server's answer: ours to relay when it is about permission or pace.
    const [status, name] = error.status === 403
      ? [403, "forbidden"]
      : error.status === 429
      ? [429, "rate_limited"]
      : [502, "upstream_failed"];
    return [status, {
      error: name,
      message: `community server: ${error.message}`,
      code: error.code,
    }];
  }
  if (error instanceof NetworkError) {
    return [503, {
      error: "network_unavailable",
      message: `${error.message} (the Session network could not be reached; retry later)`,
      code: error.code,
    }];
  }
  if (error instanceof SwarmError || error instanceof OnionError || error instanceof CryptoError) {
    return [502, { error: "upstream_failed", message: error.message, code: error.code }];
  }
  if (error instanceof SessionBotError && error.code === "stopped") {
    return [503, { error: "unavailable", message: error.message, code: error.code }];
  }
  return [500, { error: "internal", message: "internal error: see the service log" }];
}

/** The 413 body. */
export function tooLarge(limit?: number): ErrorBody {
  return {
    error: "payload_too_large",
    message: limit === undefined
      ? "the request body is too large"
      : `the request body is larger than ${limit} bytes: send big files as multipart/form-data`,
  };
}
