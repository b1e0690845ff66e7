/**
 * Community join links (extended.md §1.1): `http(s)://host[:port]/<room>?public_key=<64 hex>`,
 * parsed and validated, with the server URL in canonical form so one server is never two.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";

/** What a join link names. */
export interface JoinLink {
  /** Canonical base URL: lower-case scheme and host, default port dropped, no trailing `/`. */
  readonly server: string;
  /** The room token. */
  readonly room: string;
  /** The server's X25519 key, 64 lower-case hex characters. */
  readonly publicKey: string;
}

const LABEL = "[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
const HOST = new RegExp(`^(${LABEL})(\\.${LABEL})*$`);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const TOKEN = /^[0-9A-Za-z_-]{1,64}$/;
const KEY = /^[0-9a-fA-F]{64}$/;

function bad(message: string, field = "link"): ValidationError {
  return new ValidationError(message, "bad_join_link", field);
}

/**
 * Checks a room token: 1–64 of `[0-9A-Za-z_-]`.
 *
 * @throws {ValidationError} `bad_room_token` otherwise.
 * @example
 * ```ts
 * assertRoomToken("lobby"); // "lobby"
 * ```
 */
export function assertRoomToken(room: unknown): string {
  if (typeof room !== "string" || !TOKEN.test(room)) {
    throw new ValidationError(
      `room token ${JSON.stringify(room)} is invalid: use 1-64 letters, digits, "_" or "-"`,
      "bad_room_token",
      "room",
    );
  }
  return room;
}

/**
 * Checks a server key: 64 hex characters; returns it lower-cased.
 *
 * @throws {ValidationError} `bad_public_key` otherwise.
 * @example
 * ```ts
 * assertServerKey("AB".repeat(32)); // "abab…"
 * ```
 */
export function assertServerKey(publicKey: unknown): string {
  if (typeof publicKey !== "string" || !KEY.test(publicKey)) {
    throw new ValidationError(
      "the community server key must be 64 hex characters (the `public_key` of its join link)",
      "bad_public_key",
      "publicKey",
    );
  }
  return publicKey.toLowerCase();
}

/**
 * The canonical form of a server base URL (scheme and host lower-cased, default port and
 * trailing slash dropped; `http://` added when no scheme is given, as desktop does).
 *
 * @throws {ValidationError} `bad_server_url` for anything but `http(s)://host[:port]`.
 * @example
 * ```ts
 * canonicalServer("HTTPS://Open.GetSession.org:443/"); // "https://open.getsession.org"
 * ```
 */
export function canonicalServer(server: unknown): string {
  const fail = () =>
    new ValidationError(
      `community server ${JSON.stringify(server)} is not a base URL like http://host[:port]`,
      "bad_server_url",
      "server",
    );
  if (typeof server !== "string" || server.length > 512) throw fail();
  const text = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(server) ? server : `http://${server}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail();
  }
  const pathOk = url.pathname === "/" || url.pathname === "";
  if (
    (url.protocol !== "http:" && url.protocol !== "https:") || !pathOk || url.search ||
    url.hash || url.username || url.password ||
    !(HOST.test(url.hostname) || IPV4.test(url.hostname))
  ) throw fail();
  return url.origin.toLowerCase();
}

/**
 * Parses a join link. Accepts the `http(s)://host[:port]/<room>?public_key=<hex>` form (a missing
 * scheme means `http://`, as in desktop).
 *
 * @throws {ValidationError} `bad_join_link` (field `link`, `room` or `publicKey`) with what is
 *   wrong.
 * @example
 * ```ts
 * const { server, room, publicKey } = parseJoinLink(
 *   "https://open.getsession.org/session?public_key=a03c383cf63c3c4efe67acc52112a6dd734b3a946b9545f488aaa93da7991238",
 * );
 * ```
 */
export function parseJoinLink(link: string): JoinLink {
  if (typeof link !== "string" || link.length === 0 || link.length > 1024) {
    throw bad("a join link must be a non-empty string like https://host/room?public_key=<64 hex>");
  }
  const text = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(link.trim())
    ? link.trim()
    : `http://${link.trim()}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad(
      `${JSON.stringify(link)} is not a URL: expected https://host/room?public_key=<64 hex>`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw bad(`join links use http or https, not ${url.protocol}`);
  }
  if (!(HOST.test(url.hostname) || IPV4.test(url.hostname)) || url.username || url.password) {
    throw bad(`${JSON.stringify(url.hostname)} is not a valid host name`);
  }
  const room = decodeURIComponent(url.pathname.replace(/^\/+/, "").replace(/\/+$/, ""));
  if (!TOKEN.test(room)) {
    throw bad(
      `the room token ${JSON.stringify(room)} is invalid: use 1-64 letters, digits, "_" or "-"`,
      "room",
    );
  }
  const keys = url.searchParams.getAll("public_key");
  if (keys.length !== 1 || !KEY.test(keys[0])) {
    throw bad(
      "the join link needs exactly one public_key=<64 hex characters> (the server's key)",
      "publicKey",
    );
  }
  return Object.freeze({
    server: url.origin.toLowerCase(),
    room,
    publicKey: keys[0].toLowerCase(),
  });
}

/**
 * Builds the join link of a room.
 *
 * @example
 * ```ts
 * joinLinkOf({ server: "http://127.0.0.1:4000", room: "lobby", publicKey: "ab".repeat(32) });
 * // "http://127.0.0.1:4000/lobby?public_key=abab…"
 * ```
 */
export function joinLinkOf(link: JoinLink): string {
  return `${link.server}/${link.room}?public_key=${link.publicKey}`;
}
