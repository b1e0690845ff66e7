/**
 * The error hierarchy of sessionbot. Every failure a user can act on is one of these, and every
 * message says what went wrong and what to do next.
 *
 * @module
 */

/**
 * Base class of every error sessionbot throws on purpose.
 *
 * @example
 * ```ts
 * import { SessionBotError } from "./errors.ts";
 * try {
 *   throw new SessionBotError("the bot is not started; call bot.start() first", "not_started");
 * } catch (e) {
 *   // One check catches every sessionbot error; `code` tells them apart.
 *   if (e instanceof SessionBotError) console.log(e.name, e.code);
 * }
 * ```
 */
export class SessionBotError extends Error {
  /** A stable, machine-readable reason, e.g. `"checksum_mismatch"`. */
  readonly code: string;

  /**
   * Creates the error.
   *
   * @param message What went wrong and what to do next.
   * @param code A stable machine-readable reason.
   * @param options Standard `ErrorOptions` (for `cause`).
   */
  constructor(message: string, code = "error", options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Bad input: an ID, a recovery phrase, a payload or a config value that cannot be accepted.
 * `field` names what was wrong, so the caller can point at it.
 *
 * @example
 * ```ts
 * import { ValidationError } from "./errors.ts";
 * try {
 *   throw new ValidationError("word 3 'zzz' is not in the word list", "unknown_word", "mnemonic");
 * } catch (e) {
 *   if (e instanceof ValidationError) console.log(e.field, e.code);
 * }
 * ```
 */
export class ValidationError extends SessionBotError {
  /** The input that failed (an option, a word position, a JSON path). */
  readonly field?: string;

  /**
   * Creates the error.
   *
   * @param message What was wrong and how to fix it.
   * @param code A stable machine-readable reason.
   * @param field The input that failed.
   * @param options Standard `ErrorOptions`.
   */
  constructor(message: string, code = "invalid", field?: string, options?: ErrorOptions) {
    super(message, code, options);
    this.field = field;
  }
}

/**
 * A cryptographic check failed: bad signature, failed decryption, wrong key.
 *
 * @example
 * ```ts
 * import { CryptoError } from "./errors.ts";
 * const error = new CryptoError("signature does not match the sender's key", "bad_signature");
 * console.log(error instanceof CryptoError, error.code);
 * ```
 */
export class CryptoError extends SessionBotError {}

/**
 * A transport failure: connection refused, timeout, TLS, unreadable reply.
 *
 * @example
 * ```ts
 * import { NetworkError } from "./errors.ts";
 * const error = new NetworkError("seed node timed out after 10 s; check your connection", "timeout");
 * console.log(error.code);
 * ```
 */
export class NetworkError extends SessionBotError {}

/**
 * A service node answered with an error status. `retryable` tells whether trying another
 * node (or the same one later) can succeed.
 *
 * @example
 * ```ts
 * import { SwarmError } from "./errors.ts";
 * const error = new SwarmError("node is not in the swarm of this account", 421, { retryable: true });
 * if (error.retryable) console.log(`status ${error.status}: try another node`);
 * ```
 */
export class SwarmError extends SessionBotError {
  /** HTTP-style status from the node (e.g. 421, 406, 500). */
  readonly status: number;
  /** Ed25519 hex key of the node that answered, when known. */
  readonly node?: string;
  /** Whether a retry (elsewhere or later) can succeed. */
  readonly retryable: boolean;

  /**
   * Creates the error.
   *
   * @param message What went wrong and what to do next.
   * @param status The node's status code.
   * @param options `node`, `retryable`, `code` and `cause`.
   */
  constructor(
    message: string,
    status: number,
    options: { node?: string; retryable?: boolean; code?: string; cause?: unknown } = {},
  ) {
    super(message, options.code ?? `status_${status}`, { cause: options.cause });
    this.status = status;
    this.node = options.node;
    this.retryable = options.retryable ?? false;
  }
}

/**
 * An onion request failed on its path: which hop (0 = guard) and what status, when known.
 *
 * @example
 * ```ts
 * import { OnionError } from "./errors.ts";
 * const error = new OnionError("guard node refused the request", { hop: 0, status: 502 });
 * console.log(error.hop, error.status, error.code); // 0 502 "onion_failed"
 * ```
 */
export class OnionError extends SessionBotError {
  /** Index of the failing hop on the path (0 = guard), when known. */
  readonly hop?: number;
  /** Status returned by the path, when there was one. */
  readonly status?: number;

  /**
   * Creates the error.
   *
   * @param message What went wrong and what to do next.
   * @param options `hop`, `status`, `code` and `cause`.
   */
  constructor(
    message: string,
    options: { hop?: number; status?: number; code?: string; cause?: unknown } = {},
  ) {
    super(message, options.code ?? "onion_failed", { cause: options.cause });
    this.hop = options.hop;
    this.status = options.status;
  }
}

/**
 * An HTTP server (the file server, a community server) answered with an error status. `status`
 * is that status; `retryable` says whether trying later can succeed.
 *
 * @example
 * ```ts
 * import { HttpStatusError } from "./errors.ts";
 * const error = new HttpStatusError("the server is busy", 503, "server_error");
 * console.log(error.status, error.retryable); // 503 true
 * ```
 */
export class HttpStatusError extends SessionBotError {
  /** The HTTP status the server answered with. */
  readonly status: number;
  /** Whether a later retry can succeed (by default: 429 and 5xx). */
  readonly retryable: boolean;

  /**
   * Creates the error.
   *
   * @param message What went wrong and what to do next.
   * @param status The server's HTTP status.
   * @param code A stable machine-readable reason.
   * @param retryable Whether a later retry can succeed (default: 429 and 5xx).
   */
  constructor(
    message: string,
    status: number,
    code: string,
    retryable: boolean = status === 429 || status >= 500,
  ) {
    super(message, code);
    this.status = status;
    this.retryable = retryable;
  }
}
