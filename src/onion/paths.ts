/**
 * The onion path pool (core §6.1, §6.8): `[guard, relay1, relay2]` paths, one per guard,
 * built on demand, chosen per request (avoiding the destination), failure-counted and rebuilt.
 *
 * @module
 */
import { OnionError } from "../core/errors.ts";
import type { Random } from "./_random.ts";
import { chooseGuards } from "./guards.ts";
import { choosePath, type PathRecord } from "./path_choice.ts";
import { pickRelays } from "./relays.ts";
import type { ServiceNode } from "./service_node.ts";
import type { Strikes } from "./strikes.ts";

/** One onion path, guard first. */
export interface OnionPath {
  /** Stable id while the path lives. */
  readonly id: number;
  /** `[guard, relay1, relay2]` (length = `hops`). */
  readonly nodes: readonly ServiceNode[];
  /** Failures since the last success. */
  readonly failures: number;
}

/** Options for {@link createPathPool}. */
export interface PathPoolOptions {
  /** The current snode pool (filled by its owner, e.g. from the seeds). */
  nodes(): Promise<readonly ServiceNode[]>;
  /** Whether a guard candidate answers a direct request; must not reject. */
  testGuard(node: ServiceNode, signal?: AbortSignal): Promise<boolean>;
  /** Node strikes: relays of a failed path get one; a guard of a failing path is dropped. */
  readonly strikes: Strikes;
  /** Random source for node choices (default `Math.random`). */
  readonly random?: Random;
  /** Nodes per path (default 3, `ONION_REQUEST_HOPS`). */
  readonly hops?: number;
  /** Guards, hence paths, to keep (default 2). */
  readonly guards?: number;
  /** Path failures that drop its guard (default 3, `pathFailureThreshold`). */
  readonly failureThreshold?: number;
}

/** The path pool. */
export interface PathPool {
  /**
   * A path for a request, built first if needed. `exclude` (the destination) is kept off the
   * path when possible and never made the guard; `avoid` lists suspects (e.g. destinations
   * that just timed out): paths through them are rebuilt when no other path is left.
   */
  pick(options?: PickOptions): Promise<OnionPath>;
  /**
   * Records a path failure. Unattributed (`hop` unknown): counted, a strike per relay, and at
   * the threshold the guard is dropped. Attributed to the node at `hop`: that node gets the
   * strike and the path is rebuilt now, around another guard when `hop` is 0.
   */
  failed(path: OnionPath, reason: string, hop?: number): void;
  /** Clears the path's failure count. */
  succeeded(path: OnionPath): void;
  /** Forgets a node: paths through it go (rebuilt on the next pick), a guard is replaced. */
  dropNode(ed25519: string): void;
  /** The live paths. */
  paths(): readonly OnionPath[];
  /** The current guards. */
  guards(): readonly ServiceNode[];
  /** Forgets every path and guard. */
  clear(): void;
}

/** Options of {@link PathPool.pick}. */
export interface PickOptions {
  /** The destination's Ed25519 key. */
  readonly exclude?: string;
  /** Nodes to keep off the path if at all possible. */
  readonly avoid?: ReadonlySet<string>;
  /** Stops guard testing when the caller gives up (its deadline). */
  readonly signal?: AbortSignal;
}

/**
 * Creates a path pool. Paths are built lazily by the first `pick()` and again whenever one was
 * dropped; concurrent picks share one build.
 *
 * @example
 * ```ts
 * const strikes = createStrikes({ onDrop: (ed) => { pool.drop(ed); paths.dropNode(ed); } });
 * const paths = createPathPool({ nodes: () => pool.ensure(), testGuard, strikes });
 * const path = await paths.pick({ exclude: destination.ed25519 });
 * ```
 */
export function createPathPool(options: PathPoolOptions): PathPool {
  const random = options.random ?? Math.random;
  const hops = options.hops ?? 3;
  const guardCount = options.guards ?? 2;
  const threshold = options.failureThreshold ?? 3;
  if (!Number.isInteger(hops) || hops < 1 || hops > 14) {
    throw new RangeError(`hops must be 1..14, got ${hops}`);
  }
  const live = new Map<number, PathRecord>();
  let guards: ServiceNode[] = [];
  let target = 0;
  let nextId = 1;
  let building: Promise<void> | undefined;

  async function build(avoid?: ReadonlySet<string>, signal?: AbortSignal): Promise<void> {
    const pool = (await options.nodes()).filter((n) => !avoid?.has(n.ed25519));
    guards = await chooseGuards({
      pool,
      current: guards,
      count: guardCount,
      test: (node) => options.testGuard(node, signal),
      signal,
      random,
    });
    if (guards.length === 0) {
      throw new OnionError(
        `no guard node answered (pool of ${pool.length}): check the network connection`,
        { code: "no_guard" },
      );
    }
    const guardKeys = new Set(guards.map((g) => g.ed25519));
    const used = new Set([...live.values()].flatMap((p) => p.nodes.map((n) => n.ed25519)));
    const withPath = new Set([...live.values()].map((p) => p.nodes[0].ed25519));
    let free = pool.filter((n) => !guardKeys.has(n.ed25519) && !used.has(n.ed25519));
    for (const guard of guards) {
      if (withPath.has(guard.ed25519)) continue;
      const relays = pickRelays(guard, free, hops - 1, random);
      if (!relays) break;
      live.set(nextId++, { nodes: Object.freeze([guard, ...relays]), failures: 0 });
      free = free.filter((n) => !relays.includes(n));
    }
    target = live.size;
    if (target === 0) {
      throw new OnionError(
        `not enough service nodes for a ${hops}-hop onion path: the pool has ${pool.length}`,
        { code: "not_enough_nodes" },
      );
    }
  }

  async function topUp(avoid?: ReadonlySet<string>, signal?: AbortSignal): Promise<void> {
    if (live.size > 0 && live.size >= target) return;
    building ??= build(avoid, signal).finally(() => building = undefined);
    try {
      await building;
    } catch (error) {
      // A failed top-up is fine while some path is left.
      if (live.size === 0) throw error;
    }
  }

  async function pick(pickOptions: PickOptions = {}): Promise<OnionPath> {
    const { exclude, avoid, signal } = pickOptions;
    const tainted = (p: PathRecord) => p.nodes.some((n) => avoid?.has(n.ed25519));
    await topUp(undefined, signal);
    const fine = () =>
      [...live.values()].some((p) => p.nodes[0].ed25519 !== exclude && !tainted(p));
    // Every usable path runs through a suspect: rebuild those paths around other nodes (twice
    // at most: a concurrent build that did not know the suspects may have got in first).
    for (let round = 0; round < 2 && avoid?.size && !fine(); round++) {
      for (const [id, p] of live) if (tainted(p)) live.delete(id);
      await topUp(avoid, signal);
    }
    const chosen = choosePath([...live.entries()], {
      exclude,
      avoid,
      strikes: options.strikes,
      random,
    });
    if (!chosen) {
      throw new OnionError("every onion path was dropped while building: retry", {
        code: "no_path",
      });
    }
    return snapshot(chosen[0], chosen[1]);
  }

  function failed(path: OnionPath, reason: string, hop?: number): void {
    const record = live.get(path.id);
    if (!record) return;
    const culprit = hop === undefined ? undefined : record.nodes[hop];
    if (culprit) {
      live.delete(path.id);
      if (hop === 0) guards = guards.filter((g) => g !== culprit);
      options.strikes.strike(culprit.ed25519, `onion hop ${hop} failed: ${reason}`);
      return;
    }
    record.failures++;
    for (const relay of record.nodes.slice(1)) {
      options.strikes.strike(relay.ed25519, `onion path failed: ${reason}`);
    }
    if (record.failures >= threshold) {
      live.delete(path.id);
      options.strikes.drop(record.nodes[0].ed25519, `its path failed ${threshold} times`);
    }
  }

  function dropNode(ed25519: string): void {
    for (const [id, record] of live) {
      if (record.nodes.some((n) => n.ed25519 === ed25519)) live.delete(id);
    }
    guards = guards.filter((g) => g.ed25519 !== ed25519);
  }

  return {
    pick,
    failed,
    succeeded(path) {
      const record = live.get(path.id);
      if (record) record.failures = 0;
    },
    dropNode,
    paths: () => [...live.entries()].map(([id, record]) => snapshot(id, record)),
    guards: () => [...guards],
    clear() {
      live.clear();
      guards = [];
      target = 0;
    },
  };
}

function snapshot(id: number, record: PathRecord): OnionPath {
  return Object.freeze({ id, nodes: record.nodes, failures: record.failures });
}
