/**
 * `startDevnet`: a Session network in a box on 127.0.0.1: a seed, service nodes in swarms,
 * onion routing between them, a file server, a community server, and fault injection.
 *
 * @module
 */
import { devnetConfig, type DevnetOptions, portOf } from "./config.ts";
import { createFaultController, type FaultController } from "./faults/mod.ts";
import { createCommunityServer } from "./community/mod.ts";
import { createFileServer } from "./fileserver/mod.ts";
import { communityHandle, DEFAULT_ROOM } from "./community/handle.ts";
import { type Devnet, devnetObject, seedListener } from "./handle.ts";
import { keysFromSeed } from "./keys.ts";
import { deriveSeed, loadLayout } from "./layout.ts";
import type { Listener } from "./listener.ts";
import { createNetwork } from "./network.ts";
import { attachEngines, buildNodes, type NodeSlot } from "./nodes.ts";
import { openState } from "./state.ts";
import { createNameRegistry } from "./storage/mod.ts";

/**
 * Starts a devnet and resolves once every server listens.
 *
 * @example
 * ```ts
 * await using devnet = await startDevnet({ nodes: 6, swarms: 2 });
 * const res = await snodeFetch(devnet.seedUrl, JSON.stringify({
 *   jsonrpc: "2.0", method: "get_n_service_nodes", params: {},
 * }));
 * devnet.faults.node(0).latency(200);
 * ```
 */
export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  const config = devnetConfig(options);
  const state = await openState(config.state);
  const closing = new AbortController();
  const listeners: Listener[] = [];
  try {
    const layout = await loadLayout(state.kv, config);
    const slots: NodeSlot[] = [];
    const late: { faults?: FaultController; devnet?: Devnet } = {};
    const network = createNetwork({
      members: () => slots,
      swarmIds: layout.swarmIds,
      moves: () => late.faults?.moves() ?? new Map(),
      closing: closing.signal,
      peerHoldMs: config.peerMs * 2,
    });
    slots.push(...await buildNodes(config, layout, network, closing.signal));
    const faults = late.faults = createFaultController(
      slots.map((slot) => faultTarget(slot)),
      () => layout.swarmIds,
    );
    for (const slot of slots) await start(slot.node.listener);
    const names = createNameRegistry();
    attachEngines(slots, { kv: state.kv, network, names, config });
    const files = createFileServer({
      kv: state.kv,
      keys: keysFromSeed(deriveSeed(layout.master, "fileserver")),
      port: portOf(config, config.nodes + 1),
      ...config.fileServer,
    });
    await files.sweep();
    await start(files.listener);
    const community = await createCommunityServer({
      kv: state.kv,
      keys: keysFromSeed(deriveSeed(layout.master, "community")),
      port: portOf(config, config.nodes + 2),
      ...config.community,
    });
    await community.admin.createRoom(DEFAULT_ROOM, "Lobby");
    await community.sweep();
    await start(community.listener);
    const seed = await seedListener(config, slots, faults, layout.swarmIds, () => late.devnet!);
    await start(seed);
    late.devnet = devnetObject({
      slots,
      faults,
      names,
      files: files.info(),
      community: communityHandle(community),
      seed,
      layout,
      stop,
    });
    return late.devnet;
  } catch (error) {
    await stop();
    throw error;
  }

  async function start(listener: Listener): Promise<void> {
    listeners.push(listener);
    await listener.start();
  }

  async function stop(): Promise<void> {
    if (closing.signal.aborted) return;
    closing.abort();
    await Promise.all(listeners.map((l) => l.stop()));
    state.close();
  }
}

function faultTarget(slot: NodeSlot) {
  return {
    ed25519: slot.keys.ed25519Hex,
    state: slot.faults,
    stop: async () => {
      slot.faults.set({ stopped: true });
      await slot.node.listener.stop();
    },
    start: async () => {
      await slot.node.listener.start();
      slot.faults.set({ stopped: undefined });
    },
  };
}
