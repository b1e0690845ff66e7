/**
 * Files in Deno KV: metadata plus 63 KiB chunks (KV values are limited to 64 KiB), written in
 * batches under the 800 KiB atomic limit, metadata last so a file appears whole or not at all.
 *
 * @module
 */

/** A stored file's metadata (times in ms). */
export interface FileMeta {
  /** Size in bytes. */
  readonly size: number;
  /** Upload time (refreshed by a duplicate upload). */
  readonly uploaded: number;
  /** Expiry time. */
  readonly expires: number;
  /** Number of chunks. */
  readonly chunks: number;
}

/** The file store of one file server. */
export interface FileStore {
  /** Stores `data` under `id`, or only updates the times when `id` already exists. */
  put(id: string, data: Uint8Array, uploaded: number, expires: number): Promise<FileMeta>;
  /** Metadata of a live file (expired files are deleted and reported missing). */
  meta(id: string, now: number): Promise<FileMeta | undefined>;
  /** The content of a live file. */
  read(id: string, now: number): Promise<Uint8Array | undefined>;
  /** Replaces the metadata of an existing file. */
  update(id: string, meta: FileMeta): Promise<void>;
  /** Deletes every expired file; returns how many. */
  sweep(now: number): Promise<number>;
}

const CHUNK = 63 * 1024;
const BATCH = 12;

/** Creates a store under `["fileserver", …]` in `kv`. */
export function createFileStore(kv: Deno.Kv): FileStore {
  const metaKey = (id: string) => ["fileserver", "meta", id];
  const chunkKey = (id: string, i: number) => ["fileserver", "chunk", id, i];

  async function put(id: string, data: Uint8Array, uploaded: number, expires: number) {
    const old = (await kv.get<FileMeta>(metaKey(id))).value;
    if (old && old.expires > uploaded) {
      const meta = { ...old, uploaded, expires: Math.max(old.expires, expires) };
      await kv.set(metaKey(id), meta);
      return meta;
    }
    const chunks = Math.ceil(data.length / CHUNK);
    for (let first = 0; first < chunks; first += BATCH) {
      const op = kv.atomic();
      for (let i = first; i < Math.min(chunks, first + BATCH); i++) {
        op.set(chunkKey(id, i), data.slice(i * CHUNK, (i + 1) * CHUNK));
      }
      await op.commit();
    }
    const meta: FileMeta = { size: data.length, uploaded, expires, chunks };
    await kv.set(metaKey(id), meta);
    return meta;
  }

  async function meta(id: string, now: number): Promise<FileMeta | undefined> {
    const found = (await kv.get<FileMeta>(metaKey(id))).value ?? undefined;
    if (found && found.expires <= now) return void await remove(id);
    return found;
  }

  async function read(id: string, now: number): Promise<Uint8Array | undefined> {
    const found = await meta(id, now);
    if (!found) return undefined;
    const out = new Uint8Array(found.size);
    for await (const entry of kv.list<Uint8Array>({ prefix: ["fileserver", "chunk", id] })) {
      out.set(entry.value, (entry.key[3] as number) * CHUNK);
    }
    return out;
  }

  async function remove(id: string): Promise<void> {
    await kv.delete(metaKey(id));
    for await (const entry of kv.list({ prefix: ["fileserver", "chunk", id] })) {
      await kv.delete(entry.key);
    }
  }

  async function sweep(now: number): Promise<number> {
    let removed = 0;
    for await (const entry of kv.list<FileMeta>({ prefix: ["fileserver", "meta"] })) {
      if (entry.value.expires <= now) {
        await remove(entry.key[2] as string);
        removed++;
      }
    }
    return removed;
  }

  return {
    put,
    meta,
    read,
    update: async (id, value) => void await kv.set(metaKey(id), value),
    sweep,
  };
}
