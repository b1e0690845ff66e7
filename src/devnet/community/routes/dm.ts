/**
 * Blinded direct messages (pysogs `routes/dm.py`): anyone authenticated may `POST
 * /inbox/:blindedId` to a user the server has seen (404 otherwise, or when globally banned);
 * blinded users read their inbox and outbox (`since` answers 304 when nothing is new). DMs
 * expire after 15 days.
 *
 * @module
 */
import { fromBase64 } from "../../../core/bytes.ts";
import { intParam, ok, type RouteContext } from "../context.ts";
import { refuse } from "../errors.ts";
import { parseUserId } from "../ids.ts";
import type { DmRecord } from "../model.ts";
import { globallyBanned } from "../permissions.ts";
import type { Route } from "../router.ts";
import { toBase64 } from "../../../core/bytes.ts";

/** Seconds a DM is kept (pysogs `DM_EXPIRY`). */
export const DM_EXPIRY = 15 * 86400;

function render(dm: DmRecord, withMessage: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: dm.id,
    posted_at: dm.postedAt,
    expires_at: dm.expiresAt,
    sender: dm.senderId,
    recipient: dm.recipientId,
  };
  if (withMessage) out.message = toBase64(dm.data);
  return out;
}

function blindUser(ctx: RouteContext): string {
  const user = ctx.requireUser();
  if (!ctx.auth!.blinded) refuse(401, "This endpoint requires blinded pubkeys be used");
  return user;
}

function send(ctx: RouteContext): Response {
  const sender = ctx.requireUser();
  const recipientId = parseUserId(ctx.params[0], "blinded id", true);
  const recipient = ctx.keys.keyOf(recipientId);
  if (!ctx.keys.known(recipient) || globallyBanned(ctx.db, recipient)) {
    refuse(404, "No such user on this server");
  }
  const { message } = ctx.json();
  if (typeof message !== "string") refuse(400, "Invalid request: message (base64) is required");
  let data: Uint8Array;
  try {
    data = fromBase64(message);
  } catch {
    refuse(400, "Invalid message: not valid base64");
  }
  if (data.length === 0 || data.length > ctx.core.limits.maxPostSize) {
    refuse(data.length === 0 ? 400 : 413, "Invalid message size");
  }
  const id = ++ctx.db.counters.dm;
  ctx.db.saveCounters();
  const dm: DmRecord = {
    id,
    sender,
    senderId: ctx.auth!.id,
    recipient,
    recipientId: ctx.keys.displayOf(recipient),
    postedAt: ctx.now,
    expiresAt: ctx.now + DM_EXPIRY,
    data,
  };
  ctx.db.dms.set(id, dm);
  ctx.db.put(["dm", id], dm);
  return ok(render(dm, false), 201);
}

function box(ctx: RouteContext, outgoing: boolean, since?: string): Response {
  const user = blindUser(ctx);
  if (since !== undefined && !/^\d+$/.test(since)) refuse(404, "Not Found");
  const after = since === undefined ? 0 : Number(since);
  const limit = intParam(ctx.query, "limit", 100, 1, 256);
  const list = [...ctx.db.dms.values()]
    .filter((dm) => {
      if (dm.expiresAt <= ctx.now) {
        ctx.db.dms.delete(dm.id);
        ctx.db.put(["dm", dm.id], undefined);
        return false;
      }
      return (outgoing ? dm.sender : dm.recipient) === user && dm.id > after;
    })
    .sort((a, b) => a.id - b.id)
    .slice(0, limit);
  if (list.length === 0 && since !== undefined) return new Response(null, { status: 304 });
  return ok(list.map((dm) => render(dm, true)));
}

function clearInbox(ctx: RouteContext): Response {
  const user = blindUser(ctx);
  let deleted = 0;
  for (const dm of [...ctx.db.dms.values()]) {
    if (dm.recipient !== user) continue;
    ctx.db.dms.delete(dm.id);
    ctx.db.put(["dm", dm.id], undefined);
    deleted++;
  }
  return ok({ deleted });
}

/** The DM routes. */
export const dmRoutes: Route[] = [
  { method: "POST", pattern: "/inbox/:sid", handler: send },
  { method: "GET", pattern: "/inbox", handler: (c) => box(c, false) },
  { method: "GET", pattern: "/inbox/since/:id", handler: (c) => box(c, false, c.params[0]) },
  { method: "GET", pattern: "/outbox", handler: (c) => box(c, true) },
  { method: "GET", pattern: "/outbox/since/:id", handler: (c) => box(c, true, c.params[0]) },
  { method: "DELETE", pattern: "/inbox", handler: clearInbox },
];
