/**
 * Choosing the nodes to ask: distinct, at random, from the network's pool (filled first when
 * it is still empty).
 *
 * @module
 */
import { toHex } from "../../core/bytes.ts";
import { NetworkError } from "../../core/errors.ts";
import type { ServiceNode } from "../../onion/mod.ts";

/** What name resolution needs from the network (a `Network` has all of it). */
export interface OnsNetwork {
  /** The snode pool as it is now. */
  nodes(): readonly ServiceNode[];
  /** One RPC to one node, through an onion path; rejects on non-2xx. */
  rpc(to: ServiceNode, method: string, params?: Record<string, unknown>): Promise<unknown>;
  /** A swarm lookup; used once to fill an empty pool. */
  getSwarm?(pubkey: string): Promise<readonly ServiceNode[]>;
}

/** The pool in random order, with at least `count` nodes, bootstrapping it if needed. */
export async function shuffledPool(
  network: OnsNetwork,
  count: number,
  random: () => number,
): Promise<ServiceNode[]> {
  if (network.nodes().length < count && network.getSwarm) {
    // Any request fills the pool from the seeds; a throwaway key's swarm is the cheapest one.
    await network.getSwarm("05" + toHex(crypto.getRandomValues(new Uint8Array(32))));
  }
  const nodes = [...network.nodes()];
  if (nodes.length < count) {
    throw new NetworkError(
      `name lookups ask ${count} different service nodes, but only ${nodes.length} are known: ` +
        "check the network (seed URL) and retry",
      "not_enough_nodes",
    );
  }
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
  }
  return nodes;
}
