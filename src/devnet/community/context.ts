/**
 * What a route handler gets: the parsed request, the authenticated user, the server's state,
 * and guards that throw the right pysogs status (401 no auth, 403 no permission, 404 unknown
 * room, 400 bad JSON).
 *
 * @module
 */
import { jsonResponse } from "../http.ts";
import type { AuthUser } from "./auth.ts";
import type { CommunityDb } from "./db.ts";
import { refuse } from "./errors.ts";
import type { UserKeys } from "./ids.ts";
import type { RoomFiles } from "./files.ts";
import type { RoomRecord } from "./model.ts";
import { type Standing, standingIn } from "./permissions.ts";
import type { RenderContext } from "./render.ts";

/** Limits and switches of one community server. */
export interface CommunityLimits {
  /** Posts per `rateLimitInterval` seconds per user per room (non-admins); 0 disables. */
  readonly rateLimitSize: number;
  /** Rate limit window, seconds (pysogs: 16). */
  readonly rateLimitInterval: number;
  /** Largest upload, bytes (pysogs: 10,000,000). */
  readonly maxFileSize: number;
  /** Largest post `data`, bytes (a KV value holds 64 KiB). */
  readonly maxPostSize: number;
  /** Refuse unblinded (`00`) auth, like pysogs' default. */
  readonly requireBlind: boolean;
  /** Check each post's `signature` over its `data` with the poster's key (400 when wrong). */
  readonly verifyPosts: boolean;
}

/** The server as routes see it. */
export interface CommunityCore {
  readonly db: CommunityDb;
  readonly keys: UserKeys;
  readonly limits: CommunityLimits;
  /** The server's X25519 public key, hex. */
  readonly publicKey: string;
  /** Server time, ms. */
  now(): number;
  /** Next seqno of `room` (persists the room). */
  nextSeqno(room: RoomRecord): number;
  /** Records that `user` was active in `room` (for `active_users`). */
  touch(room: RoomRecord, user: string): void;
  /** Throws 429 when `user` posted too often in `room` (admins are exempt); else counts a post. */
  rateLimit(room: RoomRecord, user: string, admin: boolean): void;
  /** Uploaded files. */
  readonly files: RoomFiles;
  /** Users active in `room` in the last week. */
  activeUsers(room: RoomRecord): number;
  /** Runs a sub-request as `user` (for `/batch` and `/sequence`). */
  subrequest(request: SubRequest, user: AuthUser | undefined): Promise<Response>;
}

/** A request as routes see it (also a `/batch` sub-request). */
export interface SubRequest {
  readonly method: string;
  /** Decoded path without query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/** A route handler's view of one request. */
export interface RouteContext extends SubRequest, RenderContext {
  readonly core: CommunityCore;
  /** The authenticated user, if any. */
  readonly auth?: AuthUser;
  /** Path parameters of the matched route. */
  readonly params: readonly string[];
  /** The request body as a JSON object (400 otherwise). */
  json(): Record<string, unknown>;
  /** The user key; 401 without authentication. */
  requireUser(): string;
  /** The room `token` (404 when unknown). */
  room(token: string): RoomRecord;
  /** The requester's standing in `room`. */
  standing(room: RoomRecord): Standing;
  /** Throws 403 unless the requester can read `room`. */
  requireRead(room: RoomRecord): Standing;
  /** Throws 401/403 unless the requester moderates (or administers) `room`. */
  requireModerator(room: RoomRecord, admin?: boolean): string;
}

/** Builds the context of one request. */
export function routeContext(
  core: CommunityCore,
  request: SubRequest,
  auth: AuthUser | undefined,
  params: readonly string[],
): RouteContext {
  const user = auth ? core.keys.keyOf(auth.id) : undefined;
  let parsed: Record<string, unknown> | undefined;
  const ctx: RouteContext = {
    ...request,
    core,
    auth,
    params,
    db: core.db,
    keys: core.keys,
    user,
    now: core.now() / 1000,
    json() {
      if (parsed) return parsed;
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(request.body));
      } catch {
        refuse(400, "Invalid request: the body must be JSON");
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        refuse(400, "Invalid request: the body must be a JSON object");
      }
      return parsed = value as Record<string, unknown>;
    },
    requireUser() {
      if (user === undefined) refuse(401, "X-SOGS-* request authentication required");
      return user;
    },
    room(token) {
      const room = core.db.rooms.get(token);
      if (!room) refuse(404, `No such room: ${token}`);
      return room;
    },
    standing: (room) => standingIn(core.db, room, user),
    requireRead(room) {
      const standing = standingIn(core.db, room, user);
      if (!standing.read) refuse(403, "This endpoint requires room message 'read' permission");
      if (user !== undefined) core.touch(room, user);
      return standing;
    },
    requireModerator(room, admin = false) {
      const key = ctx.requireUser();
      const standing = standingIn(core.db, room, key);
      if (!(admin ? standing.admin : standing.moderator)) {
        refuse(403, `This endpoint requires ${admin ? "admin" : "moderator"} room permissions`);
      }
      return key;
    },
  };
  return ctx;
}

/** A JSON answer (200 unless `status`). */
export function ok(body: unknown, status = 200): Response {
  return jsonResponse(status, body);
}

/** An integer query parameter clamped to `[min, max]` (pysogs `get_int_param(truncate=True)`). */
export function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = query.get(name);
  if (text === null || text === "") return fallback;
  if (!/^-?\d+$/.test(text)) refuse(400, `Invalid ${name}: expected an integer`);
  return Math.min(max, Math.max(min, Number(text)));
}
