/**
 * Fixed-window counters per key, swept as time passes (no timers left behind).
 *
 * @module
 */

/** What one hit found. */
export interface Hit {
  /** Hits in the current window, this one included. */
  readonly count: number;
  /** This is the first hit over the limit in this window (time for the polite reply). */
  readonly firstOver: boolean;
  /** The hit is over the limit. */
  readonly over: boolean;
  /** When the window ends, ms. */
  readonly resetAt: number;
}

/** Counters of one limiter. */
export interface Windows {
  /** Counts a hit of `key` at `now`. */
  hit(key: string, now: number): Hit;
  /** Keys with a live window. */
  readonly size: number;
}

/** Creates counters allowing `limit` hits per `windowMs`. */
export function createWindows(limit: number, windowMs: number): Windows {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    hit(key, now) {
      if (now - lastSweep >= windowMs) {
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
        lastSweep = now;
      }
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      return {
        count: window.count,
        over: window.count > limit,
        firstOver: window.count === limit + 1,
        resetAt: window.start + windowMs,
      };
    },
    get size() {
      return windows.size;
    },
  };
}
