/**
 * The `to` of `POST /v1/messages` when it names a community room (a join link, or a room's
 * conversation id `<server>/<room>`) or a blinded DM (`<server>/dm/<15… ID>`): resolved to one
 * of the rooms the service has joined. The API never joins a room by itself: which servers the
 * service talks to is decided by its config (`communities`), not by API callers.
 *
 * @module
 */
import { canonicalServer, type Community, parseJoinLink } from "../client/community/mod.ts";
import { ValidationError } from "../core/errors.ts";
import { badRequest } from "./errors.ts";
import type { ApiClient } from "./options.ts";

/** A resolved room address: post to `community`, or DM `recipient` through its server. */
export type RoomTarget =
  | { readonly kind: "room"; readonly community: Community }
  | { readonly kind: "dm"; readonly community: Community; readonly recipient: string };

const DM = /^(.+)\/dm\/([0-9a-fA-F]{66})$/;

/**
 * Whether `to` is a room or DM address (it has a `/`: Session IDs and ONS names never do).
 *
 * @example
 * ```ts
 * isRoomAddress("http://127.0.0.1:4000/lobby"); // true
 * isRoomAddress("alice"); // false
 * ```
 */
export function isRoomAddress(to: string): boolean {
  return to.trim().includes("/");
}

/**
 * The joined room (or the DM through a joined server) that `to` names.
 *
 * @throws {ApiError} 400 naming `to`: a malformed address (`invalid_recipient`), a room the
 *   service has not joined (`room_not_joined`), or a link whose key differs from the joined
 *   room's (`server_key_mismatch`).
 * @example
 * ```ts
 * declare const client: ApiClient;
 * const target = await roomTargetOf(client, "http://127.0.0.1:4000/lobby");
 * if (target.kind === "room") await target.community.post("hello");
 * ```
 */
export async function roomTargetOf(client: ApiClient, to: string): Promise<RoomTarget> {
  const text = to.trim();
  const joined = client.communities ? await client.communities.list() : [];
  const dm = DM.exec(text);
  if (dm) {
    const server = serverOf(dm[1]);
    const community = joined.find((c) => c.server === server);
    if (!community) {
      refuse(
        `no room on ${server} is joined: blinded DMs go through a server the service has ` +
          "joined (add one of its rooms to communities in the service config)",
        "room_not_joined",
      );
    }
    return { kind: "dm", community, recipient: dm[2].toLowerCase() };
  }
  const { server, room, publicKey } = addressOf(text);
  const community = joined.find((c) => c.server === server && c.room === room);
  if (!community) {
    refuse(
      `the service has not joined the room ${server}/${room}: add its join link to ` +
        "communities in the service config (or join it with client.communities.join), then retry",
      "room_not_joined",
    );
  }
  if (publicKey !== undefined && publicKey !== community.publicKey) {
    refuse(
      `the link's public_key differs from the key of the joined room ${server}/${room}: ` +
        "check the link",
      "server_key_mismatch",
    );
  }
  return { kind: "room", community };
}

/** A join link (with `?public_key=`) or a conversation id `<server>/<room>`. */
function addressOf(text: string): { server: string; room: string; publicKey?: string } {
  try {
    if (text.includes("?")) return parseJoinLink(text);
    const slash = text.lastIndexOf("/");
    const room = text.slice(slash + 1);
    if (!/^[0-9A-Za-z_-]{1,64}$/.test(room)) {
      throw new ValidationError(
        `'${room.slice(0, 80)}' is not a room token (1-64 letters, digits, "_" or "-")`,
        "bad_room_token",
        "to",
      );
    }
    return { server: canonicalServer(text.slice(0, slash)), room };
  } catch (error) {
    if (error instanceof ValidationError) {
      refuse(
        `${error.message} (a room is addressed by its join link ` +
          "http(s)://host/<room>?public_key=<64 hex>, or as <server>/<room>)",
        "invalid_recipient",
      );
    }
    throw error;
  }
}

function serverOf(text: string): string {
  try {
    return canonicalServer(text);
  } catch (error) {
    if (error instanceof ValidationError) refuse(error.message, "invalid_recipient");
    throw error;
  }
}

function refuse(message: string, code: string): never {
  throw badRequest(`to: ${message}`, [{ path: "to", message }], code);
}
