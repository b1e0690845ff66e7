/**
 * A service node's HTTPS routes, with the storage server's transport rules
 * (storage-server.md §5): 404 for unknown paths, 413 over 10 MiB, 410 for long polls, the
 * per-IP token bucket (429) on `/storage_rpc/v1` only, 503 when not ready.
 *
 * @module
 */
import { fromHex, toBase64 } from "../../core/bytes.ts";
import type { NodeFaultState } from "../faults/mod.ts";
import { type Handler } from "../listener.ts";
import { jsonResponse, readBody, sleep, textResponse } from "../http.ts";
import type { OnionAnswer, RpcAnswer } from "../onion/mod.ts";
import type { RateLimiter } from "./rate_limit.ts";

/** What the routes need from their node. */
export interface NodeRoutesDeps {
  /** The node's Ed25519 key, hex (sent by `/ping_test/v1`). */
  readonly ed25519: string;
  /** The node's faults. */
  readonly faults: NodeFaultState;
  /** The `/storage_rpc/v1` rate limiter. */
  readonly limiter: RateLimiter;
  /** How long a dropped request is held before the connection is let go, in ms. */
  readonly dropHoldMs: number;
  /** Runs a storage RPC body. */
  rpc(body: Uint8Array): Promise<RpcAnswer>;
  /** Processes an onion request body. */
  onion(body: Uint8Array): Promise<OnionAnswer>;
}

const NOT_READY = "Service node is not ready: devnet fault injection\n";

/** Creates the node's request handler. */
export function createNodeHandler(deps: NodeRoutesDeps): Handler {
  return async function nodeHandler(request, info, stopping): Promise<Response> {
    const verdict = await deps.faults.admit();
    if (verdict.kind === "drop" || verdict.kind === "stopped") {
      await sleep(deps.dropHoldMs, stopping);
      return new Response(null, { status: 504 });
    }
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname}${url.search}`;
    const notReady = verdict.kind === "status" && verdict.status === 503;
    if (route === "POST /ping_test/v1") {
      const key = toBase64(fromHex(deps.ed25519));
      return new Response(null, { status: 200, headers: { "x-loki-snode-pubkey": key } });
    }
    if (route === "GET /get_stats/v1") return jsonResponse(200, { version: "2.8.0" });
    if (route === "POST /storage_rpc/v1") {
      if (notReady) return textResponse(503, NOT_READY);
      if (info.remoteAddr.hostname.includes(":")) return textResponse(400, "Bad Request\n");
      if (!deps.limiter.allow(info.remoteAddr.hostname)) {
        return textResponse(429, "Too Many Requests\n");
      }
      if (request.headers.get("x-loki-long-poll")) {
        return textResponse(410, "long polling is no longer supported, client upgrade required");
      }
    } else if (route === "POST /onion_req/v2") {
      if (notReady) return textResponse(503, NOT_READY);
    } else {
      return textResponse(404, `${request.method} ${url.pathname}${url.search} Not Found`);
    }
    const body = await readBody(request);
    if (!body) return textResponse(413, "Request body too large");
    if (url.pathname === "/onion_req/v2") return onionResponse(await deps.onion(body));
    return rpcResponse(await deps.rpc(body));
  };
}

/** Renders an RPC result: JSON bodies as `application/json`, text as `text/plain`. */
export function rpcResponse(result: RpcAnswer): Response {
  return "body" in result
    ? jsonResponse(result.status, result.body)
    : textResponse(result.status, result.text);
}

function onionResponse(answer: OnionAnswer): Response {
  const body = typeof answer.body === "string" ? answer.body : answer.body.slice();
  return new Response(body, {
    status: answer.status,
    headers: { "content-type": answer.contentType ?? "text/plain" },
  });
}
