/**
 * The `get_n_service_nodes` answer: every field oxend can return for a node and for the chain,
 * filtered by the request's `fields` like oxend does.
 *
 * @module
 */
import { swarmHex } from "../json.ts";
import type { DevnetNodeInfo } from "../types.ts";

/** Fake chain state: a height advancing one block per 120 s, and the hard fork. */
export interface ChainState {
  /** Current block height. */
  readonly height: number;
  /** Hard fork `[major, minor]`. */
  readonly hf: readonly [number, number];
}

/** Every per-node field oxend knows that means something in the devnet. */
export function nodeRecord(node: DevnetNodeInfo, chain: ChainState): Record<string, unknown> {
  return {
    service_node_pubkey: node.ed25519,
    registration_height: 1,
    requested_unlock_height: 0,
    last_reward_block_height: chain.height - 1,
    active: true,
    funded: true,
    is_fully_funded: true,
    public_ip: node.ip,
    storage_port: node.port,
    storage_lmq_port: node.port,
    storage_server_version: [2, 8, 0],
    pubkey_ed25519: node.ed25519,
    pubkey_x25519: node.x25519,
    swarm_id: node.swarmId,
    swarm: swarmHex(node.swarmId),
  };
}

/** Top-level result fields. */
export function chainRecord(chain: ChainState): Record<string, unknown> {
  return {
    height: chain.height,
    target_height: chain.height,
    block_hash: blockHash(chain.height),
    hardfork: chain.hf[0],
    snode_revision: chain.hf[1],
  };
}

/** Keeps only the fields set to true in `fields`; everything when `fields` is absent. */
export function pick(
  record: Record<string, unknown>,
  fields: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (!fields) return record;
  return Object.fromEntries(Object.entries(record).filter(([key]) => fields[key] === true));
}

function blockHash(height: number): string {
  return height.toString(16).padStart(64, "0");
}
