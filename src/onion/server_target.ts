/**
 * Servers reached through an onion path (core §6.3, §6.7): the URL and X25519 key a caller
 * knows, turned into the route the exit node needs.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type { ServerDestination } from "./builder.ts";

/** A server that speaks onion v4: its base URL and X25519 public key. */
export interface ServerTarget {
  /** Base URL, e.g. `http://filev2.getsession.org` or `https://open.getsession.org`. */
  readonly url: string;
  /** The server's X25519 public key, 64 hex characters or 32 bytes. */
  readonly x25519: string | Uint8Array;
}

/** A v4 request: method, endpoint (path and query), headers and an optional body. */
export interface ServerRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path and query, starting with `/`. */
  readonly endpoint: string;
  /** Request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Request body (POST/PUT). */
  readonly body?: Uint8Array | string;
}

/**
 * The onion destination for `target`: host, port and protocol from the URL, and the v4
 * endpoint `/oxen/v4/lsrpc`. A URL that is not `http(s)://host[:port]` is a `ValidationError`.
 *
 * @example
 * ```ts
 * serverDestination({ url: "http://filev2.getsession.org", x25519: key });
 * // { kind: "server", host: "filev2.getsession.org", protocol: "http", port: 80, … }
 * ```
 */
export function serverDestination(target: ServerTarget): ServerDestination {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch (cause) {
    throw badUrl(target.url, cause);
  }
  const protocol = url.protocol.slice(0, -1);
  if ((protocol !== "http" && protocol !== "https") || url.username || url.search) {
    throw badUrl(target.url);
  }
  const port = url.port === "" ? (protocol === "https" ? 443 : 80) : Number(url.port);
  return {
    kind: "server",
    host: url.hostname,
    target: "/oxen/v4/lsrpc",
    protocol,
    port,
    x25519: target.x25519,
  };
}

function badUrl(url: unknown, cause?: unknown): ValidationError {
  return new ValidationError(
    `server url must look like http(s)://host[:port], got ${JSON.stringify(url)}`,
    "bad_url",
    "server.url",
    cause === undefined ? undefined : { cause },
  );
}
