/**
 * The devnet community server: a session-pysogs lookalike on plain HTTP at 127.0.0.1, with its
 * own X25519 key for onion v4 requests (`/oxen/v4/lsrpc`), state in the devnet KV.
 *
 * @module
 */
import { fromHex } from "../../core/bytes.ts";
import { readBody, textResponse } from "../http.ts";
import type { DevnetKeys } from "../keys.ts";
import { createListener, type Listener } from "../listener.ts";
import { createLsrpc, LSRPC_PATHS } from "../fileserver/lsrpc.ts";
import { type CommunityAdmin, createAdmin } from "./admin.ts";
import { createAuthenticator } from "./auth.ts";
import type { CommunityLimits, SubRequest } from "./context.ts";
import { createCore } from "./core.ts";
import { loadCommunityDb } from "./db.ts";
import { errorResponse } from "./errors.ts";
import { applyDue, globallyBanned } from "./permissions.ts";
import { createRouter } from "./router.ts";
import { allRoutes } from "./routes/mod.ts";

/** Options for {@link createCommunityServer}. */
export interface CommunityServerOptions extends Partial<CommunityLimits> {
  /** Where rooms, posts, files and DMs are kept. */
  readonly kv: Deno.Kv;
  /** The server's keys (its X25519 public key is the community public key). */
  readonly keys: DevnetKeys;
  /** Port on 127.0.0.1 (0: a free one). */
  readonly port: number;
  /** Server clock, ms (tests move it). */
  readonly now?: () => number;
}

/** A running community server's address and keys. */
export interface CommunityServerInfo {
  /** Base URL, e.g. `http://127.0.0.1:22011`. */
  readonly url: string;
  /** The server public key (X25519, hex): join links, blinding, onion requests. */
  readonly publicKey: string;
  /** Same as `publicKey`, so the info is an onion `ServerTarget`. */
  readonly x25519: string;
  /** Ed25519 key, hex. */
  readonly ed25519: string;
  /** Port. */
  readonly port: number;
}

/** A community server before and while it listens. */
export interface CommunityServer {
  /** Starts and stops the HTTP listener. */
  readonly listener: Listener;
  /** In-process administration (rooms, moderators, bans) for tests and the devnet. */
  readonly admin: CommunityAdmin;
  /** Address and keys. */
  info(): CommunityServerInfo;
  /** Removes expired files; returns how many. */
  sweep(): Promise<number>;
}

/** Defaults as pysogs ships them, plus our post size cap and signature check. */
export const COMMUNITY_DEFAULTS: CommunityLimits = {
  rateLimitSize: 5,
  rateLimitInterval: 16,
  maxFileSize: 10_000_000,
  maxPostSize: 48 * 1024,
  requireBlind: true,
  verifyPosts: true,
};

/**
 * Creates the server over the state in `kv`; `listener.start()` makes it listen.
 *
 * @example
 * ```ts
 * const kv = await Deno.openKv(":memory:");
 * const server = await createCommunityServer({ kv, keys: keysFromSeed(seed), port: 0 });
 * await server.admin.createRoom("lobby", "Lobby");
 * await server.listener.start();
 * ```
 */
export async function createCommunityServer(
  options: CommunityServerOptions,
): Promise<CommunityServer> {
  const now = options.now ?? Date.now;
  const limits: CommunityLimits = {
    rateLimitSize: options.rateLimitSize ?? COMMUNITY_DEFAULTS.rateLimitSize,
    rateLimitInterval: options.rateLimitInterval ?? COMMUNITY_DEFAULTS.rateLimitInterval,
    maxFileSize: options.maxFileSize ?? COMMUNITY_DEFAULTS.maxFileSize,
    maxPostSize: options.maxPostSize ?? COMMUNITY_DEFAULTS.maxPostSize,
    requireBlind: options.requireBlind ?? COMMUNITY_DEFAULTS.requireBlind,
    verifyPosts: options.verifyPosts ?? COMMUNITY_DEFAULTS.verifyPosts,
  };
  const db = await loadCommunityDb(options.kv);
  const publicKey = options.keys.x25519Hex;
  const router = createRouter(allRoutes);
  const core = createCore({ db, publicKey, limits, now, router });
  const authenticate = createAuthenticator({
    serverPubkey: fromHex(publicKey),
    requireBlind: limits.requireBlind,
    now,
    isBanned: (id) => globallyBanned(db, core.keys.keyOf(id)),
    nonces: db.nonces,
    onNonce: (key, expiry) =>
      db.put(["nonce", key], expiry, Math.max(1, Math.ceil((expiry - now() / 1000) * 1000))),
  });

  async function routes(request: Request): Promise<Response> {
    try {
      const url = new URL(request.url);
      // Room for the largest upload plus headers of a batch; larger bodies get 413.
      const body = await readBody(request, limits.maxFileSize + 64 * 1024);
      if (!body) return textResponse(413, "Request body too large");
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return textResponse(400, "Invalid request path encoding");
      }
      applyDue(db, now() / 1000);
      const sub: SubRequest = {
        method: request.method.toUpperCase(),
        path,
        query: url.searchParams,
        headers: request.headers,
        body,
      };
      const user = authenticate({ ...sub, query: url.search.slice(1) });
      if (user) {
        core.keys.remember(user.id, true);
        db.saveUser(core.keys.keyOf(user.id));
      }
      const response = await core.subrequest(sub, user);
      await db.flush();
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  }

  const lsrpc = createLsrpc(options.keys.x25519, routes);
  const listener = createListener({
    port: options.port,
    name: "the community server",
    handler: async function communityServer(request) {
      const path = new URL(request.url).pathname;
      if (!LSRPC_PATHS.includes(path)) return await routes(request);
      if (request.method !== "POST") return textResponse(405, "Method Not Allowed");
      const body = await readBody(request, limits.maxFileSize * 2);
      return body ? await lsrpc(body) : textResponse(413, "Request body too large");
    },
  });
  return {
    listener,
    admin: createAdmin(core),
    info: () => ({
      url: `http://127.0.0.1:${listener.port}`,
      publicKey,
      x25519: publicKey,
      ed25519: options.keys.ed25519Hex,
      port: listener.port,
    }),
    async sweep() {
      const removed = core.files.sweep(now() / 1000);
      await db.flush();
      return removed;
    },
  };
}
