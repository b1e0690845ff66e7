/**
 * The devnet file server: plain HTTP on 127.0.0.1 (like `http://filev2.getsession.org`), its
 * own X25519 key for onion v4 requests, files in the devnet's KV.
 *
 * @module
 */
import type { DevnetKeys } from "../keys.ts";
import { readBody, textResponse } from "../http.ts";
import { createListener, type Listener } from "../listener.ts";
import { createLsrpc, LSRPC_PATHS } from "./lsrpc.ts";
import { createFileRoutes, type FileServerConfig } from "./routes.ts";
import { createFileStore } from "./store.ts";

/** Options for {@link createFileServer}. */
export interface FileServerOptions extends Partial<FileServerConfig> {
  /** Where files are kept. */
  readonly kv: Deno.Kv;
  /** The server's keys. */
  readonly keys: DevnetKeys;
  /** Port on 127.0.0.1 (0: a free one). */
  readonly port: number;
}

/** A running file server's address and keys. */
export interface FileServerInfo {
  /** Base URL, e.g. `http://127.0.0.1:22010`. */
  readonly url: string;
  /** X25519 key for onion v4 requests, hex. */
  readonly x25519: string;
  /** Ed25519 key, hex. */
  readonly ed25519: string;
  /** Port. */
  readonly port: number;
}

const WEEKS_3 = 21 * 24 * 3600;

/** Creates the file server; `listener.start()` makes it listen. */
export function createFileServer(options: FileServerOptions): {
  listener: Listener;
  info(): FileServerInfo;
  sweep(): Promise<number>;
} {
  const now = options.now ?? Date.now;
  const store = createFileStore(options.kv);
  const routes = createFileRoutes(store, {
    // Room for the largest encrypted 10 MB attachment (legacy adds 64 bytes; the deterministic
    // format pads to 10,223,616), so a client at its 10 MB cap is never refused.
    maxFileSize: options.maxFileSize ?? 10_223_616,
    defaultTtl: options.defaultTtl ?? WEEKS_3,
    maxTtl: options.maxTtl ?? WEEKS_3,
    now,
  });
  const lsrpc = createLsrpc(options.keys.x25519, routes);
  const listener = createListener({
    port: options.port,
    name: "the file server",
    handler: async function fileServer(request) {
      const path = new URL(request.url).pathname;
      if (!LSRPC_PATHS.includes(path)) return await routes(request);
      if (request.method !== "POST") return textResponse(405, "Method Not Allowed");
      const body = await readBody(request, 16 * 1024 * 1024);
      return body ? await lsrpc(body) : textResponse(413, "Request body too large");
    },
  });
  return {
    listener,
    info: () => ({
      url: `http://127.0.0.1:${listener.port}`,
      x25519: options.keys.x25519Hex,
      ed25519: options.keys.ed25519Hex,
      port: listener.port,
    }),
    sweep: () => store.sweep(now()),
  };
}
