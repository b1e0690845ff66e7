/**
 * The poll loop of one community server: every joined room's `messages/since/<seqno>?t=r` and
 * `pollInfo/<info_updates>` and, on blinding servers, the DM inbox and outbox, in one `/batch`
 * per round. The interval adapts
 * (short after activity, growing when idle); failures back off and the loop goes on.
 *
 * @module
 */
import { sleep } from "../session/backoff.ts";
import { runBatch, type SubResponse } from "./batch.ts";
import { CommunityError, statusError } from "./errors.ts";
import { takeDms, takeRoomUpdates } from "./take.ts";
import { communityKeys } from "./keys.ts";
import type { RoomDetails } from "./room_details.ts";
import { roomKey, type RoomRecord } from "./store.ts";
import type { ServerConnection, SogsRequest } from "./transport.ts";

/** Updates asked per room per round (the server's maximum is 256). */
export const PAGE = 256;

/** What a server's poller needs. */
export interface PollerDeps {
  readonly kv: Deno.Kv;
  readonly sid: string;
  readonly conn: ServerConnection;
  /** The rooms joined on this server now, with what is known of each. */
  rooms(): readonly { readonly record: RoomRecord; readonly details: RoomDetails }[];
  /** Fetches capabilities once; then tells whether DMs can be polled (`blind`). */
  prepare(): Promise<{ readonly dms: boolean }>;
  /** Poll interval bounds, ms. */
  readonly interval: { readonly min: number; readonly max: number };
  /** Serializes intakes of all servers (they share the inbox counter). */
  lock<T>(job: () => Promise<T>): Promise<T>;
  /** Resolves when posts in flight have their echo markers (so they are not delivered back). */
  settled(): Promise<void>;
  /** New entries are in the inbox. */
  onTaken(): void;
  /** A round (or a room) failed; the loop goes on. */
  onError(error: unknown): void;
}

/** A running poller. */
export interface ServerPoller {
  /** Polls now; resolves when that round is over. */
  wake(): Promise<void>;
  /** Stops after the current round. */
  stop(): Promise<void>;
}

/** Starts polling. */
export function startServerPoller(deps: PollerDeps): ServerPoller {
  const aborter = new AbortController();
  let interrupt: (() => void) | undefined;
  let waiters: (() => void)[] = [];
  let delay = deps.interval.min;
  let failures = 0;

  async function round(): Promise<{ found: boolean; more: boolean }> {
    const { dms } = await deps.prepare();
    const joined = deps.rooms();
    const rooms = joined.map((r) => r.record);
    const { kv, sid, conn } = deps;
    const requests: SogsRequest[] = [];
    const roomCursors = await Promise.all(rooms.map((room) => cursorOf(kv, sid, room)));
    rooms.forEach((room, i) => {
      const since = roomCursors[i].value ?? 0;
      requests.push({
        method: "GET",
        path: `/room/${room.room}/messages/since/${since}?t=r&limit=${PAGE}&reactors=20`,
      });
    });
    const dmCursors = dms && rooms.length > 0 ? await dmCursorsOf(kv, sid, conn.server) : [];
    for (const [box, cursor] of dmCursors) {
      const since = cursor.value ? `/since/${cursor.value}` : "";
      requests.push({ method: "GET", path: `/${box}${since}?limit=${PAGE}` });
    }
    // Last, so the indexes above stay put: each room's standing and (when changed) details.
    for (const { record, details } of joined) {
      requests.push({ method: "GET", path: details.path(record.room) });
    }
    if (requests.length === 0) return { found: false, more: false };
    const answers: SubResponse[] = await runBatch(conn, "batch", requests);
    await deps.settled();
    return await deps.lock(async () => {
      let found = false;
      let more = false;
      for (let i = 0; i < rooms.length; i++) {
        const answer = answers[i];
        if (!answer || answer.code !== 200 || !Array.isArray(answer.body)) {
          deps.onError(
            statusError(`poll of room ${rooms[i].room}`, answer?.code ?? 0, text(answer)),
          );
          continue;
        }
        const taken = await takeRoomUpdates(
          kv,
          sid,
          rooms[i],
          roomCursors[i],
          answer.body,
          deps.onError,
        );
        found ||= taken > 0;
        more ||= answer.body.length >= PAGE;
      }
      for (let j = 0; j < dmCursors.length; j++) {
        const answer = answers[rooms.length + j];
        const [box, cursor] = dmCursors[j];
        if (answer?.code === 304) continue;
        if (!answer || answer.code !== 200 || !Array.isArray(answer.body)) {
          deps.onError(statusError(`poll of the DM ${box}`, answer?.code ?? 0, text(answer)));
          continue;
        }
        const ref = { server: conn.server, room: rooms[0].room, publicKey: conn.publicKey };
        const taken = await takeDms(kv, sid, ref, box, cursor, answer.body);
        found ||= taken > 0;
        more ||= answer.body.length >= PAGE;
      }
      joined.forEach(({ record, details }, k) => {
        const answer = answers[rooms.length + dmCursors.length + k];
        if (answer?.code !== 200) {
          deps.onError(statusError(`info of room ${record.room}`, answer?.code ?? 0, text(answer)));
          return;
        }
        try {
          details.apply(answer.body);
        } catch (error) {
          deps.onError(error);
        }
      });
      return { found, more };
    });
  }

  async function loop(): Promise<void> {
    while (!aborter.signal.aborted) {
      let wait: number;
      try {
        const { found, more } = await round();
        failures = 0;
        delay = found ? deps.interval.min : Math.min(deps.interval.max, Math.round(delay * 1.5));
        wait = more ? 0 : delay;
        if (found) deps.onTaken();
      } catch (error) {
        failures++;
        deps.onError(error);
        const limited = error instanceof CommunityError && error.status === 429;
        wait = Math.min(60_000, deps.interval.min * 2 ** failures);
        // Rate limited: stay idle-slow at least (pysogs sends no Retry-After).
        if (limited) wait = Math.max(wait, deps.interval.max * 2);
      }
      const done = waiters;
      waiters = [];
      done.forEach((resolve) => resolve());
      if (aborter.signal.aborted) break;
      const local = new AbortController();
      const stopWait = () => local.abort();
      aborter.signal.addEventListener("abort", stopWait);
      interrupt = stopWait;
      await sleep(wait, local.signal);
      aborter.signal.removeEventListener("abort", stopWait);
      interrupt = undefined;
    }
    waiters.forEach((resolve) => resolve());
  }

  const running = loop();
  return {
    wake() {
      if (aborter.signal.aborted) return Promise.resolve();
      const promise = new Promise<void>((resolve) => waiters.push(resolve));
      interrupt?.();
      return promise;
    },
    async stop() {
      aborter.abort();
      await running;
    },
  };
}

function text(answer: SubResponse | undefined): string {
  return typeof answer?.body === "string" ? answer.body : "";
}

function cursorOf(kv: Deno.Kv, sid: string, room: RoomRecord) {
  return kv.get<number>(communityKeys.cursor(sid, roomKey(room)));
}

async function dmCursorsOf(kv: Deno.Kv, sid: string, server: string) {
  const boxes = ["inbox", "outbox"] as const;
  const entries = await kv.getMany<number[]>(
    boxes.map((b) => communityKeys.dmCursor(sid, server, b)),
  );
  return boxes.map((box, i) => [box, entries[i]] as const);
}
