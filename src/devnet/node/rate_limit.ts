/**
 * The storage server's per-IP token bucket for `/storage_rpc/v1` (`oxenss/rpc/rate_limiter.h`):
 * a burst of 600 requests, refilled at 300 per second.
 *
 * @module
 */

/** Bucket size and refill rate. */
export interface RateLimitOptions {
  /** Tokens a client starts with and can save up (default 600). */
  readonly burst?: number;
  /** Tokens added per second (default 300). */
  readonly perSecond?: number;
}

/** Decides whether a client may make one more request. */
export interface RateLimiter {
  /** Takes a token for `ip`; false when its bucket is empty (answer 429). */
  allow(ip: string): boolean;
}

const MAX_CLIENTS = 10_000;

/**
 * Creates a limiter; `now` is injectable for tests.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ burst: 2, perSecond: 1 });
 * limiter.allow("127.0.0.1"); // true
 * ```
 */
export function createRateLimiter(
  options: RateLimitOptions = {},
  now: () => number = performance.now.bind(performance),
): RateLimiter {
  const burst = options.burst ?? 600;
  const perMs = (options.perSecond ?? 300) / 1000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    allow: function allow(ip: string): boolean {
      const t = now();
      const bucket = buckets.get(ip) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      if (!buckets.has(ip)) {
        if (buckets.size >= MAX_CLIENTS) buckets.delete(buckets.keys().next().value!);
        buckets.set(ip, bucket);
      }
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
