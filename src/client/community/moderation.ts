/**
 * Moderation calls of a room (pysogs `users.py`, `rooms.py`): bans, timed mutes (two requests in
 * one `/sequence`), moderator rights and deleting everything a user posted.
 *
 * @module
 */
import { okBody, runBatch } from "./batch.ts";
import { statusError } from "./errors.ts";
import type { ServerConnection } from "./transport.ts";
import type { Community } from "./types.ts";
import { secondsOf, userIdOf } from "./validate.ts";

/** The moderation methods of {@link Community}. */
export type Moderation = Pick<
  Community,
  "ban" | "unban" | "mute" | "unmute" | "addModerator" | "removeModerator" | "deleteAllFrom"
>;

/**
 * The moderation calls for `room` on `conn` (they need moderator or admin rights there).
 *
 * @example
 * ```ts
 * const mod = createModeration(conn, "lobby");
 * await mod.mute("15…", { seconds: 600 });
 * ```
 */
export function createModeration(conn: ServerConnection, room: string): Moderation {
  const base = `/room/${room}`;
  const scope = (global?: boolean) => global ? { global: true } : { rooms: [room] };

  async function ban(sessionId: string, options: { global?: boolean; seconds?: number } = {}) {
    const json = {
      ...scope(options.global),
      ...(options.seconds !== undefined ? { timeout: secondsOf(options.seconds) } : {}),
    };
    await conn.call("ban", { method: "POST", path: `/user/${userIdOf(sessionId)}/ban`, json });
  }

  async function unban(sessionId: string, options: { global?: boolean } = {}) {
    await conn.call("unban", {
      method: "POST",
      path: `/user/${userIdOf(sessionId)}/unban`,
      json: scope(options.global),
    });
  }

  async function mute(sessionId: string, options: { seconds: number }) {
    const id = userIdOf(sessionId);
    const seconds = secondsOf(options?.seconds);
    // Revoke now and schedule the return in one ordered request, as pysogs documents.
    const answers = await runBatch(conn, "sequence", [
      { method: "POST", path: `${base}/permissions/${id}`, json: { write: false } },
      {
        method: "POST",
        path: `${base}/futurePermissions/${id}`,
        json: { write: true, in: seconds },
      },
    ]);
    okBody("mute", answers[0]);
    okBody("mute (scheduled unmute)", answers[1]);
  }

  async function unmute(sessionId: string) {
    await conn.call("unmute", {
      method: "POST",
      path: `${base}/permissions/${userIdOf(sessionId)}`,
      json: { default_write: true },
    });
  }

  async function addModerator(
    sessionId: string,
    options: { admin?: boolean; global?: boolean; visible?: boolean } = {},
  ) {
    const json = {
      ...scope(options.global),
      moderator: true,
      ...(options.admin ? { admin: true } : {}),
      visible: options.visible ?? true,
    };
    await conn.call("add moderator", {
      method: "POST",
      path: `/user/${userIdOf(sessionId)}/moderator`,
      json,
    });
  }

  async function removeModerator(sessionId: string, options: { global?: boolean } = {}) {
    await conn.call("remove moderator", {
      method: "POST",
      path: `/user/${userIdOf(sessionId)}/moderator`,
      json: { ...scope(options.global), moderator: false },
    });
  }

  async function deleteAllFrom(sessionId: string) {
    const response = await conn.send({
      method: "DELETE",
      path: `${base}/all/${userIdOf(sessionId)}`,
    });
    // pysogs answers 404 when the user has no posts: nothing to delete is not a failure.
    if (response.code === 404 || (response.code >= 200 && response.code < 300)) return;
    throw statusError("delete all posts", response.code);
  }

  return { ban, unban, mute, unmute, addModerator, removeModerator, deleteAllFrom };
}
