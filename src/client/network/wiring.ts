/**
 * Wires the network's parts: the pool (from the seeds), strikes that drop nodes everywhere,
 * onion paths with tested guards, the transport, the swarm cache and the sender.
 *
 * @module
 */
import { toHex } from "../../core/bytes.ts";
import {
  createOnionRequester,
  createPathPool,
  createStrikes,
  type OnionRequester,
  type PathPool,
  type ServiceNode,
  SnodeAgent,
  type SnodeFetcher,
  type Strikes,
} from "../../onion/mod.ts";
import { pickOne } from "../../onion/mod.ts";
import { createClock, type NetworkClock } from "./clock.ts";
import { createDirectTransport } from "./direct.ts";
import { readNodes } from "./nodes.ts";
import type { NetworkConfig, NetworkOptions } from "./options.ts";
import { createSnodePool, type SnodePool } from "./pool.ts";
import { readSwarmNodes } from "./replies.ts";
import { fetchFromSeeds } from "./seed_fetch.ts";
import { exhausted, statusError } from "./errors.ts";
import { createSender } from "./send.ts";
import { createSwarmCache, type SwarmCache } from "./swarms.ts";
import type { SnodeTransport } from "./types.ts";
import { SessionBotError } from "../../core/errors.ts";

/** The parts behind a `Network`. */
export interface Parts {
  readonly agent: SnodeAgent;
  readonly closing: AbortController;
  readonly pool: SnodePool;
  readonly strikes: Strikes;
  readonly paths: PathPool;
  readonly onion: OnionRequester;
  readonly transport: SnodeTransport;
  readonly swarms: SwarmCache;
  readonly clock: NetworkClock;
  readonly sender: ReturnType<typeof createSender>;
}

/** What desktop asks a node for when refreshing the pool from nodes (core §4.4.8). */
const SERVICE_NODES = {
  method: "oxend_request",
  params: {
    endpoint: "get_service_nodes",
    params: {
      active_only: true,
      fields: { public_ip: true, storage_port: true, pubkey_x25519: true, pubkey_ed25519: true },
    },
  },
};

/** Builds the parts; `onWork` hears of background work to await on close. */
export function wire(
  config: NetworkConfig,
  options: NetworkOptions,
  onWork: (work: Promise<unknown>) => void,
): Parts {
  const { random } = config;
  const closing = new AbortController();
  const agent = new SnodeAgent();
  const base: SnodeFetcher = (url, body, o) => agent.fetch(url, body, o);
  const fetch = options.wrapFetch?.(base) ?? base;
  const late: { swarms?: SwarmCache; paths?: PathPool; pool?: SnodePool } = {};
  const strikes = createStrikes({
    onDrop(ed25519) {
      late.pool?.drop(ed25519);
      late.swarms?.dropNode(ed25519);
      late.paths?.dropNode(ed25519);
    },
  });
  const clock = createClock({ now: options.now });
  const direct = createDirectTransport({
    fetch,
    timeoutMs: config.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });
  const pool = late.pool = createSnodePool({
    fromSeeds: () => fetchFromSeeds(config.seeds, { ...options.seed, signal: closing.signal }),
    fromNode: (node) => askNodeList(node),
    onRefresh(nodes) {
      strikes.reset();
      late.swarms?.prune(nodes);
    },
    random,
    ...options.pool,
    now: options.now,
  });
  const paths = late.paths = createPathPool({
    nodes: () => pool.ensure(),
    // Desktop's guard test: a direct get_swarm must answer 2xx (for a throwaway key here).
    testGuard: (node, signal) =>
      direct.send(node, {
        method: "get_swarm",
        params: { pubkey: "05" + toHex(crypto.getRandomValues(new Uint8Array(32))) },
      }, {
        timeoutMs: config.guardTimeoutMs,
        signal: signal ? AbortSignal.any([closing.signal, signal]) : closing.signal,
      })
        .then((reply) => reply.status >= 200 && reply.status < 300, () => false),
    strikes,
    random,
  });
  const onion = createOnionRequester({
    paths,
    strikes,
    encType: config.encType,
    timeoutMs: config.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    fetch,
  });
  const transport: SnodeTransport = config.transport === "direct" ? direct : {
    kind: "onion",
    send: (node, rpc, o) => onion.snode(node, rpc, o),
  };
  const swarms = late.swarms = createSwarmCache({ fetch: fetchSwarm, random, now: options.now });
  const sender = createSender({
    transport,
    swarms,
    clock,
    strikes,
    random,
    closing: closing.signal,
    deadlineMs: config.deadlineMs,
    onWork,
  });

  /** `get_swarm` on random pool nodes, up to `attempts` of them. */
  async function fetchSwarm(pubkey: string): Promise<ServiceNode[]> {
    const tried = new Set<string>();
    let last: SessionBotError | undefined;
    for (let attempt = 1; attempt <= config.attempts; attempt++) {
      const nodes = await pool.ensure();
      const node = pickOne(nodes.filter((n) => !tried.has(n.ed25519)), random) ??
        pickOne(nodes, random);
      if (!node) break;
      tried.add(node.ed25519);
      try {
        const reply = await sender.call(node, { method: "get_swarm", params: { pubkey } });
        if (reply.status === 200) return readSwarmNodes(reply.body);
        last = statusError(node, reply.status, reply.body);
      } catch (error) {
        if (!(error instanceof SessionBotError) || error.code === "closed") throw error;
        last = error;
      }
      strikes.strike(node.ed25519, last.message);
    }
    throw exhausted("get_swarm", tried.size, last ?? new SessionBotError("the pool is empty"));
  }

  async function askNodeList(node: ServiceNode): Promise<ServiceNode[]> {
    const reply = await sender.call(node, SERVICE_NODES);
    const states = (reply.body as { result?: { service_node_states?: unknown } })?.result;
    return reply.status === 200 ? readNodes(states?.service_node_states) : [];
  }

  return { agent, closing, pool, strikes, paths, onion, transport, swarms, clock, sender };
}
