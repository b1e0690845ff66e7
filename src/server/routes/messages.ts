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
    const request = await readSendRequest(c, deps.fetchAttachment);
    if (isRoomAddress(request.to)) {
      // A room (join link or <server>/<room>) or a blinded DM: through a joined room.
      const target = await roomTargetOf(client, request.to);
      const sent = await sendToRoom(target, request, events);
      deps.instruments.apiMessages.inc();
      return c.json(sent, 201);
    }
    const input = sessionSendInput(request);
    const recipient = await recipientOf(client, request.to);
    const { hash, timestamp } = await client.send(recipient, input);
    deps.instruments.apiMessages.inc();
    return c.json({ hash, timestamp, to: recipient }, 201);
  });

  app.get("/v1/messages", async (c) => {
    const { since, limit, types } = readPageQuery(c);
    const page = await events.since(since, { limit, types });
    return c.json(page);
  });

  return app;
}
