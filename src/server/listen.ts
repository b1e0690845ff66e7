/**
 * `listen`: serves a fetch handler with `Deno.serve`, on 127.0.0.1 by default. `close()` first
 * ends the listener's open event streams (they never finish on their own), then shuts down.
 *
 * @module
 */
import { NetworkError, ValidationError } from "../core/errors.ts";

/** Options of `WebhookServer.listen`. */
export interface ListenOptions {
  /** Interface to bind (default `127.0.0.1`; `0.0.0.0` exposes the API to the network). */
  readonly hostname?: string;
  /** Port (default 8787; 0 picks a free one). */
  readonly port?: number;
  /** Closes the server when aborted. */
  readonly signal?: AbortSignal;
}

/** A running listener. */
export interface Listener {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** Ends open streams, stops accepting and waits for requests in flight. */
  close(): Promise<void>;
}

/**
 * Serves `handler` (given a signal that aborts when this listener closes).
 *
 * @example
 * ```ts
 * const { url, close } = await serveOn((req) => new Response("hi"), { port: 0 });
 * console.log(await (await fetch(url)).text());
 * await close();
 * ```
 */
export function serveOn(
  handler: (request: Request, closing: AbortSignal) => Response | Promise<Response>,
  options: ListenOptions = {},
): Promise<Listener> {
  const hostname = options.hostname ?? "127.0.0.1";
  const port = options.port ?? 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ValidationError("port must be a whole number from 0 to 65535", "bad_option", "port");
  }
  const closing = new AbortController();
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname,
      port,
      onListen: () => {},
      handler: (request) => handler(request, closing.signal),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NetworkError(
      `cannot listen on ${hostname}:${port} (${reason}): pick another port or hostname`,
      error instanceof Deno.errors.AddrInUse ? "address_in_use" : "listen_failed",
      { cause: error },
    );
  }
  const host = server.addr.hostname.includes(":")
    ? `[${server.addr.hostname}]`
    : server.addr.hostname;
  let closed: Promise<void> | undefined;
  const close = () =>
    closed ??= (async () => {
      options.signal?.removeEventListener("abort", onAbort);
      closing.abort();
      await server.shutdown();
    })();
  const onAbort = () => void close();
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  return Promise.resolve({ url: `http://${host}:${server.addr.port}`, close });
}
