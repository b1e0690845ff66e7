/**
 * The swarm cache (core §5.3): which nodes hold a pubkey's messages, asked once with
 * `get_swarm` and reused while at least 3 members are alive (or for a minute while any is).
 * A 421 replaces the entry with the swarm the node named; dropped nodes leave every entry.
 *
 * @module
 */
import type { Random, ServiceNode } from "../../onion/mod.ts";
import { shuffled } from "../../onion/mod.ts";

/** Options for {@link createSwarmCache}. */
export interface SwarmCacheOptions {
  /** Asks the network for `pubkey`'s swarm (`get_swarm` on random pool nodes, with retries). */
  fetch(pubkey: string): Promise<ServiceNode[]>;
  /** Random source (members are shuffled). */
  readonly random: Random;
  /** Members that keep an entry valid indefinitely (default 3, `minSwarmSnodeCount`). */
  readonly minMembers?: number;
  /** How long a smaller entry stays valid, ms (default 60 000). */
  readonly smallTtlMs?: number;
  /** The local clock (default `Date.now`). */
  readonly now?: () => number;
}

/** The swarm cache. */
export interface SwarmCache {
  /** The live members of `pubkey`'s swarm, fetched when the entry is missing or too thin. */
  get(pubkey: string): Promise<readonly ServiceNode[]>;
  /** Replaces the entry (a 421 named the right swarm). */
  replace(pubkey: string, nodes: readonly ServiceNode[]): void;
  /** Removes one member from `pubkey`'s entry (a 421 without a usable swarm list). */
  removeMember(pubkey: string, ed25519: string): void;
  /** Removes a dropped node from every entry and from future `get_swarm` answers. */
  dropNode(ed25519: string): void;
  /** Forgets members outside `pool` and the dropped list (after a pool refresh). */
  prune(pool: readonly ServiceNode[]): void;
  /** The cached members of `pubkey`, without fetching. */
  peek(pubkey: string): readonly ServiceNode[] | undefined;
}

interface Entry {
  nodes: ServiceNode[];
  readonly at: number;
}

/**
 * Creates an empty swarm cache.
 *
 * @example
 * ```ts
 * const swarms = createSwarmCache({ fetch: (pk) => askGetSwarm(pk), random: Math.random });
 * const members = await swarms.get(bob.sessionId);
 * ```
 */
export function createSwarmCache(options: SwarmCacheOptions): SwarmCache {
  const now = options.now ?? Date.now;
  const minMembers = options.minMembers ?? 3;
  const smallTtl = options.smallTtlMs ?? 60_000;
  const entries = new Map<string, Entry>();
  const fetching = new Map<string, Promise<ServiceNode[]>>();
  const dropped = new Set<string>();

  function usable(entry: Entry | undefined): entry is Entry {
    if (!entry || entry.nodes.length === 0) return false;
    return entry.nodes.length >= minMembers || now() - entry.at < smallTtl;
  }

  function replace(pubkey: string, nodes: readonly ServiceNode[]): void {
    const alive = nodes.filter((n) => !dropped.has(n.ed25519));
    // A list of only dropped nodes is still better than none: strikes will sort it out.
    entries.set(pubkey, {
      nodes: shuffled(alive.length > 0 ? alive : nodes, options.random),
      at: now(),
    });
  }

  async function get(pubkey: string): Promise<readonly ServiceNode[]> {
    const entry = entries.get(pubkey);
    if (usable(entry)) return entry.nodes;
    let pending = fetching.get(pubkey);
    if (!pending) {
      pending = options.fetch(pubkey).finally(() => fetching.delete(pubkey));
      fetching.set(pubkey, pending);
    }
    replace(pubkey, await pending);
    return entries.get(pubkey)!.nodes;
  }

  return {
    get,
    replace,
    removeMember(pubkey, ed25519) {
      const entry = entries.get(pubkey);
      if (entry) entry.nodes = entry.nodes.filter((n) => n.ed25519 !== ed25519);
    },
    dropNode(ed25519) {
      dropped.add(ed25519);
      for (const entry of entries.values()) {
        entry.nodes = entry.nodes.filter((n) => n.ed25519 !== ed25519);
      }
    },
    prune(pool) {
      dropped.clear();
      const known = new Set(pool.map((n) => n.ed25519));
      for (const entry of entries.values()) {
        entry.nodes = entry.nodes.filter((n) => known.has(n.ed25519));
      }
    },
    peek: (pubkey) => entries.get(pubkey)?.nodes,
  };
}
