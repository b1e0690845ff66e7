/**
 * A restartable loopback server: HTTPS (`node:https`, see `https_server.ts`) or plain HTTP
 * (`Deno.serve`) on 127.0.0.1, stoppable and startable again on the same port (fault injection
 * stops and restarts nodes).
 *
 * @module
 */
import { SessionBotError } from "../core/errors.ts";
import { serveHttps } from "./https_server.ts";
import type { TlsCertificate } from "./tls/mod.ts";

/** A request handler that also gets a signal aborted when the server stops. */
export type Handler = (
  request: Request,
  info: Deno.ServeHandlerInfo<Deno.NetAddr>,
  stopping: AbortSignal,
) => Response | Promise<Response>;

/** Options for {@link createListener}. */
export interface ListenerOptions {
  /** Port to bind on 127.0.0.1; 0 picks a free one (kept across restarts). */
  readonly port: number;
  /** Serve HTTPS with this certificate; plain HTTP without. */
  readonly tls?: TlsCertificate;
  /** What answers. */
  readonly handler: Handler;
  /** Name used in error messages, e.g. `"node 3"`. */
  readonly name: string;
}

/** A server that can be stopped and started again. */
export interface Listener {
  /** The bound port (the requested one until first started with port 0). */
  readonly port: number;
  /** True while listening. */
  readonly running: boolean;
  /** Binds and listens; resolves once listening. */
  start(): Promise<void>;
  /** Releases held requests, closes the port and waits for in-flight requests. */
  stop(): Promise<void>;
}

interface Running {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Creates a {@link Listener}; call `start()` to listen.
 *
 * @example
 * ```ts
 * const listener = createListener({ port: 0, name: "demo", handler: () => new Response("hi") });
 * await listener.start();
 * await listener.stop();
 * ```
 */
export function createListener(options: ListenerOptions): Listener {
  let port = options.port;
  let running: Running | undefined;
  let stopping: AbortController | undefined;

  async function start(): Promise<void> {
    if (running) return;
    const controller = new AbortController();
    const handler = (request: Request, info: Deno.ServeHandlerInfo<Deno.NetAddr>) =>
      options.handler(request, info, controller.signal);
    try {
      running = options.tls
        ? await serveHttps(port, options.tls, handler)
        : servePlain(port, handler);
    } catch (error) {
      throw bindError(options.name, port, error);
    }
    stopping = controller;
    port = running.port;
  }

  async function stop(): Promise<void> {
    const current = running;
    if (!current) return;
    running = undefined;
    stopping?.abort();
    await current.close();
  }

  return {
    get port() {
      return port;
    },
    get running() {
      return running !== undefined;
    },
    start,
    stop,
  };
}

function servePlain(
  port: number,
  handler: (
    request: Request,
    info: Deno.ServeHandlerInfo<Deno.NetAddr>,
  ) => Response | Promise<Response>,
): Running {
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port,
    onListen() {},
    onError: (error) => {
      console.error("devnet: handler failed:", error);
      return new Response("request failed", { status: 500 });
    },
  }, handler);
  return { port: server.addr.port, close: () => server.shutdown() };
}

function bindError(name: string, port: number, error: unknown): Error {
  const code = (error as { code?: string })?.code;
  if (error instanceof Deno.errors.AddrInUse || code === "EADDRINUSE") {
    return new SessionBotError(
      `${name} cannot listen on 127.0.0.1:${port}: the port is in use. ` +
        "Pick another base port (--port) or 0 for free ports.",
      "port_in_use",
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
