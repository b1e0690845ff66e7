/** Fixtures for path pool and requester tests: nodes, strikes wired to paths, a seeded random. */
import { toHex } from "../../src/core/bytes.ts";
import {
  createPathPool,
  createStrikes,
  type PathPool,
  type ServiceNode,
} from "../../src/onion/mod.ts";
import { type SimNode, simNode } from "./_network.ts";

/** A seeded xorshift random source. */
export function seededRandom(seed = 1): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

/** A service node record for a simulated node, on its own /24 unless `ip` is given. */
export function serviceNode(sim: SimNode, i: number, ip = `10.0.${i}.1`): ServiceNode {
  return { ed25519: sim.ed25519, x25519: toHex(sim.keys.publicKey), ip, port: 20000 + i };
}

/** A pool of `n` simulated nodes and a path pool over them, drops wired as the network does. */
export function pathFixture(
  n: number,
  options: { failGuard?: (node: ServiceNode) => boolean } = {},
) {
  const sims = Array.from({ length: n }, () => simNode());
  let nodes = sims.map((sim, i) => serviceNode(sim, i));
  const dropped: string[] = [];
  const tested: string[] = [];
  const late: { paths?: PathPool } = {};
  const strikes = createStrikes({
    onDrop(ed) {
      dropped.push(ed);
      nodes = nodes.filter((node) => node.ed25519 !== ed);
      late.paths?.dropNode(ed);
    },
  });
  const paths = late.paths = createPathPool({
    nodes: () => Promise.resolve(nodes),
    testGuard: (node) => {
      tested.push(node.ed25519);
      return Promise.resolve(!(options.failGuard?.(node) ?? false));
    },
    strikes,
    random: seededRandom(3),
  });
  const simOf = (ed: string) => sims.find((s) => s.ed25519 === ed)!;
  return { sims, nodes: () => nodes, paths, strikes, dropped, tested, simOf };
}
