/**
 * Room uploads in the devnet KV: metadata in the community db, bytes as 63 KiB chunks under
 * `["community", "chunk", id, i]` (KV values hold 64 KiB). Expiry as pysogs: 1 hour until a
 * post claims the file, then 15 days; room images never expire.
 *
 * @module
 */
import type { CommunityDb } from "./db.ts";
import type { FileRecord } from "./model.ts";

/** Seconds an unclaimed upload lives (pysogs: 1 hour). */
export const UNCLAIMED_EXPIRY = 3600;
/** Seconds a file attached to a post lives (pysogs `UPLOAD_DEFAULT_EXPIRY`: 15 days). */
export const CLAIMED_EXPIRY = 15 * 86400;

const CHUNK = 63 * 1024;
const BATCH = 12;

/** File bytes in KV. */
export interface RoomFiles {
  /** Stores a new file; resolves once its bytes are committed. */
  add(record: Omit<FileRecord, "id" | "chunks">, bytes: Uint8Array): Promise<FileRecord>;
  /** The bytes of a live file, or undefined (missing or expired at `now` seconds). */
  read(id: number, now: number): Promise<{ record: FileRecord; bytes: Uint8Array } | undefined>;
  /** Marks a file expired (bytes removed). */
  expire(record: FileRecord): void;
  /** Removes expired files; returns how many. */
  sweep(now: number): number;
}

/**
 * Creates the file store over `db`.
 *
 * @example
 * ```ts
 * const files = createRoomFiles(db);
 * const record = await files.add({ room: "lobby", uploader, size: 3, uploaded: 0 }, bytes);
 * ```
 */
export function createRoomFiles(db: CommunityDb): RoomFiles {
  function expire(record: FileRecord) {
    db.files.delete(record.id);
    db.put(["file", record.id], undefined);
    for (let i = 0; i < record.chunks; i++) db.put(["chunk", record.id, i], undefined);
  }

  return {
    async add(fields, bytes) {
      const id = ++db.counters.file;
      db.saveCounters();
      const record: FileRecord = { ...fields, id, chunks: Math.ceil(bytes.length / CHUNK) };
      await db.flush();
      for (let first = 0; first < record.chunks; first += BATCH) {
        const op = db.kv.atomic();
        for (let i = first; i < Math.min(record.chunks, first + BATCH); i++) {
          op.set(["community", "chunk", id, i], bytes.slice(i * CHUNK, (i + 1) * CHUNK));
        }
        await op.commit();
      }
      db.files.set(id, record);
      db.put(["file", id], record);
      return record;
    },
    async read(id, now) {
      const record = db.files.get(id);
      if (!record) return undefined;
      if (record.expiry !== undefined && record.expiry <= now) {
        expire(record);
        return undefined;
      }
      const bytes = new Uint8Array(record.size);
      for await (const entry of db.kv.list<Uint8Array>({ prefix: ["community", "chunk", id] })) {
        bytes.set(entry.value, (entry.key[3] as number) * CHUNK);
      }
      return { record, bytes };
    },
    expire,
    sweep(now) {
      let removed = 0;
      for (const record of [...db.files.values()]) {
        if (record.expiry !== undefined && record.expiry <= now) {
          expire(record);
          removed++;
        }
      }
      return removed;
    },
  };
}
