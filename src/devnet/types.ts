/**
 * Shapes shared across the devnet's parts.
 *
 * @module
 */

/** One devnet service node as the rest of the devnet sees it. */
export interface DevnetNodeInfo {
  /** Position in the devnet (0-based). */
  readonly index: number;
  /** Ed25519 public key, lowercase hex. */
  readonly ed25519: string;
  /** X25519 public key, lowercase hex. */
  readonly x25519: string;
  /** Always `"127.0.0.1"`. */
  readonly ip: string;
  /** HTTPS port. */
  readonly port: number;
  /** The node's swarm id. */
  readonly swarmId: bigint;
}
