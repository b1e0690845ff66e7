/**
 * Backing off a struggling receiver, as Standard Webhooks suggests for 429, 502, 503 and 504:
 * each such answer halves the endpoint's concurrency (down to one request at a time), each
 * success adds one back, up to its `maxConcurrency` (additive increase, multiplicative
 * decrease). In memory: a restart starts at full speed again.
 *
 * @module
 */
import type { Verdict } from "./settle.ts";

/** Answers that mean "slow down". */
const SLOW_DOWN = new Set([429, 502, 503, 504]);

/** Per-endpoint concurrency limits that adapt to the answers. */
export interface Throttle {
  /** How many requests may be in flight to the endpoint now. */
  limit(endpointId: string, maxConcurrency: number): number;
  /** Adapts the limit to an attempt's verdict. */
  record(endpointId: string, maxConcurrency: number, verdict: Verdict): void;
}

/**
 * Creates the throttle.
 *
 * @example
 * ```ts
 * const throttle = createThrottle();
 * throttle.record("ep_1", 8, { kind: "failed", status: 429, error: "HTTP 429" });
 * throttle.limit("ep_1", 8); // 4
 * ```
 */
export function createThrottle(): Throttle {
  const limits = new Map<string, number>();
  return {
    limit(endpointId, maxConcurrency) {
      return Math.min(maxConcurrency, limits.get(endpointId) ?? maxConcurrency);
    },
    record(endpointId, maxConcurrency, verdict) {
      const current = Math.min(maxConcurrency, limits.get(endpointId) ?? maxConcurrency);
      if (
        verdict.kind === "failed" && verdict.status !== undefined && SLOW_DOWN.has(verdict.status)
      ) {
        limits.set(endpointId, Math.max(1, Math.floor(current / 2)));
      } else if (verdict.kind === "delivered") {
        if (current + 1 >= maxConcurrency) limits.delete(endpointId);
        else limits.set(endpointId, current + 1);
      }
    },
  };
}
