/**
 * Strikes per service node (core §6.8): each failure a node is blamed for adds one; at the
 * threshold (desktop `snodeFailureThreshold = 3`) the node is dropped from the pool, the
 * swarms and the paths, through the `onDrop` callback its owner wires.
 *
 * @module
 */

/** Options for {@link createStrikes}. */
export interface StrikesOptions {
  /** Strikes that drop a node (default 3). */
  readonly threshold?: number;
  /** Called once when a node is dropped: forget it everywhere. */
  onDrop(ed25519: string, reason: string): void;
}

/** A strike counter per node. */
export interface Strikes {
  /** Adds a strike; returns true when this one dropped the node. */
  strike(ed25519: string, reason: string): boolean;
  /** Drops a node at once (e.g. a relay reported "Next node not found" for it). */
  drop(ed25519: string, reason: string): void;
  /** The node's current strikes. */
  count(ed25519: string): number;
  /** Forgets every count (after a pool refresh, as desktop does). */
  reset(): void;
}

/**
 * Creates a strike counter.
 *
 * @example
 * ```ts
 * const strikes = createStrikes({ onDrop: (ed, why) => pool.drop(ed) });
 * strikes.strike(node.ed25519, "timed out"); // false, then false, then true
 * ```
 */
export function createStrikes(options: StrikesOptions): Strikes {
  const threshold = options.threshold ?? 3;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`strike threshold must be a positive integer, got ${threshold}`);
  }
  const counts = new Map<string, number>();

  function drop(ed25519: string, reason: string): void {
    counts.delete(ed25519);
    options.onDrop(ed25519, reason);
  }

  function strike(ed25519: string, reason: string): boolean {
    const count = (counts.get(ed25519) ?? 0) + 1;
    if (count < threshold) {
      counts.set(ed25519, count);
      return false;
    }
    drop(ed25519, `${threshold} strikes, the last: ${reason}`);
    return true;
  }

  return {
    strike,
    drop,
    count: (ed25519) => counts.get(ed25519) ?? 0,
    reset: () => counts.clear(),
  };
}
