/**
 * The shapes a storage node works with: its own identity, its view of the network, its peers
 * and what every RPC returns.
 *
 * @module
 */
import type { MessageStore } from "./store.ts";
import type { NameRegistry } from "./names.ts";

/** A service node as the network lists it. */
export interface NodeInfo {
  /** Ed25519 public key, 64 hex. Also the node's key in `swarm` result maps. */
  readonly ed25519: string;
  /** X25519 public key, 64 hex (onion requests are encrypted to it). */
  readonly x25519: string;
  /** IPv4 address clients connect to. */
  readonly ip: string;
  /** HTTPS storage port. */
  readonly port: number;
  /** Swarm membership; `INVALID_SWARM_ID` when in none. */
  readonly swarmId: bigint;
  /** OxenMQ/QUIC port to advertise (`port_omq`, `storage_lmq_port`); defaults to `port`. */
  readonly omqPort?: number;
}

/** The result of one RPC: a JSON body, or a plain-text error. */
export type RpcResult =
  | { readonly status: number; readonly body: unknown }
  | { readonly status: number; readonly text: string };

/** Another node's engine, possibly behind fault injection (it may throw or never answer). */
export interface PeerNode {
  /** Handles a forwarded copy of a recursive request (see `StorageNode.handle`). */
  handle(
    method: string,
    params: Record<string, unknown>,
    options: { forwarded: true },
  ): Promise<RpcResult>;
}

/** What a node knows of the network (the devnet's stand-in for oxend). */
export interface NetworkView {
  /** Every registered node. */
  nodes(): NodeInfo[];
  /** Every swarm id in use. */
  swarmIds(): bigint[];
  /** The members of a swarm. */
  members(swarmId: bigint): NodeInfo[];
  /** The engine of a node, to forward swarm requests to; `undefined` when unreachable. */
  peer(ed25519Hex: string): PeerNode | undefined;
}

/** Options of `createStorageNode`. */
export interface StorageNodeOptions {
  /** The node's 32-byte Ed25519 seed; its public key must be `info.ed25519`. */
  readonly seed: Uint8Array;
  /** The node's own listing. */
  readonly info: NodeInfo;
  /** The network as this node sees it. */
  readonly network: NetworkView;
  /** Where the node keeps messages. */
  readonly store: MessageStore;
  /** The node's clock in ms (default `Date.now`); tests skew it. Also the `t` of responses. */
  readonly clock?: () => number;
  /** Hard fork reported in `hf` (default [19, 4]). */
  readonly hf?: readonly [number, number];
  /** Storage server version (default [2, 8, 0]). */
  readonly version?: readonly [number, number, number];
  /** ONS records for `oxend_request` `ons_resolve` (default: none registered). */
  readonly names?: NameRegistry;
  /** Block height reported by `oxend_request` and `ifelse` (default 1,000,000). */
  readonly height?: number;
  /** How long to wait for each swarm peer, ms (default 5000, as the real server). */
  readonly peerTimeout?: number;
  /**
   * Fault injection: the status and text to refuse `method` with once it is validated
   * (undefined: handle it). The devnet wires this to `refuseStore`.
   */
  readonly refuse?: (
    method: string,
  ) => { readonly status: number; readonly text: string } | undefined;
}

/** A running storage engine. */
export interface StorageNode {
  /** The node's listing. */
  readonly info: NodeInfo;
  /** The node's Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** Handles a `/storage_rpc/v1` body (`{"method","params"}`) with the transport JSON rules. */
  handleRpcBody(body: Uint8Array | string): Promise<RpcResult>;
  /** Handles one parsed RPC; `forwarded` marks a swarm peer's copy of a recursive request. */
  handle(
    method: string,
    params: Record<string, unknown>,
    options?: { forwarded?: boolean },
  ): Promise<RpcResult>;
}
