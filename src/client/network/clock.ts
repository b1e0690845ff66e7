/**
 * Network time (core §4.8): every reply's `t` is a sample of `local − network`; the network
 * clock is local time minus the median of the last samples (desktop averages 10; the median
 * also ignores one badly skewed node). A node's own latest offset is kept too, so a retry
 * after a 406 from that node is signed with its clock.
 *
 * @module
 */

/** Replies with `t` before 2021-01-01 are not a clock (desktop's guard). */
const MIN_PLAUSIBLE_T = 1_609_419_600_000;

/** Options for {@link createClock}. */
export interface ClockOptions {
  /** The local clock (default `Date.now`); injectable for skew tests. */
  readonly now?: () => number;
  /** Samples kept for the median (default 10). */
  readonly window?: number;
  /** How long a node's own offset is trusted, ms (default 10 minutes). */
  readonly nodeTtlMs?: number;
}

/** The network clock. */
export interface NetworkClock {
  /** Network time, ms; with `node`, that node's clock when it answered recently. */
  now(node?: string): number;
  /** Current `local − network` offset, ms (0 before any sample). */
  offset(): number;
  /** Records a reply's `t` (and the `t` of batch sub-results) from `node`. */
  observe(body: unknown, node?: string): void;
}

/**
 * Creates a network clock.
 *
 * @example
 * ```ts
 * const clock = createClock();
 * clock.observe({ t: Date.now() + 300_000 }, node.ed25519);
 * clock.now(); // ≈ Date.now() + 300 000
 * ```
 */
export function createClock(options: ClockOptions = {}): NetworkClock {
  const local = options.now ?? Date.now;
  const window = options.window ?? 10;
  const nodeTtl = options.nodeTtlMs ?? 600_000;
  const samples: number[] = [];
  const perNode = new Map<string, { offset: number; at: number }>();
  let median = 0;

  function record(t: unknown, node: string | undefined): void {
    if (typeof t !== "number" || !Number.isFinite(t) || t < MIN_PLAUSIBLE_T) return;
    const at = local();
    const offset = at - t;
    samples.push(offset);
    if (samples.length > window) samples.shift();
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    median = sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
    if (node !== undefined) perNode.set(node, { offset, at });
  }

  function observe(body: unknown, node?: string): void {
    if (typeof body !== "object" || body === null) return;
    const { t, results } = body as { t?: unknown; results?: unknown };
    record(t, node);
    if (Array.isArray(results)) {
      for (const result of results) record(result?.body?.t, node);
    }
  }

  function now(node?: string): number {
    const at = local();
    const own = node === undefined ? undefined : perNode.get(node);
    if (own && at - own.at < nodeTtl) return at - own.offset;
    return at - median;
  }

  return { now, offset: () => median, observe };
}
