/**
 * Per-key pacing with the generic cell rate algorithm: `burst` calls at once, then one per
 * `intervalMs`; each call learns how long to wait, in call order.
 *
 * @module
 */

/** A pacer. */
export interface Pacer {
  /** Reserves a slot for `key` at `now`; returns the wait before using it, ms. */
  reserve(key: string, now: number): number;
  /** Keys with a reservation in the future. */
  readonly size: number;
}

/** Creates a pacer. */
export function createPacer(intervalMs: number, burst: number): Pacer {
  const tat = new Map<string, number>(); // theoretical arrival time per key
  let lastSweep = 0;
  return {
    reserve(key, now) {
      if (now - lastSweep > intervalMs * burst) {
        for (const [k, t] of tat) if (t <= now) tat.delete(k);
        lastSweep = now;
      }
      const arrival = Math.max(tat.get(key) ?? now, now);
      const allowedAt = arrival - (burst - 1) * intervalMs;
      tat.set(key, arrival + intervalMs);
      return Math.max(0, allowedAt - now);
    },
    get size() {
      return tat.size;
    },
  };
}
