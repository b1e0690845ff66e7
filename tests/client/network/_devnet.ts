/** A devnet and a network client on it, with small timeouts so fault tests stay fast. */
import {
  createNetwork,
  type Network,
  type NetworkOptions,
} from "../../../src/client/network/mod.ts";
import {
  type Devnet,
  type DevnetNodeHandle,
  type DevnetOptions,
  startDevnet,
} from "../../../src/devnet/mod.ts";

/** Client timeouts for tests: an attempt gives up after 1.2 s. */
export const FAST: NetworkOptions = {
  timeoutMs: 1200,
  guardTimeoutMs: 1000,
  seed: { timeoutMs: 2000, backoffMs: 50 },
};

/** Devnet timeouts for tests: dead peers cost 300 ms; held requests outlast the client. */
const DEVNET_FAST = { peerMs: 300, relayMs: 5000, dropHoldMs: 5000 };

/** Runs `fn` with a fresh devnet and a client on it; always closes both. */
export async function withNetwork(
  devnetOptions: DevnetOptions,
  networkOptions: NetworkOptions,
  fn: (devnet: Devnet, net: Network) => Promise<void>,
): Promise<void> {
  const devnet = await startDevnet({
    nodes: 12,
    swarms: 4,
    timeouts: DEVNET_FAST,
    ...devnetOptions,
  });
  const net = createNetwork({ network: devnet.seedUrl, ...FAST, ...networkOptions });
  try {
    await fn(devnet, net);
  } finally {
    await net.close();
    await devnet.stop();
  }
}

/** The devnet handles of `pubkey`'s swarm members, as the client sees them. */
export async function swarmNodes(
  devnet: Devnet,
  net: Network,
  pubkey: string,
): Promise<DevnetNodeHandle[]> {
  const members = new Set((await net.getSwarm(pubkey)).map((n) => n.ed25519));
  return devnet.nodes.filter((n) => members.has(n.ed25519));
}

/**
 * The hashes `node` holds for `signer`, read over direct HTTPS (no onion path in the way),
 * so a check names exactly the node it means.
 */
export async function holds(
  devnet: Devnet,
  signer: Parameters<Network["retrieve"]>[0],
  node: { readonly ed25519: string },
): Promise<string[]> {
  const direct = createNetwork({ network: devnet.seedUrl, ...FAST, transport: "direct" });
  try {
    const page = await direct.retrieve(signer, { node: node.ed25519 });
    if (page.node !== node.ed25519) {
      throw new Error(`node ${node.ed25519.slice(0, 8)} did not answer`);
    }
    return page.messages.map((m) => m.hash);
  } finally {
    await direct.close();
  }
}

/** Every page of a retrieve loop from `lastHash` on, with `maxCount` per page. */
export async function retrieveAll(
  net: Network,
  signer: Parameters<Network["retrieve"]>[0],
  options: { maxCount?: number; lastHash?: string; namespace?: number } = {},
) {
  const hashes: string[] = [];
  let cursor = options.lastHash;
  for (let page = 0; page < 50; page++) {
    const result = await net.retrieve(signer, { ...options, lastHash: cursor });
    hashes.push(...result.messages.map((m) => m.hash));
    cursor = result.lastHash;
    if (!result.more) return { hashes, cursor };
  }
  throw new Error("retrieve never ended");
}
