/**
 * Which path a request takes (core §6.1): one without the destination and the suspects, the
 * healthiest first (fewest failures, then fewest strikes on its nodes); the destination may be a
 * relay as a fallback, never the guard.
 *
 * @module
 */
import { pickOne, type Random } from "./_random.ts";
import type { ServiceNode } from "./service_node.ts";
import type { Strikes } from "./strikes.ts";

/** A live path as the pool keeps it. */
export interface PathRecord {
  /** Guard first. */
  readonly nodes: readonly ServiceNode[];
  /** Failures since the last success. */
  failures: number;
}

type Entry = [number, PathRecord];
type Health = [failures: number, strikes: number];

/**
 * Chooses among `entries` (id, path); undefined when there are none.
 *
 * @example
 * ```ts
 * const [id, path] = choosePath([...live], { exclude: dest.ed25519, strikes, random })!;
 * ```
 */
export function choosePath(
  entries: readonly Entry[],
  options: {
    readonly exclude?: string;
    readonly avoid?: ReadonlySet<string>;
    readonly strikes: Strikes;
    readonly random: Random;
  },
): Entry | undefined {
  const { exclude, avoid } = options;
  const health = (p: PathRecord): Health => [
    p.failures,
    p.nodes.reduce((sum, n) => sum + options.strikes.count(n.ed25519), 0),
  ];
  const best = (list: readonly Entry[]): Health =>
    list.map(([, p]) => health(p)).reduce((a, b) => (worse(a, b) > 0 ? b : a));
  const untainted = entries.filter(([, p]) => !p.nodes.some((n) => avoid?.has(n.ed25519)));
  const all = untainted.length > 0 ? untainted : entries;
  const clean = all.filter(([, p]) => !p.nodes.some((n) => n.ed25519 === exclude));
  // A path with the destination as a relay still works (the guard still hides us); it is the
  // fallback when no clean path is left or every clean one looks worse.
  const usable = all.filter(([, p]) => p.nodes[0].ed25519 !== exclude);
  let choices = clean.length > 0 ? clean : usable.length > 0 ? usable : all;
  if (clean.length > 0 && usable.length > 0 && worse(best(clean), best(usable)) > 0) {
    choices = usable;
  }
  if (choices.length === 0) return undefined;
  const top = best(choices);
  return pickOne(choices.filter(([, p]) => worse(health(p), top) === 0), options.random);
}

/** Positive when health `a` is worse than `b`. */
function worse(a: Health, b: Health): number {
  return a[0] - b[0] || a[1] - b[1];
}
