/**
 * One community server on the wire: every request signed with the `X-SOGS-*` headers (blind15
 * unless the server lacks `blind`) and sent through onion v4 (`network.serverRequest`) or, when
 * asked, as direct HTTP. Non-2xx answers become `CommunityError`s.
 *
 * @module
 */
import { NetworkError } from "../../core/errors.ts";
import { sogsRequestHeaders } from "../../crypto/sogs_auth.ts";
import type { ServerRequest, ServerTarget, V4Response } from "../../onion/mod.ts";
import { readV4Body } from "../../onion/mod.ts";
import { statusError } from "./errors.ts";

/** How requests reach a community server. */
export type CommunityTransport = "onion" | "direct";

/** What the transport needs from the network client. */
export interface TransportNetwork {
  /** A v4 request through an onion path. */
  serverRequest(
    server: ServerTarget,
    request: ServerRequest | (() => ServerRequest),
    options?: { idempotent?: boolean },
  ): Promise<V4Response>;
  /** Network time, ms. */
  now(): number;
}

/** One request: `path` is URL-decoded and includes its `?query` (it is what gets signed). */
export interface SogsRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly path: string;
  /** A JSON value (sent as `application/json`) or raw bytes. */
  readonly json?: unknown;
  readonly bytes?: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sign the request (default true). */
  readonly auth?: boolean;
  /**
   * Whether sending it twice is harmless (default true). A post is not: when its fate is
   * unknown the error is thrown at once instead of sending a second copy.
   */
  readonly idempotent?: boolean;
}

/** A server's connection: `send` returns the raw answer, `call` the JSON or throws. */
export interface ServerConnection {
  readonly server: string;
  readonly publicKey: string;
  /** Sends and returns the answer whatever its status. */
  send(request: SogsRequest): Promise<V4Response>;
  /** Sends; a non-2xx answer throws a `CommunityError` naming `what`. Returns the body. */
  call<T = unknown>(what: string, request: SogsRequest): Promise<T>;
}

/** Options of {@link createConnection}. */
export interface ConnectionOptions {
  readonly network: TransportNetwork;
  /** The account's 32-byte Ed25519 seed (signs requests). */
  readonly seed: Uint8Array;
  readonly server: string;
  readonly publicKey: string;
  /** Default `"onion"`. */
  readonly transport?: CommunityTransport;
  /** Whether to sign blinded: asked per request (capabilities may arrive later). */
  readonly blinded: () => boolean;
}

const encoder = new TextEncoder();

/**
 * Opens a connection to a community server.
 *
 * @example
 * ```ts
 * const conn = createConnection({ network, seed, server, publicKey, blinded: () => true });
 * const caps = await conn.call("capabilities", { method: "GET", path: "/capabilities" });
 * ```
 */
export function createConnection(options: ConnectionOptions): ServerConnection {
  const { network, seed, server, publicKey, transport = "onion" } = options;
  const target: ServerTarget = { url: server, x25519: publicKey };

  async function send(request: SogsRequest): Promise<V4Response> {
    const body = request.bytes ??
      (request.json === undefined ? undefined : encoder.encode(JSON.stringify(request.json)));
    // Signed anew for every attempt: a server refuses a nonce it has seen (425), so a retry
    // of a request whose answer was lost must not carry the first attempt's headers.
    const headers = (): Record<string, string> => {
      const out: Record<string, string> = { ...request.headers };
      if (request.json !== undefined) out["Content-Type"] = "application/json";
      if (request.auth === false) return out;
      return Object.assign(
        out,
        sogsRequestHeaders({
          ed25519Seed: seed,
          serverPubkey: publicKey,
          method: request.method,
          path: request.path,
          body,
          blinded: options.blinded(),
          timestamp: Math.floor(network.now() / 1000),
        }),
      );
    };
    if (transport === "onion") {
      return await network.serverRequest(target, () => ({
        method: request.method,
        endpoint: request.path,
        headers: headers(),
        ...(body ? { body } : {}),
      }), { idempotent: request.idempotent ?? true });
    }
    return await direct(server + encodeURI(request.path), request.method, headers(), body);
  }

  async function call<T>(what: string, request: SogsRequest): Promise<T> {
    const response = await send(request);
    if (response.code < 200 || response.code > 299) {
      throw statusError(what, response.code, textOf(response));
    }
    return readBody(what, response) as T;
  }

  return Object.freeze({ server, publicKey, send, call });
}

/** The body: JSON when typed so, text, or bytes. */
export function readBody(what: string, response: V4Response): unknown {
  try {
    return readV4Body(response);
  } catch (cause) {
    throw new NetworkError(
      `the community server's answer to ${what} is unreadable: ${cause}`,
      "bad_reply",
      { cause },
    );
  }
}

function textOf(response: V4Response): string {
  try {
    return new TextDecoder().decode(response.body).slice(0, 300);
  } catch {
    return "";
  }
}

async function direct(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
): Promise<V4Response> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body as BodyInit | undefined });
  } catch (cause) {
    throw new NetworkError(`community server ${url} is unreachable: ${cause}`, "unreachable", {
      cause,
    });
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => out[name.toLowerCase()] = value);
  return { code: res.status, headers: out, body: bytes };
}
