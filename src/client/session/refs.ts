/**
 * Which message (author, sent timestamp) has which storage hash: the replay check, and the
 * lookups of unsend and read timers. A ref reaches KV only with the grouped removal commit, so
 * recent ones are also kept in memory; refs of a batch are read ahead with `getMany` (10 keys
 * a call, ~5× cheaper than one `get` each).
 *
 * @module
 */
import { keys } from "./keys.ts";

/** What a received message is remembered by. */
export interface MessageRefRecord {
  readonly hash: string;
  readonly mode?: "afterSend" | "afterRead";
  readonly seconds?: number;
}

/** Refs live a day longer than the longest swarm TTL (14 days). */
export const REF_TTL_MS = 15 * 86_400_000;

/** Recent refs kept in memory. */
const RECENT = 10_000;

/** The ref cache of `sid`. */
export interface Refs {
  /** Starts reading the refs of `messages` (called when a batch is admitted). */
  prefetch(messages: readonly { sender: string; timestamp: number }[]): void;
  /** The hash known for (sender, timestamp), remembering `hash` when there is none. */
  claim(sender: string, timestamp: number, hash: string): Promise<string | undefined>;
}

/** Creates the ref cache of `sid`. */
export function createRefs(kv: Deno.Kv, sid: string): Refs {
  const recent = new Map<string, string>();
  const ahead = new Map<string, Promise<string | undefined>>();

  function prefetch(messages: readonly { sender: string; timestamp: number }[]): void {
    const wanted = messages.filter((m) => !ahead.has(`${m.sender}:${m.timestamp}`));
    for (let i = 0; i < wanted.length; i += 10) {
      const slice = wanted.slice(i, i + 10);
      const read = kv.getMany<MessageRefRecord[]>(
        slice.map((m) => keys.ref(sid, m.sender, m.timestamp)),
      );
      read.catch(() => {}); // a failed read ahead falls back to a plain get in claim()
      slice.forEach((m, j) =>
        ahead.set(`${m.sender}:${m.timestamp}`, read.then((r) => r[j].value?.hash))
      );
    }
  }

  async function claim(sender: string, timestamp: number, hash: string) {
    const key = `${sender}:${timestamp}`;
    const read = ahead.get(key);
    ahead.delete(key);
    const stored = await (read ?? Promise.reject()).catch(() =>
      kv.get<MessageRefRecord>(keys.ref(sid, sender, timestamp)).then((e) => e.value?.hash)
    );
    const known = recent.get(key) ?? stored;
    if (known === undefined) {
      if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
      recent.set(key, hash);
    }
    return known;
  }

  return { prefetch, claim };
}
