/**
 * The onion requester: one request through a path from the pool to a service node (JSON RPC)
 * or to a server (v4), with the path bookkeeping of core §6.8. It makes one attempt; callers
 * retry (the storage client does, on other swarm members).
 *
 * @module
 */
import { NetworkError, OnionError, SessionBotError } from "../core/errors.ts";
import { buildOnionRequest, type OnionRequest, snodePayload } from "./builder.ts";
import type { EncType } from "./enc_type.ts";
import type { OnionPath, PathPool } from "./paths.ts";
import { onionHttpError, type SnodeReply } from "./reply.ts";
import { describeNode, nodeUrl, type ServiceNode } from "./service_node.ts";
import { serverDestination, type ServerRequest, type ServerTarget } from "./server_target.ts";
import type { Strikes } from "./strikes.ts";
import { snodeFetch, type SnodeFetchOptions, type SnodeResponse } from "./transport.ts";
import { encodeV4Request, type V4Response } from "./v4.ts";

/** How the requester reaches a guard: `snodeFetch` or `SnodeAgent.fetch` (tests: a fake). */
export type SnodeFetcher = (
  url: string,
  body: Uint8Array,
  options: SnodeFetchOptions,
) => Promise<SnodeResponse>;

/** Options for {@link createOnionRequester}. */
export interface OnionRequesterOptions {
  /** Where paths come from. */
  readonly paths: PathPool;
  /** Node strikes (relays of failing paths; nodes a relay reports missing are dropped). */
  readonly strikes: Strikes;
  /** Hop encryption (default `aes-gcm`, as desktop). */
  readonly encType?: EncType;
  /** Per request to a snode, ms (default 15 000). */
  readonly timeoutMs?: number;
  /** Per request to a server, ms (default 30 000: the exit itself waits up to 25 s). */
  readonly serverTimeoutMs?: number;
  /** Largest reply accepted (default 16 MiB). */
  readonly maxResponseBytes?: number;
  /** The HTTPS client (default one-shot `snodeFetch`). */
  readonly fetch?: SnodeFetcher;
}

/** Per-call options. */
export interface OnionSendOptions {
  /** Overrides the requester's timeout for this call, ms. */
  readonly timeoutMs?: number;
  /** Aborts the call (`NetworkError` code `aborted`). */
  readonly signal?: AbortSignal;
  /** Suspect nodes to keep off the path (see `PathPool.pick`). */
  readonly avoid?: ReadonlySet<string>;
}

/** A JSON-RPC body for a service node. */
export interface RpcBody {
  /** Storage RPC method, e.g. `"retrieve"`. */
  readonly method: string;
  /** Its params. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** Sends requests through onion paths. */
export interface OnionRequester {
  /** One storage RPC to `destination`; resolves with its status and body, whatever they are. */
  snode(destination: ServiceNode, rpc: RpcBody, options?: OnionSendOptions): Promise<SnodeReply>;
  /** One v4 request to a server (file server, community) through the last path node. */
  server(
    target: ServerTarget,
    request: ServerRequest,
    options?: OnionSendOptions,
  ): Promise<V4Response>;
}

/** Generic client fingerprint, as desktop sends (core §6.3). */
const HEADERS = { "user-agent": "WhatsApp", "accept-language": "en-us" };
const NAMED_NODE = /(Next node not found|Snode not ready): ([0-9a-f]{64})/i;

/**
 * Creates an onion requester. Path failures (no answer, timeouts, error statuses, replies that
 * do not decrypt) are counted on the path (§6.8) and thrown as `OnionError` with `code`
 * `timeout`, `unreachable`, `reply_too_large`, `undecryptable`, `bad_reply`, `hop_error` or the
 * codes of `onionHttpError`, and `hop` when the failing node is known. Errors that name the
 * destination (`destination_not_found`, `destination_not_ready`) do not count against the
 * path. A destination's own status comes back in the `SnodeReply`.
 *
 * @example
 * ```ts
 * const onion = createOnionRequester({ paths, strikes, fetch: agent.fetch.bind(agent) });
 * const reply = await onion.snode(node, { method: "info", params: {} });
 * reply.status; // 200
 * ```
 */
export function createOnionRequester(options: OnionRequesterOptions): OnionRequester {
  const fetch = options.fetch ?? snodeFetch;
  const { paths, strikes } = options;

  async function exchange(
    path: OnionPath,
    request: OnionRequest,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    destination: ServiceNode | undefined,
  ): Promise<Uint8Array> {
    const guard = path.nodes[0];
    let res: SnodeResponse;
    try {
      res = await fetch(nodeUrl(guard, "/onion_req/v2"), request.body, {
        timeoutMs,
        signal,
        headers: HEADERS,
        maxResponseBytes: options.maxResponseBytes,
      });
    } catch (error) {
      if (!(error instanceof NetworkError) || error.code === "aborted") throw error;
      if (error.code === "closed") throw error;
      // Refused or reset by the guard itself: hop 0. A timeout could be any hop.
      const hop = error.code === "connection_failed" ? 0 : undefined;
      paths.failed(path, error.message, hop);
      throw new OnionError(
        `the onion path through guard ${describeNode(guard)} failed: ${error.message}`,
        { hop, code: codeOf(error), cause: error },
      );
    }
    if (res.status === 200) return res.body;
    throw attribute(path, onionHttpError(res.status, res.body), destination);
  }

  /**
   * Blames an HTTP error (§6.8): a node the text names ("Next node not found: <ed>" drops it;
   * "Snode not ready: <ed>"), else the path. An error naming the destination gets code
   * `destination_not_found`/`destination_not_ready` and `hop` = path length: the path is fine.
   */
  function attribute(path: OnionPath, error: OnionError, destination?: ServiceNode): OnionError {
    const named = NAMED_NODE.exec(error.message);
    if (!named) {
      // Relays name themselves ("Snode not ready: <ed>"); an unnamed 503 is the guard's own.
      const hop = error.code === "node_not_ready" ? 0 : undefined;
      const pathFault = destination ? !DESTINATION_CODES.has(error.code) : error.status === 504;
      // For servers, other statuses are the server's (or its exit's) answer, not the path's.
      if (pathFault) paths.failed(path, error.message, hop);
      if (hop === undefined) return error;
      return new OnionError(error.message, { status: error.status, hop, code: error.code });
    }
    const ed25519 = named[2].toLowerCase();
    const notFound = named[1].startsWith("Next");
    const hop = [...path.nodes, ...(destination ? [destination] : [])]
      .findIndex((n) => n.ed25519 === ed25519);
    if (notFound) strikes.drop(ed25519, "a relay could not find it");
    else if (hop >= 0 && hop < path.nodes.length) paths.failed(path, error.message, hop);
    const atDestination = destination?.ed25519 === ed25519;
    const code = atDestination ? `destination_${notFound ? "not_found" : "not_ready"}` : error.code;
    return new OnionError(error.message, {
      status: error.status,
      hop: hop >= 0 ? hop : undefined,
      code,
      cause: error,
    });
  }

  async function through<T>(
    destination: ServiceNode | undefined,
    build: (path: OnionPath) => OnionRequest,
    decode: (request: OnionRequest, body: Uint8Array) => T,
    sendOptions: OnionSendOptions,
    timeoutMs: number,
  ): Promise<T> {
    const signal = sendOptions.signal;
    const path = await paths.pick({
      exclude: destination?.ed25519,
      avoid: sendOptions.avoid,
      signal,
    });
    const request = build(path);
    const body = await exchange(path, request, timeoutMs, signal, destination);
    let out: T;
    try {
      out = decode(request, body);
    } catch (error) {
      if (!(error instanceof SessionBotError)) throw error;
      // Only the destination holds the reply key, but a relay can mangle the bytes: the path
      // counts it here; the caller decides about the destination (hop stays unknown).
      const hop = error instanceof OnionError ? error.hop : undefined; // a hop's own error
      paths.failed(path, hop === undefined ? "unreadable reply" : error.message, hop);
      if (error instanceof OnionError) throw error;
      throw new OnionError(`the onion reply did not decrypt: ${error.message}`, {
        code: "undecryptable",
        cause: error,
      });
    }
    paths.succeeded(path);
    return out;
  }

  return {
    snode(destination, rpc, sendOptions = {}) {
      return through(
        destination,
        (path) =>
          buildOnionRequest({
            path: path.nodes,
            destination: {
              kind: "snode",
              ed25519: destination.ed25519,
              x25519: destination.x25519,
            },
            payload: snodePayload({ method: rpc.method, params: rpc.params }),
            encType: options.encType,
          }),
        (request, body) => request.decryptSnodeReply(body),
        sendOptions,
        sendOptions.timeoutMs ?? options.timeoutMs ?? 15_000,
      );
    },
    server(target, request, sendOptions = {}) {
      const destination = serverDestination(target);
      const payload = encodeV4Request(
        { method: request.method, endpoint: request.endpoint, headers: request.headers ?? {} },
        request.body,
      );
      return through(
        undefined,
        (path) =>
          buildOnionRequest({ path: path.nodes, destination, payload, encType: options.encType }),
        (built, body) => built.decryptServerReply(body),
        sendOptions,
        sendOptions.timeoutMs ?? options.serverTimeoutMs ?? 30_000,
      );
    },
  };
}

/** Path-level statuses that are really the destination's business (the caller reacts). */
const DESTINATION_CODES = new Set(["clock_out_of_sync", "wrong_swarm"]);

function codeOf(error: NetworkError): string {
  if (error.code === "timeout") return "timeout";
  if (error.code === "response_too_large") return "reply_too_large";
  return "unreachable";
}
