/**
 * HTTP(S) to service nodes, which serve self-signed certificates. Verification is switched off
 * per request (`rejectUnauthorized: false` on `node:https`), never process-wide, so every other
 * HTTPS connection (webhooks, file servers over https) stays verified.
 *
 * @module
 */
import {
  Agent as HttpAgent,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as httpRequest,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { assertBytes } from "../core/bytes.ts";
import { NetworkError, ValidationError } from "../core/errors.ts";

/** Options for {@link snodeFetch}. */
export interface SnodeFetchOptions {
  /** Whole-exchange timeout in milliseconds (default 10 000); then `NetworkError` `timeout`. */
  readonly timeoutMs?: number;
  /** Aborts the request; then `NetworkError` code `aborted`. */
  readonly signal?: AbortSignal;
  /** Extra request headers (`content-length` is always set from the body). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Largest accepted response body (default 16 MiB); then `response_too_large`. */
  readonly maxResponseBytes?: number;
  /** HTTP method (default `POST`). */
  readonly method?: "POST" | "GET";
  /** A keep-alive {@link SnodeAgent} to reuse connections; one-shot connections otherwise. */
  readonly agent?: SnodeAgent;
}

/** A response from a service node. */
export interface SnodeResponse {
  /** HTTP status. */
  readonly status: number;
  /** Response headers, lower-case names, repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body. */
  readonly body: Uint8Array;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE = 16 * 1024 * 1024;
const encoder = new TextEncoder();

/** The `node:http(s)` agents behind a {@link SnodeAgent}. */
interface Agents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

/**
 * A pool of keep-alive connections to service nodes. Close it when done (or declare it with
 * `using`): open sockets keep the process alive and fail Deno's test sanitizers.
 *
 * @example
 * ```ts
 * using agent = new SnodeAgent();
 * const res = await snodeFetch("https://127.0.0.1:22021/storage_rpc/v1", rpcJson, { agent });
 * ```
 */
export class SnodeAgent implements Disposable {
  #agents: Agents | undefined;

  /**
   * Creates an empty pool.
   *
   * @param options `maxSockets`: concurrent connections per node (default 8).
   */
  constructor(options: { maxSockets?: number } = {}) {
    const maxSockets = options.maxSockets ?? 8;
    this.#agents = {
      http: new HttpAgent({ keepAlive: true, maxSockets }),
      https: new HttpsAgent({ keepAlive: true, maxSockets }),
    };
  }

  /** Whether {@link SnodeAgent.close} was called. */
  get closed(): boolean {
    return this.#agents === undefined;
  }

  /**
   * Sends one request over this agent's pooled connections; see {@link snodeFetch}.
   *
   * @example
   * ```ts
   * const res = await agent.fetch("https://127.0.0.1:22021/onion_req/v2", request.body);
   * ```
   */
  fetch(
    url: string,
    body: Uint8Array | string,
    options: Omit<SnodeFetchOptions, "agent"> = {},
  ): Promise<SnodeResponse> {
    const agents = this.#agents;
    if (agents === undefined) {
      return Promise.reject(new NetworkError("this SnodeAgent is closed", "closed"));
    }
    return send(url, body, options, agents);
  }

  /** Destroys every pooled socket. Idempotent. */
  close(): void {
    const agents = this.#agents;
    this.#agents = undefined;
    agents?.http.destroy();
    agents?.https.destroy();
  }

  /** Same as {@link SnodeAgent.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * POSTs `body` to a service node URL (`https:` with a self-signed certificate, or `http:`) and
 * reads the whole response. Without `options.agent` it uses a one-shot connection that is
 * closed afterwards. Failures throw `NetworkError`: `timeout`, `connection_failed` (refused,
 * reset, TLS failure, cut-off response), `response_too_large`, `aborted`; a malformed URL
 * throws `ValidationError` (`bad_url`). Any HTTP status resolves; the caller interprets it.
 *
 * @example
 * ```ts
 * const res = await snodeFetch(
 *   "https://127.0.0.1:22021/storage_rpc/v1",
 *   JSON.stringify({ method: "info", params: {} }),
 *   { timeoutMs: 5000, headers: { "content-type": "application/json" } },
 * );
 * res.status; // 200
 * ```
 */
export async function snodeFetch(
  url: string,
  body: Uint8Array | string,
  options: SnodeFetchOptions = {},
): Promise<SnodeResponse> {
  if (options.agent !== undefined) return options.agent.fetch(url, body, options);
  const agents: Agents = {
    http: new HttpAgent({ keepAlive: false }),
    https: new HttpsAgent({ keepAlive: false }),
  };
  try {
    return await send(url, body, options, agents);
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
}

async function send(
  url: string,
  body: Uint8Array | string,
  options: Omit<SnodeFetchOptions, "agent">,
  agents: Agents,
): Promise<SnodeResponse> {
  let target: URL;
  try {
    target = new URL(url);
  } catch (cause) {
    throw new ValidationError(`invalid URL ${url}`, "bad_url", "url", { cause });
  }
  const secure = target.protocol === "https:";
  if (!secure && target.protocol !== "http:") {
    throw new ValidationError(
      `URL must be http: or https:, got ${target.protocol}`,
      "bad_url",
      "url",
    );
  }
  const payload = typeof body === "string" ? encoder.encode(body) : assertBytes(body, undefined);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxResponseBytes must be a non-negative integer, got ${maxBytes}`);
  }
  const where = `${target.protocol}//${target.host}${target.pathname}`;
  const signal = options.signal;

  return await new Promise<SnodeResponse>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new NetworkError(`request to ${where} aborted`, "aborted", { cause: signal.reason }));
      return;
    }
    let settled = false;
    const timer = setTimeout(() => {
      finish(new NetworkError(`no response from ${where} within ${timeoutMs} ms`, "timeout"));
    }, timeoutMs);
    const onAbort = () => {
      finish(new NetworkError(`request to ${where} aborted`, "aborted", { cause: signal?.reason }));
    };
    const finish = (error: Error | undefined, response?: SnodeResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (error === undefined) {
        resolve(response!);
      } else {
        request?.destroy();
        reject(error);
      }
    };
    const failed = (detail: string, cause?: unknown) =>
      finish(
        new NetworkError(`cannot reach ${where}: ${detail}`, "connection_failed", { cause }),
      );
    const tooLarge = () =>
      finish(
        new NetworkError(
          `response from ${where} exceeds ${maxBytes} bytes`,
          "response_too_large",
        ),
      );

    const requestOptions = {
      hostname: target.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: target.port === "" ? (secure ? 443 : 80) : Number(target.port),
      path: `${target.pathname}${target.search}`,
      method: options.method ?? "POST",
      headers: { ...options.headers, "content-length": String(payload.length) },
    };
    const onResponse = (response: IncomingMessage) => {
      const declared = Number(response.headers["content-length"]);
      if (declared > maxBytes) {
        response.destroy();
        return tooLarge();
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      response.on("data", (chunk: Uint8Array) => {
        size += chunk.length;
        if (size > maxBytes) {
          response.destroy();
          return tooLarge();
        }
        chunks.push(chunk);
      });
      response.on("end", () => {
        const out = new Uint8Array(size);
        let offset = 0;
        for (const chunk of chunks) {
          out.set(chunk, offset);
          offset += chunk.length;
        }
        finish(undefined, {
          status: response.statusCode ?? 0,
          headers: flatten(response.headers),
          body: out,
        });
      });
      response.on("error", (cause: Error) => failed(cause.message, cause));
      response.on("close", () => {
        if (!response.complete) failed("the connection closed before the response ended");
      });
    };
    let request: ClientRequest | undefined;
    try {
      request = secure
        ? httpsRequest(
          // Per request only: service nodes use self-signed certificates.
          { ...requestOptions, agent: agents.https, rejectUnauthorized: false },
          onResponse,
        )
        : httpRequest({ ...requestOptions, agent: agents.http }, onResponse);
    } catch (cause) {
      // Thrown synchronously (e.g. no --allow-sys): fail now, not later from the timer.
      return failed((cause as Error).message, cause);
    }
    request.on("error", (cause: Error) => failed(cause.message, cause));
    signal?.addEventListener("abort", onAbort, { once: true });
    request.end(payload);
  });
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}
