/**
 * Relay selection for a path (core §6.1): random nodes, never reused across paths, preferring
 * one node per /24 subnet so a single hosting network rarely sees two hops of one path. On a
 * network where every node shares a subnet (a devnet on 127.0.0.1) the preference yields.
 *
 * @module
 */
import { type Random, shuffled } from "./_random.ts";
import { type ServiceNode, subnetOf } from "./service_node.ts";

/**
 * Picks `count` relays from `candidates` for a path whose guard is `guard`; undefined when
 * there are not enough candidates.
 *
 * @example
 * ```ts
 * const relays = pickRelays(guard, unused, 2, Math.random); // [relay1, relay2]
 * ```
 */
export function pickRelays(
  guard: ServiceNode,
  candidates: readonly ServiceNode[],
  count: number,
  random: Random,
): ServiceNode[] | undefined {
  if (candidates.length < count) return undefined;
  const order = shuffled(candidates, random);
  const picked: ServiceNode[] = [];
  const subnets = new Set([subnetOf(guard)]);
  // First pass: fresh subnets only; second pass: whatever is left.
  for (const fresh of [true, false]) {
    for (const node of order) {
      if (picked.length === count) return picked;
      if (picked.includes(node) || (fresh && subnets.has(subnetOf(node)))) continue;
      picked.push(node);
      subnets.add(subnetOf(node));
    }
  }
  return picked.length === count ? picked : undefined;
}
