/**
 * The rooms of one client: joining (persisted in KV), resuming them on `start()`, one poller per
 * server, and a dispatcher on the community inbox that hands events to the client's handlers
 * with the same durable discipline as 1:1 messages.
 *
 * @module
 */
import { toHex } from "../../core/bytes.ts";
import { SessionBotError } from "../../core/errors.ts";
import { blind15KeyPair, sameBlindedId } from "../../crypto/blinding.ts";
import { isBlindedIdOf } from "../../crypto/blinding.ts";
import type { DeadLetterRef } from "../session/dead_letter_lookup.ts";
import { type Dispatcher, startDispatcher } from "../session/dispatcher.ts";
import { createInbox } from "../session/inbox.ts";
import { report } from "../session/receiving.ts";
import type { Runtime } from "../session/runtime.ts";
import { createCommunity } from "./community.ts";
import { assertServerKey, canonicalServer, parseJoinLink } from "./join_link.ts";
import { COMMUNITY_INBOX } from "./keys.ts";
import { type ServerPoller, startServerPoller } from "./poller.ts";
import { redeliverCommunityLetter } from "./redeliver.ts";
import { createRoomDetails, type RoomDetails } from "./room_details.ts";
import { readRoomInfo } from "./room_info.ts";
import { createCommunityRouter, prepareCommunity } from "./route.ts";
import { deleteRoom, listRooms, roomKey, type RoomRecord, saveRoom } from "./store.ts";
import { createConnection, type ServerConnection } from "./transport.ts";
import type { Communities, Community, JoinOptions, RoomInfo, ServerOptions } from "./types.ts";

/** Default poll interval bounds, ms (desktop polls every 10 s). */
const DEFAULT_INTERVAL = { min: 1_000, max: 10_000 };

/** The communities of a client, with the lifecycle its `start`/`stop` drive. */
export interface CommunitiesRuntime extends Communities {
  /** Resumes every room joined earlier and polls from now on. */
  start(): Promise<void>;
  /** Stops polling; running handlers finish and their commits are written. */
  stop(): Promise<void>;
  /** Resolves when the community inbox is empty and nothing is in flight. */
  idle(): Promise<void>;
  /** Polls every server now; resolves when those rounds are over. */
  poll(): Promise<void>;
  /**
   * Runs `job` under the lock the server pollers take to write the inbox (never during an
   * intake), so a job may move `community_seq` without a poll commit conflicting.
   */
  run<T>(job: () => Promise<T>): Promise<T>;
  /**
   * Puts the community dead letter `ref` back into the community inbox (see
   * `redeliverCommunityLetter`) and wakes the dispatcher; handled once `start()` ran.
   */
  redeliver(ref: DeadLetterRef): Promise<void>;
}

interface ServerState {
  readonly conn: ServerConnection;
  caps?: Promise<string[]>;
  blinded: boolean;
  readonly rooms: Map<string, { record: RoomRecord; handle: Community; details: RoomDetails }>;
  poller?: ServerPoller;
  readonly sends: Set<Promise<unknown>>;
}

/**
 * Creates the communities of the client runtime `rt` (nothing runs until `start` or `join`).
 *
 * @example
 * ```ts
 * const communities = createCommunities(rt);
 * const lobby = await communities.join(link);
 * await communities.start();
 * ```
 */
export function createCommunities(rt: Runtime): CommunitiesRuntime {
  const { kv, sid } = rt;
  const seed = new Uint8Array(32);
  seed.set(rt.identity.exportSeed());
  const edKey = toHex(rt.identity.signer.publicKey);
  const servers = new Map<string, ServerState>();
  const inbox = createInbox(kv, sid, COMMUNITY_INBOX);
  let dispatcher: Dispatcher | undefined;
  let started = false;
  let stopped = false;
  let lock: Promise<unknown> = Promise.resolve();

  function isMeOn(publicKey: string, id: string): boolean {
    try {
      if (id === sid || id === "00" + edKey) return true;
      if (id.startsWith("15")) return sameBlindedId(id, blind15KeyPair(seed, publicKey).id);
      return isBlindedIdOf(id, sid, publicKey);
    } catch {
      return false;
    }
  }

  function serverState(server: string, publicKey: string, transport: JoinOptions["transport"]) {
    // One connection (and poller) per transport: a room joined "direct" never goes by onion.
    const key = `${server}|${publicKey}|${transport ?? "onion"}`;
    let state = servers.get(key);
    if (!state) {
      const s: ServerState = {
        conn: createConnection({
          network: rt.network,
          seed,
          server,
          publicKey,
          transport,
          blinded: () => s.blinded,
        }),
        blinded: true,
        rooms: new Map(),
        sends: new Set(),
      };
      servers.set(key, state = s);
    }
    return state;
  }

  function capabilitiesOf(state: ServerState): Promise<string[]> {
    state.caps ??= fetchCaps(state.conn).then((caps) => {
      state.blinded = caps.includes("blind");
      return caps;
    }).catch((error) => {
      state.caps = undefined; // try again next time
      throw error;
    });
    return state.caps;
  }

  function handleFor(state: ServerState, record: RoomRecord, info?: RoomInfo): Community {
    const existing = state.rooms.get(record.room);
    if (existing) {
      if (info) existing.details.apply(info);
      return existing.handle;
    }
    const details = createRoomDetails(info);
    const handle = createCommunity({
      kv,
      sid,
      seed,
      conn: state.conn,
      room: record.room,
      me: blind15KeyPair(seed, record.publicKey).id,
      isMe: (id) => isMeOn(record.publicKey, id),
      blinded: () => state.blinded,
      now: () => rt.network.now(),
      displayName: () => rt.profile?.displayName,
      details: () => details.get(),
      track: (job) => {
        state.sends.add(job);
        const forget = () => state.sends.delete(job);
        job.then(forget, forget);
        return job;
      },
    });
    state.rooms.set(record.room, { record, handle, details });
    return handle;
  }

  function ensureDispatcher(): void {
    dispatcher ??= startDispatcher({
      sid,
      identity: rt.identity,
      refs: rt.refs,
      inbox,
      emitter: rt.emitter,
      committer: rt.committer,
      retry: rt.config.retry,
      maxInFlight: rt.config.maxInFlight,
      maxMessageBytes: rt.config.maxMessageBytes,
      counters: rt.counters,
      router: createCommunityRouter(kv),
      prepare: (entry) =>
        prepareCommunity({ sid, seed, maxBytes: rt.config.maxMessageBytes, isMe: isMeOn }, entry),
      onError: (error) => report(rt, error),
    });
  }

  function ensurePoller(state: ServerState, record: RoomRecord): void {
    if (!started || stopped || state.poller) return;
    const interval = {
      min: record.pollInterval?.min ?? DEFAULT_INTERVAL.min,
      max: record.pollInterval?.max ?? DEFAULT_INTERVAL.max,
    };
    state.poller = startServerPoller({
      kv,
      sid,
      conn: state.conn,
      rooms: () => [...state.rooms.values()],
      // DMs are per server: polled by one of its connections only (cursors would clash).
      prepare: async () => ({
        dms: (await capabilitiesOf(state)).includes("blind") &&
          statesOf(state.conn).find((s) => s.rooms.size > 0) === state,
      }),
      interval: { min: interval.min, max: Math.max(interval.min, interval.max) },
      lock: run,
      settled: async () => void await Promise.allSettled([...state.sends]),
      onTaken: () => dispatcher?.wake(),
      onError: (error) => report(rt, error),
    });
  }

  function run<T>(job: () => Promise<T>): Promise<T> {
    const next = lock.then(job, job);
    lock = next.catch(() => {});
    return next;
  }

  async function redeliver(ref: DeadLetterRef): Promise<void> {
    if (stopped) throw new SessionBotError("the client is stopped: open a new one", "stopped");
    await run(() => redeliverCommunityLetter(kv, sid, ref));
    dispatcher?.wake(); // not started yet: `start()` creates the dispatcher, which reads it then
  }

  async function join(link: string, options: JoinOptions = {}): Promise<Community> {
    if (stopped) throw new SessionBotError("the client is stopped: open a new one", "stopped");
    const parsed = parseJoinLink(link);
    const transport = options.transport ?? "onion";
    const state = serverState(parsed.server, parsed.publicKey, transport);
    await capabilitiesOf(state);
    const record: RoomRecord = {
      ...parsed,
      transport,
      ...(options.pollInterval ? { pollInterval: { ...options.pollInterval } } : {}),
      joinedAt: Date.now(),
    };
    const info = await roomInfo(state.conn, parsed.room); // the room must exist and be readable
    for (const other of statesOf(parsed)) if (other !== state) other.rooms.delete(parsed.room);
    await saveRoom(
      kv,
      sid,
      record,
      () => Promise.resolve(options.history ? 0 : info.messageSequence),
    );
    const handle = handleFor(state, record, info);
    ensurePoller(state, record);
    void state.poller?.wake();
    return handle;
  }

  /** The server states that `link`'s server has (one per transport). */
  function statesOf(link: { server: string; publicKey: string }): ServerState[] {
    return [...servers.values()].filter((s) =>
      s.conn.server === link.server && s.conn.publicKey === link.publicKey
    );
  }

  async function leave(link: string): Promise<void> {
    const parsed = parseJoinLink(link);
    for (const state of statesOf(parsed)) {
      state.rooms.delete(parsed.room);
      if (state.rooms.size === 0 && state.poller) {
        const poller = state.poller;
        state.poller = undefined;
        await poller.stop();
      }
    }
    await deleteRoom(kv, sid, roomKey(parsed));
  }

  async function list(): Promise<Community[]> {
    return (await listRooms(kv, sid)).map((record) =>
      handleFor(serverState(record.server, record.publicKey, record.transport), record)
    );
  }

  function get(link: string): Community | undefined {
    const parsed = parseJoinLink(link);
    return statesOf(parsed).find((s) => s.rooms.has(parsed.room))?.rooms.get(parsed.room)?.handle;
  }

  async function capabilities(server: string, publicKey: string, options: ServerOptions = {}) {
    const state = serverState(
      canonicalServer(server),
      assertServerKey(publicKey),
      options.transport,
    );
    return [...await capabilitiesOf(state)];
  }

  async function rooms(server: string, publicKey: string, options: ServerOptions = {}) {
    const state = serverState(
      canonicalServer(server),
      assertServerKey(publicKey),
      options.transport,
    );
    await capabilitiesOf(state);
    const body = await state.conn.call<unknown>("room list", { method: "GET", path: "/rooms" });
    return Array.isArray(body) ? body.map(readRoomInfo) : [];
  }

  async function start(): Promise<void> {
    if (started || stopped) return;
    started = true;
    ensureDispatcher();
    for (const record of await listRooms(kv, sid)) {
      const state = serverState(record.server, record.publicKey, record.transport);
      handleFor(state, record);
      ensurePoller(state, record);
    }
  }

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    const pollers = [...servers.values()].flatMap((s) => s.poller ? [s.poller] : []);
    await Promise.all(pollers.map((p) => p.stop()));
    await lock; // a redelivery under way commits before the store closes
    await Promise.allSettled([...servers.values()].flatMap((s) => [...s.sends]));
    await dispatcher?.stop();
  }

  async function idle(): Promise<void> {
    await dispatcher?.idle();
  }

  async function poll(): Promise<void> {
    await Promise.all([...servers.values()].map((state) => state.poller?.wake()));
  }

  return { join, leave, list, get, capabilities, rooms, start, stop, idle, poll, run, redeliver };
}

async function fetchCaps(conn: ServerConnection): Promise<string[]> {
  const body = await conn.call<{ capabilities?: unknown }>("capabilities", {
    method: "GET",
    path: "/capabilities",
    auth: false,
  });
  const caps = body?.capabilities;
  return Array.isArray(caps) ? caps.filter((c): c is string => typeof c === "string") : [];
}

async function roomInfo(conn: ServerConnection, room: string): Promise<RoomInfo> {
  return readRoomInfo(await conn.call(`info of ${room}`, { method: "GET", path: `/room/${room}` }));
}
