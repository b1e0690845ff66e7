/**
 * Which swarm owns an account: the position of a pubkey on the uint64 ring and the nearest swarm
 * id to it, exactly as `oxenss/snode/swarm.cpp` computes them (core.md §5.3).
 *
 * @module
 */
import { isHex } from "../../core/mod.ts";

/** The swarm id of a node that is not (yet) in a swarm: 2^64 − 1. Never a real swarm. */
export const INVALID_SWARM_ID = 0xffff_ffff_ffff_ffffn;

const U64 = 0xffff_ffff_ffff_ffffn;

/**
 * The pubkey's position on the swarm ring: the XOR of the four 8-byte words of the 32 key bytes
 * after the prefix byte, read big-endian. Throws `TypeError` unless given 66 hex characters.
 *
 * @example
 * ```ts
 * swarmSpace("05" + "00".repeat(24) + "0123456789abcdef"); // 0x0123456789abcdefn
 * ```
 */
export function swarmSpace(pubkeyHex66: string): bigint {
  if (!isHex(pubkeyHex66, 33)) throw new TypeError("pubkey must be 66 hex characters");
  let space = 0n;
  for (let word = 0; word < 4; word++) {
    const start = 2 + word * 16;
    space ^= BigInt("0x" + pubkeyHex66.slice(start, start + 16));
  }
  return space;
}

/**
 * The swarm id nearest to `space` on the ring, with uint64 wrap-around and ties going to the
 * lower ("left") id. `INVALID_SWARM_ID` entries are ignored; with no swarm at all the answer is
 * `INVALID_SWARM_ID`.
 *
 * @example
 * ```ts
 * selectSwarm([100n, 200n, 300n], 150n); // 100n: a tie goes left
 * ```
 */
export function selectSwarm(swarmIds: readonly bigint[], space: bigint): bigint {
  const ids = validSwarmIds(swarmIds);
  if (ids.length === 0) return INVALID_SWARM_ID;
  // A single swarm owns the whole ring, whatever the distances say.
  if (ids.length === 1) return ids[0];
  const h = space & U64;
  let right = ids.findIndex((id) => id >= h);
  if (right < 0) right = 0;
  const left = right === 0 ? ids.length - 1 : right - 1;
  const dRight = (ids[right] - h) & U64;
  const dLeft = (h - ids[left]) & U64;
  return dRight < dLeft ? ids[right] : ids[left];
}

/** The distinct real swarm ids, ascending. */
export function validSwarmIds(swarmIds: readonly bigint[]): bigint[] {
  const unique = new Set(swarmIds.filter((id) => id !== INVALID_SWARM_ID));
  return [...unique].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
