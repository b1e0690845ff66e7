/** Fixtures for the network unit tests: fake nodes, a deterministic random source. */
import { toHex } from "../../../src/core/bytes.ts";
import type { ServiceNode } from "../../../src/onion/mod.ts";

/** A fake node `i` (keys are fixed bytes, IP 10.0.i.1 unless `ip` is given). */
export function fakeNode(i: number, ip = `10.0.${i}.1`): ServiceNode {
  const key = toHex(new Uint8Array(32).fill(i + 1));
  return { ed25519: key, x25519: key, ip, port: 22000 + i };
}

/** `n` fake nodes. */
export function fakeNodes(n: number, from = 0): ServiceNode[] {
  return Array.from({ length: n }, (_, i) => fakeNode(from + i));
}

/** A seeded xorshift random source: the same choices on every run. */
export function seededRandom(seed = 1): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}
