/**
 * The running devnet as callers see it: its shape, the `--json` description and the seed
 * server (JSON-RPC plus the control and info endpoints).
 *
 * @module
 */
import type { DevnetConfig } from "./config.ts";
import { portOf } from "./config.ts";
import {
  CONTROL_PATH,
  createControlRoute,
  type FaultController,
  type NodeFaultHandle,
} from "./faults/mod.ts";
import {
  type CommunityDescription,
  describeCommunity,
  type DevnetCommunity,
} from "./community/handle.ts";
import type { FileServerInfo } from "./fileserver/mod.ts";
import { jsonResponse } from "./http.ts";
import { swarmHex } from "./json.ts";
import { createListener, type Listener } from "./listener.ts";
import type { NodeSlot } from "./nodes.ts";
import { createSeedHandler } from "./seed/mod.ts";
import type { NameRegistry } from "./storage/mod.ts";
import { createSelfSignedCert } from "./tls/mod.ts";
import type { DevnetNodeInfo } from "./types.ts";

/** Path on the seed server where the devnet describes itself (the `--json` line). */
export const INFO_PATH = "/devnet/v1/info";

/** A devnet node as handed to tests: its listing, URL and fault switches. */
export interface DevnetNodeHandle extends DevnetNodeInfo {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  /** Fault switches. */
  readonly faults: NodeFaultHandle;
}

/** The one-line JSON `sessionbot devnet --json` prints. */
export interface DevnetDescription {
  /** The seed's JSON-RPC URL. */
  readonly seed: string;
  /** Every node: keys, HTTPS port and swarm id (hex, as `get_swarm` prints it). */
  readonly nodes: { ed25519: string; x25519: string; port: number; swarm: string }[];
  /** The file server's URL and keys. */
  readonly fileServer: FileServerInfo;
  /** The community server's URL, public key, default room and join link. */
  readonly community: CommunityDescription;
}

/** A running devnet. */
export interface Devnet {
  /** The seed's JSON-RPC URL, `https://127.0.0.1:<port>/json_rpc`. */
  readonly seedUrl: string;
  /** The service nodes, in index order. */
  readonly nodes: readonly DevnetNodeHandle[];
  /** Every swarm id, ascending. */
  readonly swarmIds: readonly bigint[];
  /** The file server. */
  readonly fileServer: FileServerInfo;
  /** The community server (a session-pysogs lookalike) with room `lobby` and an admin door. */
  readonly community: DevnetCommunity;
  /** Fault injection. */
  readonly faults: FaultController;
  /** ONS names `oxend_request` `ons_resolve` answers. */
  readonly names: NameRegistry;
  /** The fault control endpoint the CLI talks to. */
  readonly controlUrl: string;
  /** The `--json` description. */
  describe(): DevnetDescription;
  /** Closes every server and the state. Idempotent. */
  stop(): Promise<void>;
  /** Same as `stop()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** The seed server: JSON-RPC, the fault control endpoint and the info endpoint. */
export async function seedListener(
  config: DevnetConfig,
  slots: readonly NodeSlot[],
  faults: FaultController,
  swarmIds: readonly bigint[],
  devnet: () => Devnet,
): Promise<Listener> {
  const handler = createSeedHandler(
    { nodes: () => slots.map((s) => s.info), chain: () => ({ height: 1_000_000, hf: config.hf }) },
    {
      [CONTROL_PATH]: createControlRoute(faults, () => swarmIds),
      [INFO_PATH]: () => Promise.resolve(jsonResponse(200, devnet().describe())),
    },
  );
  return createListener({
    port: portOf(config, 0),
    tls: await createSelfSignedCert({ commonName: "devnet seed" }),
    name: "the seed",
    handler,
  });
}

/** Freezes the parts of a started devnet into the {@link Devnet} callers get. */
export function devnetObject(parts: {
  slots: readonly NodeSlot[];
  faults: FaultController;
  names: NameRegistry;
  files: FileServerInfo;
  community: DevnetCommunity;
  seed: Listener;
  layout: { swarmIds: readonly bigint[] };
  stop: () => Promise<void>;
}): Devnet {
  const { slots, faults, files, seed } = parts;
  const seedBase = `https://127.0.0.1:${seed.port}`;
  const nodes = Object.freeze(
    slots.map((slot, i) =>
      Object.freeze({
        ...slot.info,
        url: `https://127.0.0.1:${slot.info.port}`,
        faults: faults.node(i),
      })
    ),
  );
  const describe = (): DevnetDescription => ({
    seed: `${seedBase}/json_rpc`,
    nodes: nodes.map((n) => ({
      ed25519: n.ed25519,
      x25519: n.x25519,
      port: n.port,
      swarm: swarmHex(n.swarmId),
    })),
    fileServer: files,
    community: describeCommunity(parts.community),
  });
  return Object.freeze({
    seedUrl: `${seedBase}/json_rpc`,
    nodes,
    swarmIds: parts.layout.swarmIds,
    fileServer: files,
    community: parts.community,
    faults,
    names: parts.names,
    controlUrl: `${seedBase}${CONTROL_PATH}`,
    describe,
    stop: parts.stop,
    [Symbol.asyncDispose]: parts.stop,
  });
}
