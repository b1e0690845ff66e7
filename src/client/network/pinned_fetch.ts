/**
 * HTTPS to a pinned seed: the seed's own certificate is the only trusted CA, the host name is
 * checked, and the public key and certificate fingerprints must match the pins (as desktop's
 * seed agent does). Full verification: this is not snode traffic.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { ClientRequest, IncomingMessage } from "node:http";
import { Agent, request } from "node:https";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { concatBytes, utf8 } from "../../core/bytes.ts";
import { NetworkError } from "../../core/errors.ts";
import type { SnodeResponse } from "../../onion/mod.ts";
import type { SeedNode } from "./seeds.ts";

/** Options for {@link pinnedFetch}. */
export interface PinnedFetchOptions {
  /** Whole-exchange timeout, ms. */
  readonly timeoutMs: number;
  /** Aborts the request. */
  readonly signal?: AbortSignal;
  /** Request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Largest accepted body (default 16 MiB). */
  readonly maxResponseBytes?: number;
}

/**
 * The TLS identity check for `seed`: host name, then both pins. Returns an `Error` on mismatch
 * (node's `checkServerIdentity` contract).
 *
 * @example
 * ```ts
 * import { Agent } from "node:https";
 * import { MAINNET_SEEDS, pinCheck } from "./mod.ts";
 *
 * const seed = MAINNET_SEEDS[0];
 * const agent = new Agent({ ca: seed.ca, checkServerIdentity: pinCheck(seed) });
 * agent.destroy();
 * ```
 */
export function pinCheck(
  seed: SeedNode,
): (host: string, cert: PeerCertificate) => Error | undefined {
  return (host, cert) => {
    const hostError = checkServerIdentity(host, cert);
    if (hostError) return hostError;
    const pubkey = createHash("sha256").update(cert.pubkey ?? new Uint8Array()).digest("base64");
    if (seed.pubkeySha256 !== undefined && pubkey !== seed.pubkeySha256) {
      return new Error(`the public key of ${host} does not match its pin`);
    }
    if (seed.certSha256 !== undefined && cert.fingerprint256 !== seed.certSha256) {
      return new Error(`the certificate of ${host} does not match its pin`);
    }
    return undefined;
  };
}

/**
 * POSTs `body` to `url` on a seed with a pinned certificate (`seed.ca`). Failures (including a
 * pin mismatch) are `NetworkError`: `timeout`, `connection_failed`, `response_too_large`,
 * `aborted`.
 *
 * @example
 * ```ts
 * const res = await pinnedFetch(seedRpcUrl(seed.url), rpcJson, seed, { timeoutMs: 5000 });
 * ```
 */
export function pinnedFetch(
  url: string,
  body: string,
  seed: SeedNode,
  options: PinnedFetchOptions,
): Promise<SnodeResponse> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: false });
  return new Promise<SnodeResponse>((resolve, reject) => {
    let req: ClientRequest | undefined;
    let done = false;
    const finish = (error?: Error, response?: SnodeResponse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      req?.destroy();
      agent.destroy();
      if (error) reject(error);
      else resolve(response!);
    };
    const fail = (code: string, detail: string, cause?: unknown) =>
      finish(new NetworkError(`seed ${target.host}: ${detail}`, code, { cause }));
    const onAbort = () => fail("aborted", "request aborted");
    const timer = setTimeout(
      () => fail("timeout", `no answer within ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    try {
      req = request({
        hostname: target.hostname,
        port: target.port === "" ? 443 : Number(target.port),
        path: target.pathname + target.search,
        method: "POST",
        agent,
        ca: seed.ca,
        rejectUnauthorized: true,
        checkServerIdentity: pinCheck(seed),
        headers: { ...options.headers, "content-length": String(utf8(body).length) },
      }, (res) => readAll(res, options.maxResponseBytes ?? 16 * 1024 * 1024, finish, fail));
    } catch (cause) {
      return fail("connection_failed", (cause as Error).message, cause); // e.g. no --allow-sys
    }
    req.on("error", (cause: Error) => fail("connection_failed", cause.message, cause));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    req.end(body);
  });
}

/** Reads a whole response of at most `maxBytes`. */
function readAll(
  res: IncomingMessage,
  maxBytes: number,
  finish: (error: undefined, response: SnodeResponse) => void,
  fail: (code: string, detail: string, cause?: unknown) => void,
): void {
  const chunks: Uint8Array[] = [];
  let size = 0;
  res.on("data", (chunk: Uint8Array) => {
    size += chunk.length;
    if (size > maxBytes) return fail("response_too_large", `reply over ${maxBytes} bytes`);
    chunks.push(chunk);
  });
  res.on("error", (cause: Error) => fail("connection_failed", cause.message, cause));
  res.on("end", () => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
    finish(undefined, { status: res.statusCode ?? 0, headers, body: concatBytes(...chunks) });
  });
}
