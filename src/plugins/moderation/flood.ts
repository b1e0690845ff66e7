/**
 * Flood control: a sliding window of post times per user and room. The caller gives the times
 * (the plugin: when the bot sees each post), and a redelivered post is not counted twice.
 * Windows live in memory on purpose: they are seconds long, so a restart loses nothing that
 * matters (the strikes a flood earns are kept in KV).
 *
 * @module
 */

/** What one post found. */
export interface FloodHit {
  /** Posts in the window ending at this one, this one included. */
  readonly count: number;
  /** More than the limit. */
  readonly over: boolean;
}

/** Windows of one room set. */
export interface FloodGuard {
  /** Counts post `postId` by `key` written at `at` (ms). */
  hit(key: string, postId: string, at: number): FloodHit;
  /** Keys with posts in a live window. */
  readonly size: number;
}

/**
 * A guard allowing `limit` posts per `windowMs` (sliding) per key.
 *
 * @example
 * ```ts
 * import { createFloodGuard } from "./flood.ts";
 *
 * const guard = createFloodGuard(3, 10_000);
 * guard.hit("room/alice", "1", 0).over; // false
 * guard.hit("room/alice", "2", 1_000).over; // false
 * guard.hit("room/alice", "3", 2_000).over; // false
 * guard.hit("room/alice", "4", 3_000).over; // true: 4 posts within 10 s
 * guard.hit("room/alice", "5", 12_500).over; // false: posts 1–2 left the window
 * ```
 */
export function createFloodGuard(limit: number, windowMs: number): FloodGuard {
  const windows = new Map<string, { at: number; id: string }[]>();
  let newest = -Infinity;
  let lastSweep = -Infinity;
  return {
    hit(key, postId, at) {
      newest = Math.max(newest, at);
      if (newest - lastSweep >= windowMs) {
        // Forget keys whose newest post left the window: memory stays bounded by active users.
        for (const [k, posts] of windows) {
          if (newest - posts[posts.length - 1].at >= windowMs) windows.delete(k);
        }
        lastSweep = newest;
      }
      let posts = windows.get(key);
      if (!posts) windows.set(key, posts = []);
      if (!posts.some((p) => p.id === postId)) {
        posts.push({ at, id: postId });
        posts.sort((a, b) => a.at - b.at);
      }
      const inWindow = posts.filter((p) => p.at > at - windowMs && p.at <= at);
      // Keep what may still count for later posts.
      windows.set(key, posts.filter((p) => p.at > newest - windowMs));
      if (windows.get(key)!.length === 0) windows.delete(key);
      return { count: inWindow.length, over: inWindow.length > limit };
    },
    get size() {
      return windows.size;
    },
  };
}
