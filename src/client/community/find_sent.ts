/**
 * Reading back what we sent, for {@link sendOnce}: a post by its signature among the room's
 * newest, a DM by its ciphertext in our outbox after the id the outbox had before sending.
 *
 * @module
 */
import { statusError } from "./errors.ts";
import { readBody, type ServerConnection } from "./transport.ts";

/** How far back to look for a post: pysogs's largest page. */
const RECENT = 256;
/** Outbox pages to read at most (256 DMs each). */
const OUTBOX_PAGES = 4;

type Row = Record<string, unknown>;

/**
 * The room message whose signature is `signature`, among the newest 256, or undefined.
 *
 * @example
 * ```ts
 * declare const conn: ServerConnection;
 * const row = await findPost(conn, "lobby", "c2lnbmF0dXJl…");
 * ```
 */
export async function findPost(
  conn: ServerConnection,
  room: string,
  signature: string,
): Promise<Row | undefined> {
  const rows = await conn.call<unknown>(`recent posts of ${room}`, {
    method: "GET",
    path: `/room/${room}/messages/recent?limit=${RECENT}`,
  });
  return rowsOf(rows).find((row) => row.signature === signature);
}

/**
 * The outbox DM whose message is `message` (base64), looking after DM id `after`, or undefined.
 *
 * @example
 * ```ts
 * declare const conn: ServerConnection;
 * const row = await findOutboxDm(conn, "AGZvbw…", 41);
 * ```
 */
export async function findOutboxDm(
  conn: ServerConnection,
  message: string,
  after: number,
): Promise<Row | undefined> {
  let since = after;
  for (let page = 0; page < OUTBOX_PAGES; page++) {
    const response = await conn.send({
      method: "GET",
      path: `/outbox/since/${since}?limit=${RECENT}`,
    });
    if (response.code === 304) return undefined;
    if (response.code !== 200) throw statusError("reading the outbox", response.code);
    const rows = rowsOf(readBody("reading the outbox", response));
    const found = rows.find((row) => row.message === message);
    if (found) return found;
    const ids = rows.map((row) => row.id).filter((id): id is number => typeof id === "number");
    if (rows.length < RECENT || ids.length === 0) return undefined;
    since = Math.max(...ids);
  }
  return undefined;
}

function rowsOf(value: unknown): Row[] {
  return Array.isArray(value)
    ? value.filter((r): r is Row => typeof r === "object" && r !== null)
    : [];
}
