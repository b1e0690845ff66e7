/**
 * `POST /v1/messages` (send to a Session ID, ONS name, joined room or blinded DM) and `GET /v1/messages` (the event log, paged by cursor).
 *
 * @module
 */
import { Hono } from "hono";
import type { RouteDeps, ServerEnv } from "../deps.ts";
import { recipientOf } from "../recipient.ts";
import { sendToRoom } from "../room_send.ts";
import { isRoomAddress, roomTargetOf } from "../room_target.ts";
import { readSendRequest, sessionSendInput } from "../send_input.ts";
import { readPageQuery } from "./query.ts";
import { fingerprintOf, idempotencyKeyOf, runOnce, type StoredAnswer } from "../idempotency.ts";

/**
 * The message routes.
 *
 * @example
 * ```ts
 * declare const deps: RouteDeps;
 * const app = new Hono().route("/", messageRoutes(deps));
 * ```
 */
export function messageRoutes(deps: RouteDeps): Hono<ServerEnv> {
  const { client, events } = deps.config;
  const app = new Hono<ServerEnv>();

  app.post("/v1/messages", async (c) => {
    const key = idempotencyKeyOf(c.req.header("idempotency-key"));
    const request = await readSendRequest(c, deps.fetchAttachment);
    const send = async (): Promise<StoredAnswer> => {
      if (isRoomAddress(request.to)) {
        // A room (join link or <server>/<room>) or a blinded DM: through a joined room.
        const target = await roomTargetOf(client, request.to);
        return { status: 201, body: await sendToRoom(target, request, events) };
      }
      const input = sessionSendInput(request);
      const recipient = await recipientOf(client, request.to);
      const { hash, timestamp } = await client.send(recipient, input);
      return { status: 201, body: { hash, timestamp, to: recipient } };
    };
    if (key === undefined) {
      const answer = await send();
      deps.instruments.apiMessages.inc();
      return c.json(answer.body, 201);
    }
    const scope = [client.sessionId, key] as const;
    const once = await runOnce(deps.config.kv, scope, fingerprintOf(request), send);
    if (once.replayed) c.header("Idempotent-Replayed", "true");
    else deps.instruments.apiMessages.inc();
    return c.json(once.body, 201);
  });

  app.get("/v1/messages", async (c) => {
    const { since, limit, types } = readPageQuery(c);
    const page = await events.since(since, { limit, types });
    return c.json(page);
  });

  return app;
}
