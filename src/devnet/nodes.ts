/**
 * Building the devnet's service nodes: keys, certificates, faults, transport, and (once the
 * ports are known) their storage engines.
 *
 * @module
 */
import { createNodeFaults, type NodeFaultState } from "./faults/mod.ts";
import type { DevnetConfig } from "./config.ts";
import { portOf } from "./config.ts";
import { type DevnetKeys, keysFromSeed } from "./keys.ts";
import { deriveSeed, type Layout } from "./layout.ts";
import type { DevnetNetwork, NetworkMember } from "./network.ts";
import { createDevnetNode, type DevnetNode } from "./node/mod.ts";
import { type OnionAnswer, relayToServer } from "./onion/mod.ts";
import {
  createKvMessageStore,
  createStorageNode,
  type NameRegistry,
  type StorageNode,
} from "./storage/mod.ts";
import { createSelfSignedCert } from "./tls/mod.ts";
import type { DevnetNodeInfo } from "./types.ts";

/** One node and everything attached to it. */
export interface NodeSlot extends NetworkMember {
  readonly keys: DevnetKeys;
  readonly node: DevnetNode;
  /** Set by {@link attachEngines} once the port is known. */
  readonly engineRef: { current?: StorageNode };
  info: DevnetNodeInfo;
}

/** Creates every node (not listening yet). */
export async function buildNodes(
  config: DevnetConfig,
  layout: Layout,
  network: DevnetNetwork,
  closing: AbortSignal,
): Promise<NodeSlot[]> {
  const slots: NodeSlot[] = [];
  const byKey = new Map<string, NodeSlot>();
  const relayToNode = (dest: string, forward: Uint8Array, hop: number): Promise<OnionAnswer> => {
    const next = byKey.get(dest);
    if (!next) return Promise.resolve({ status: 502, body: `Next node not found: ${dest}` });
    return next.node.acceptRelay(forward, hop);
  };
  for (let index = 0; index < config.nodes; index++) {
    const keys = keysFromSeed(deriveSeed(layout.master, `node/${index}`));
    const faults: NodeFaultState = createNodeFaults();
    const engineRef: { current?: StorageNode } = {};
    const node = createDevnetNode({
      keys,
      port: portOf(config, index + 1),
      tls: await createSelfSignedCert({ commonName: `devnet node ${keys.ed25519Hex}` }),
      faults,
      rateLimit: config.rateLimit,
      closing,
      dropHoldMs: config.dropHoldMs,
      relayTimeoutMs: config.relayMs,
      engine: () => engineRef.current,
      inSwarmContext: network.inSwarmContext,
      relays: {
        relayToNode,
        relayToServer: (url, payload) => relayToServer(url, payload, config.serverMs),
      },
    });
    const slot: NodeSlot = {
      keys,
      node,
      faults,
      info: {
        index,
        ed25519: keys.ed25519Hex,
        x25519: keys.x25519Hex,
        ip: "127.0.0.1",
        port: 0,
        swarmId: layout.assignment[index],
      },
      engineRef,
      engine: () => engineRef.current!,
    };
    slots.push(slot);
    byKey.set(keys.ed25519Hex, slot);
  }
  return slots;
}

/** Creates each node's storage engine, now that its port is known. */
export function attachEngines(
  slots: NodeSlot[],
  options: { kv: Deno.Kv; network: DevnetNetwork; names: NameRegistry; config: DevnetConfig },
): void {
  for (const slot of slots) {
    slot.info = { ...slot.info, port: slot.node.listener.port };
    slot.engineRef.current = createStorageNode({
      seed: slot.keys.seed,
      info: slot.info,
      network: options.network.view,
      store: createKvMessageStore(options.kv, slot.keys.ed25519Hex),
      clock: slot.faults.now,
      hf: options.config.hf,
      names: options.names,
      peerTimeout: options.config.peerMs,
      refuse: slot.faults.refusal,
    });
  }
}
