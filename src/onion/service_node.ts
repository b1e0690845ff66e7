/**
 * The service node record onion paths and storage RPCs work with.
 *
 * @module
 */

/** A service node as the client knows it (from a seed, `get_swarm` or `oxend_request`). */
export interface ServiceNode {
  /** Ed25519 public key, 64 lowercase hex characters: the node's name on the network. */
  readonly ed25519: string;
  /** X25519 public key, 64 lowercase hex characters: onion layers are encrypted to it. */
  readonly x25519: string;
  /** Public IPv4 address. */
  readonly ip: string;
  /** HTTPS storage port. */
  readonly port: number;
  /** The node's swarm id, when the source listed it. */
  readonly swarmId?: bigint;
}

/**
 * `https://ip:port` + `path` for a node (snodes serve self-signed certificates).
 *
 * @example
 * ```ts
 * nodeUrl({ ed25519, x25519, ip: "127.0.0.1", port: 22021 }, "/onion_req/v2");
 * // "https://127.0.0.1:22021/onion_req/v2"
 * ```
 */
export function nodeUrl(node: ServiceNode, path: string): string {
  return `https://${node.ip}:${node.port}${path}`;
}

/**
 * The node's /24 subnet (`"a.b.c"`): paths avoid two hops run by one hosting network.
 *
 * @example
 * ```ts
 * import { subnetOf } from "./mod.ts";
 *
 * const ed25519 = "aa".repeat(32), x25519 = "bb".repeat(32);
 * subnetOf({ ed25519, x25519, ip: "144.76.164.202", port: 22100 }); // "144.76.164"
 * ```
 */
export function subnetOf(node: ServiceNode): string {
  return node.ip.split(".").slice(0, 3).join(".");
}

/**
 * A short label for error messages: the first 8 hex digits of the Ed25519 key, and the address.
 *
 * @example
 * ```ts
 * describeNode(node); // "node 1f000f09 (144.76.164.202:22100)"
 * ```
 */
export function describeNode(node: ServiceNode): string {
  return `node ${node.ed25519.slice(0, 8)} (${node.ip}:${node.port})`;
}
