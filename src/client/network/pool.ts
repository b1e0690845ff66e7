/**
 * The snode pool (core §5.2): every known service node. Filled from the seeds when it holds 8
 * or fewer nodes; refreshed every 2 h from 3 random nodes whose lists must agree on at least
 * 24 nodes (else from the seeds). Nodes with too many strikes are dropped from it.
 *
 * @module
 */
import type { Random, ServiceNode } from "../../onion/mod.ts";
import { shuffled } from "../../onion/mod.ts";

/** Options for {@link createSnodePool}. */
export interface SnodePoolOptions {
  /** The list from the seeds (throws when no seed answers). */
  fromSeeds(): Promise<ServiceNode[]>;
  /** One node's list (`oxend_request get_service_nodes`); omitted: always use the seeds. */
  fromNode?(node: ServiceNode): Promise<ServiceNode[]>;
  /** Called after every successful refill (reset strikes, prune swarms). */
  onRefresh?(nodes: readonly ServiceNode[]): void;
  /** Random source. */
  readonly random: Random;
  /** Refill from the seeds at or below this size (default 8, `minSnodePoolCount`). */
  readonly minSize?: number;
  /** Refresh after this long, ms (default 2 h). */
  readonly refreshMs?: number;
  /** Nodes the 3 lists must share (default 24, `requiredSnodesForAgreement`). */
  readonly agreement?: number;
  /** The local clock (default `Date.now`). */
  readonly now?: () => number;
}

/** The snode pool. */
export interface SnodePool {
  /** The nodes, refilled or refreshed first when needed. Throws only when it stays empty. */
  ensure(): Promise<readonly ServiceNode[]>;
  /** The nodes as they are now. */
  nodes(): readonly ServiceNode[];
  /** Whether `ed25519` is in the pool. */
  has(ed25519: string): boolean;
  /** Removes a node (dropped after strikes). */
  drop(ed25519: string): void;
  /** Refreshes now (from nodes when the pool is big enough, else from the seeds). */
  refresh(): Promise<void>;
}

/** Below this many nodes, refreshing from nodes is pointless (`…BeforeRefreshFromSnodes`). */
const MIN_FOR_NODE_REFRESH = 16;

/**
 * Creates an empty pool; the first `ensure()` fills it.
 *
 * @example
 * ```ts
 * const pool = createSnodePool({ fromSeeds: () => fetchFromSeeds(MAINNET_SEEDS), random: Math.random });
 * const nodes = await pool.ensure();
 * ```
 */
export function createSnodePool(options: SnodePoolOptions): SnodePool {
  const now = options.now ?? Date.now;
  const minSize = options.minSize ?? 8;
  const refreshMs = options.refreshMs ?? 7_200_000;
  let nodes = new Map<string, ServiceNode>();
  let refreshedAt = -Infinity;
  let seededAt = -Infinity;
  let running: Promise<void> | undefined;

  function replace(list: readonly ServiceNode[]): void {
    nodes = new Map(list.map((n) => [n.ed25519, n]));
    refreshedAt = now();
    options.onRefresh?.(list);
  }

  async function fromSeeds(): Promise<void> {
    seededAt = now();
    replace(await options.fromSeeds());
  }

  async function fromNodes(): Promise<void> {
    const ask = options.fromNode;
    if (!ask || nodes.size < MIN_FOR_NODE_REFRESH) return await fromSeeds();
    for (let round = 0; round < 3; round++) {
      const asked = shuffled([...nodes.values()], options.random).slice(0, 3);
      const lists = await Promise.allSettled(asked.map((node) => ask(node)));
      const agreed = intersect(lists.map((l) => (l.status === "fulfilled" ? l.value : [])));
      if (agreed.length >= (options.agreement ?? 24)) return replace(agreed);
    }
    await fromSeeds();
  }

  function run(job: () => Promise<void>): Promise<void> {
    running ??= job().finally(() => running = undefined);
    return running;
  }

  async function ensure(): Promise<readonly ServiceNode[]> {
    const age = now() - refreshedAt;
    // Seeds at most every 30 s while some nodes are left (a small network stays small).
    const low = nodes.size <= minSize && (nodes.size === 0 || now() - seededAt > 30_000);
    if (low || age > refreshMs) {
      try {
        await run(low ? fromSeeds : fromNodes);
      } catch (error) {
        if (nodes.size === 0) throw error;
        refreshedAt = now(); // keep the stale pool; try again after another period
      }
    }
    return [...nodes.values()];
  }

  return {
    ensure,
    nodes: () => [...nodes.values()],
    has: (ed25519) => nodes.has(ed25519),
    drop: (ed25519) => void nodes.delete(ed25519),
    refresh: () => run(fromNodes),
  };
}

/** Nodes present (same key, IP and port) in every list. */
function intersect(lists: readonly ServiceNode[][]): ServiceNode[] {
  if (lists.length === 0 || lists.some((l) => l.length === 0)) return [];
  const id = (n: ServiceNode) => `${n.ed25519}|${n.ip}|${n.port}`;
  const rest = lists.slice(1).map((l) => new Set(l.map(id)));
  return lists[0].filter((n) => rest.every((s) => s.has(id(n))));
}
