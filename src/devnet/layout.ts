/**
 * The devnet's layout: a master secret from which every key derives, swarm ids spread evenly
 * over the uint64 space, and nodes assigned to swarms round-robin. Persisted in the state KV so
 * a restart with the same state brings back the same network.
 *
 * @module
 */
import { equalBytes, toHex, utf8 } from "../core/bytes.ts";
import { ValidationError } from "../core/errors.ts";
import { blake2b } from "../crypto/hash.ts";

/** The stored layout. */
export interface Layout {
  /** 32-byte master secret. */
  readonly master: Uint8Array;
  /** Swarm id of each node, by index. */
  readonly assignment: readonly bigint[];
  /** Every swarm id, ascending. */
  readonly swarmIds: readonly bigint[];
}

const KEY = ["devnet", "layout"];
const SPACE = 1n << 64n;

/**
 * `count` swarm ids spread evenly over the uint64 space (never the invalid id 2^64−1).
 *
 * @example
 * ```ts
 * import { spreadSwarmIds } from "./mod.ts";
 *
 * spreadSwarmIds(2); // [4611686018427387904n, 13835058055282163712n]
 * ```
 */
export function spreadSwarmIds(count: number): bigint[] {
  const step = SPACE / BigInt(count);
  return Array.from({ length: count }, (_, k) => step * BigInt(k) + step / 2n);
}

/**
 * Loads the layout, extending it to `nodes` nodes (new nodes go round-robin over the stored
 * swarms), or creates it. A given `secret` must match a stored one.
 */
export async function loadLayout(
  kv: Deno.Kv,
  options: { nodes: number; swarms: number; swarmIds?: readonly bigint[]; secret?: Uint8Array },
): Promise<Layout> {
  const stored =
    (await kv.get<{ master: Uint8Array; assignment: string[]; swarmIds: string[] }>(KEY))
      .value;
  if (stored && options.secret && !equalBytes(stored.master, options.secret)) {
    throw new ValidationError(
      "this devnet state was created with another secret: use a new --state directory",
      "secret_mismatch",
      "secret",
    );
  }
  const master = stored?.master ?? options.secret ?? crypto.getRandomValues(new Uint8Array(32));
  const swarmIds = stored?.swarmIds.map(BigInt) ??
    [...(options.swarmIds ?? spreadSwarmIds(options.swarms))];
  const assignment = stored?.assignment.map(BigInt) ?? [];
  for (let i = assignment.length; i < options.nodes; i++) {
    assignment.push(swarmIds[i % swarmIds.length]);
  }
  await kv.set(KEY, {
    master,
    assignment: assignment.map(String),
    swarmIds: swarmIds.map(String),
  });
  return { master, assignment: assignment.slice(0, options.nodes), swarmIds };
}

/** A 32-byte seed for `purpose` (e.g. `"node/3"`, `"fileserver"`) derived from the master. */
export function deriveSeed(master: Uint8Array, purpose: string): Uint8Array {
  return blake2b(utf8(`sessionbot-devnet/${purpose}`), { key: master, dkLen: 32 });
}

/** A short stable id for logs. */
export function layoutId(layout: Layout): string {
  return toHex(deriveSeed(layout.master, "id")).slice(0, 8);
}
