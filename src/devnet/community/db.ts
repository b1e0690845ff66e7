/**
 * The community server's state: plain maps in memory (one process owns them), written through
 * to the devnet KV under `["community", …]` so a devnet with a state directory keeps its rooms,
 * posts, files and DMs across restarts. Writes are queued in order; `flush()` waits for them.
 *
 * @module
 */
import type {
  Counters,
  DmRecord,
  FileRecord,
  FutureChange,
  GlobalUserRecord,
  MessageRecord,
  Reaction,
  RoomRecord,
  RoomUserRecord,
} from "./model.ts";

/** Everything the server knows, and how to persist a change. */
export interface CommunityDb {
  readonly kv: Deno.Kv;
  readonly rooms: Map<string, RoomRecord>;
  readonly messages: Map<number, MessageRecord>;
  /** Message ids per room, ascending. */
  readonly roomMessages: Map<string, number[]>;
  /** Reactions per message, in insertion order. */
  readonly reactions: Map<number, Reaction[]>;
  /** Room user settings by `roomUserKey(token, user)`. */
  readonly roomUsers: Map<string, RoomUserRecord>;
  readonly globals: Map<string, GlobalUserRecord>;
  readonly future: Map<number, FutureChange>;
  readonly files: Map<number, FileRecord>;
  readonly dms: Map<number, DmRecord>;
  readonly counters: Counters;
  /** User key → id to show; keys that authenticated; `25` id → key. */
  readonly users: { display: Map<string, string>; seen: Set<string>; aliases: Map<string, string> };
  /** Used auth nonces → expiry (unix seconds). */
  readonly nonces: Map<string, number>;
  /** Queues a KV write (`undefined` deletes); `expireIn` (ms) lets KV drop it later. */
  put(key: Deno.KvKey, value: unknown, expireIn?: number): void;
  /** Persists these records. */
  saveRoom(room: RoomRecord): void;
  saveMessage(message: MessageRecord): void;
  saveRoomUser(token: string, user: string): void;
  saveGlobal(user: string): void;
  saveUser(key: string): void;
  saveCounters(): void;
  /** Resolves once every queued write is committed. */
  flush(): Promise<void>;
}

/** The map key of a room user record. */
export function roomUserKey(token: string, user: string): string {
  return `${token}\u0000${user}`;
}

const P = "community";

/**
 * Loads the state from `kv` (empty on first use).
 *
 * @example
 * ```ts
 * const kv = await Deno.openKv(":memory:");
 * const db = await loadCommunityDb(kv);
 * db.rooms.size; // 0
 * kv.close();
 * ```
 */
export async function loadCommunityDb(kv: Deno.Kv): Promise<CommunityDb> {
  const db = emptyDb(kv);
  for await (const entry of kv.list({ prefix: [P] })) {
    const [, kind, a, b, c] = entry.key as [string, string, unknown, unknown, unknown];
    const value = entry.value as never;
    switch (kind) {
      case "room":
        db.rooms.set(a as string, value);
        break;
      case "msg":
        db.messages.set(a as number, value);
        break;
      case "react": {
        const list = db.reactions.get(a as number) ?? [];
        list.push({ emoji: b as string, user: c as string, ...(value as object) } as Reaction);
        db.reactions.set(a as number, list);
        break;
      }
      case "roomuser":
        db.roomUsers.set(roomUserKey(a as string, b as string), value);
        break;
      case "global":
        db.globals.set(a as string, value);
        break;
      case "future":
        db.future.set(a as number, value);
        break;
      case "file":
        db.files.set(a as number, value);
        break;
      case "dm":
        db.dms.set(a as number, value);
        break;
      case "counters":
        Object.assign(db.counters, value);
        break;
      case "user": {
        const user = value as { display: string; seen: boolean };
        db.users.display.set(a as string, user.display);
        if (user.seen) db.users.seen.add(a as string);
        break;
      }
      case "alias":
        db.users.aliases.set(a as string, value);
        break;
      case "nonce":
        db.nonces.set(a as string, value);
        break;
    }
  }
  for (const list of db.reactions.values()) list.sort((x, y) => x.order - y.order);
  for (const message of [...db.messages.values()].sort((x, y) => x.id - y.id)) {
    const ids = db.roomMessages.get(message.room) ?? [];
    ids.push(message.id);
    db.roomMessages.set(message.room, ids);
  }
  return db;
}

function emptyDb(kv: Deno.Kv): CommunityDb {
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown;
  const db: CommunityDb = {
    kv,
    rooms: new Map(),
    messages: new Map(),
    roomMessages: new Map(),
    reactions: new Map(),
    roomUsers: new Map(),
    globals: new Map(),
    future: new Map(),
    files: new Map(),
    dms: new Map(),
    counters: { message: 0, file: 0, dm: 0, future: 0, reaction: 0 },
    users: { display: new Map(), seen: new Set(), aliases: new Map() },
    nonces: new Map(),
    put(key, value, expireIn) {
      // Snapshot now: later in-memory changes must not leak into an earlier write.
      const copy = value === undefined ? undefined : structuredClone(value);
      queue = queue.then(async () => {
        try {
          if (copy === undefined) await kv.delete([P, ...key]);
          else await kv.set([P, ...key], copy, expireIn ? { expireIn } : undefined);
        } catch (error) {
          failure ??= error;
        }
      });
    },
    saveRoom: (room) => db.put(["room", room.token], room),
    saveMessage: (m) => db.put(["msg", m.id], m),
    saveRoomUser(token, user) {
      db.put(["roomuser", token, user], db.roomUsers.get(roomUserKey(token, user)));
    },
    saveGlobal: (user) => db.put(["global", user], db.globals.get(user)),
    saveUser(key) {
      const display = db.users.display.get(key);
      if (display === undefined) return;
      db.put(["user", key], { display, seen: db.users.seen.has(key) });
      for (const [alias, target] of db.users.aliases) {
        if (target === key) db.put(["alias", alias], target);
      }
    },
    saveCounters: () => db.put(["counters"], db.counters),
    async flush() {
      await queue;
      if (failure) {
        const error = failure;
        failure = undefined;
        throw error;
      }
    },
  };
  return db;
}
