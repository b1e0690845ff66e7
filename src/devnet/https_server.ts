/**
 * HTTPS serving on `node:https`, adapted to web `Request`/`Response` handlers.
 *
 * Why not `Deno.serve({ cert, key })`: in Deno 2.9 its TLS connections keep Nagle's algorithm
 * on, so any response the server writes in two parts (headers, then a body over ~1 KB) waits
 * for the client's delayed ACK: about 40 ms per request. `node:https` sets TCP_NODELAY and
 * answers the same request in well under a millisecond.
 *
 * @module
 */
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { TlsCertificate } from "./tls/mod.ts";

/** A web-style handler with the connection's remote address. */
export type WebHandler = (
  request: Request,
  info: Deno.ServeHandlerInfo<Deno.NetAddr>,
) => Response | Promise<Response>;

/** A running HTTPS server. */
export interface HttpsServer {
  /** The bound port. */
  readonly port: number;
  /** Stops accepting, closes idle and active connections, resolves when closed. */
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:`port` (0: a free port) and serves `handler` over TLS. */
export async function serveHttps(
  port: number,
  tls: TlsCertificate,
  handler: WebHandler,
): Promise<HttpsServer> {
  const inFlight = new Set<Promise<void>>();
  const server: Server = createServer(
    { cert: tls.cert, key: tls.key, noDelay: true },
    (req, res) => {
      const done = answer(req, res, handler).finally(() => inFlight.delete(done));
      inFlight.add(done);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await closed;
    },
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, handler: WebHandler) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`https://127.0.0.1${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? Readable.toWeb(req) as ReadableStream<Uint8Array> : undefined,
    // @ts-ignore: `duplex` is required for streamed request bodies but missing from lib.dom.
    duplex: "half",
  });
  const remote = { hostname: req.socket.remoteAddress ?? "", port: req.socket.remotePort ?? 0 };
  let response: Response;
  try {
    response = await handler(request, {
      remoteAddr: { transport: "tcp", ...remote },
      completed: Promise.resolve(),
    } as Deno.ServeHandlerInfo<Deno.NetAddr>);
  } catch (error) {
    console.error("devnet: handler failed:", error);
    response = new Response("request failed", { status: 500 });
  }
  const body = new Uint8Array(await response.arrayBuffer());
  res.writeHead(response.status, [...response.headers].flat());
  res.end(body);
}
