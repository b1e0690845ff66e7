/**
 * `startDevnet` options, their defaults and their checks.
 *
 * @module
 */
import { ValidationError } from "../core/errors.ts";
import type { CommunityLimits } from "./community/context.ts";
import type { RateLimitOptions } from "./node/mod.ts";

/** Options for `startDevnet`. */
export interface DevnetOptions {
  /** Number of service nodes (default 9). */
  readonly nodes?: number;
  /** Number of swarms (default 3; at most `nodes`). Nodes join them round-robin. */
  readonly swarms?: number;
  /** Explicit swarm ids instead of `swarms` evenly spread ones (e.g. to replay vectors). */
  readonly swarmIds?: readonly bigint[];
  /**
   * Base port: seed at `port`, nodes at `port+1…port+n`, file server at `port+n+1`, community
   * server at `port+n+2`.
   * 0 (the default) picks free ports.
   */
  readonly port?: number;
  /** Directory for keys, layout, messages and files (KV file `devnet.kv`, mode 0600). */
  readonly state?: string;
  /** 32-byte master secret: the same secret gives the same keys (tests). */
  readonly secret?: Uint8Array;
  /** `/storage_rpc/v1` token bucket per node (default burst 600, 300/s). */
  readonly rateLimit?: RateLimitOptions;
  /** Hard fork reported in `hf` (default [19, 4]). */
  readonly hf?: readonly [number, number];
  /** Timeouts, ms. */
  readonly timeouts?: {
    /** Swarm peer wait in recursive requests (default 5000, as the real server). */
    readonly peerMs?: number;
    /** How long a relay into a node that drops requests waits (default 30 000, OxenMQ). */
    readonly relayMs?: number;
    /** Exit-node wait for an HTTP server (default 25 000). */
    readonly serverMs?: number;
    /** How long a dropped HTTPS request is held before the server lets go (default 60 000). */
    readonly dropHoldMs?: number;
  };
  /** File server limits: bytes and seconds. */
  readonly fileServer?: {
    readonly maxFileSize?: number;
    readonly defaultTtl?: number;
    readonly maxTtl?: number;
  };
  /** Community server limits (rate limit, sizes, blinding, post signature checks). */
  readonly community?: Partial<CommunityLimits>;
}

/** Options with every default filled in. */
export interface DevnetConfig {
  readonly nodes: number;
  readonly swarms: number;
  readonly swarmIds?: readonly bigint[];
  readonly port: number;
  readonly state?: string;
  readonly secret?: Uint8Array;
  readonly rateLimit: RateLimitOptions;
  readonly hf: readonly [number, number];
  readonly peerMs: number;
  readonly relayMs: number;
  readonly serverMs: number;
  readonly dropHoldMs: number;
  readonly fileServer: NonNullable<DevnetOptions["fileServer"]>;
  readonly community: Partial<CommunityLimits>;
}

/** Validates `options` and fills in defaults. */
export function devnetConfig(options: DevnetOptions = {}): DevnetConfig {
  const nodes = options.nodes ?? 9;
  const swarms = options.swarmIds?.length ?? options.swarms ?? Math.min(3, nodes);
  const port = options.port ?? 0;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 500) {
    throw new ValidationError(`nodes must be 1..500, got ${nodes}`, "bad_option", "nodes");
  }
  if (!Number.isInteger(swarms) || swarms < 1 || swarms > nodes) {
    throw new ValidationError(
      `swarms must be 1..${nodes} (every swarm needs a node), got ${swarms}`,
      "bad_option",
      "swarms",
    );
  }
  const ids = options.swarmIds;
  if (
    ids && (new Set(ids).size !== ids.length || ids.some((id) => id < 0n || id >= (1n << 64n) - 1n))
  ) {
    throw new ValidationError(
      "swarmIds must be distinct uint64 values below 2^64−1",
      "bad_option",
      "swarmIds",
    );
  }
  if (!Number.isInteger(port) || port < 0 || (port > 0 && port + nodes + 2 > 65535)) {
    throw new ValidationError(
      `port must be 0 or a base port with room for ${nodes + 3} ports, got ${port}`,
      "bad_option",
      "port",
    );
  }
  if (options.secret !== undefined && options.secret.length !== 32) {
    throw new ValidationError("secret must be 32 bytes", "bad_option", "secret");
  }
  const t = options.timeouts ?? {};
  return {
    nodes,
    swarms,
    swarmIds: ids ? [...ids].sort((a, b) => (a < b ? -1 : 1)) : undefined,
    port,
    state: options.state,
    secret: options.secret,
    rateLimit: options.rateLimit ?? {},
    hf: options.hf ?? [19, 4],
    peerMs: t.peerMs ?? 5_000,
    relayMs: t.relayMs ?? 30_000,
    serverMs: t.serverMs ?? 25_000,
    dropHoldMs: t.dropHoldMs ?? 60_000,
    fileServer: options.fileServer ?? {},
    community: options.community ?? {},
  };
}

/**
 * The port of slot `slot` (0 = seed, 1..n = nodes, n+1 = file server, n+2 = community server),
 * or 0 for free ports.
 */
export function portOf(config: DevnetConfig, slot: number): number {
  return config.port === 0 ? 0 : config.port + slot;
}
