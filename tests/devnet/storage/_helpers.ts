/**
 * A devnet in a test: storage engines in one or more swarms over an in-memory network view,
 * sharing one `:memory:` KV, with a controllable clock and fault injection per node; plus
 * accounts that sign requests like clients do.
 */
import { fromHex, toBase64, toHex } from "../../../src/core/mod.ts";
import { createEd25519Signer } from "../../../src/crypto/ed25519.ts";
import { ed25519ToX25519PublicKey } from "../../../src/crypto/x25519.ts";
import {
  createKvMessageStore,
  createNameRegistry,
  createStorageNode,
  type MessageStore,
  type NameRegistry,
  type NetworkView,
  type NodeInfo,
  type PeerNode,
  type RpcResult,
  selectSwarm,
  type StorageNode,
  swarmSpace,
} from "../../../src/devnet/storage/mod.ts";

/** A fixed "now" for tests: 2023-11-14T22:13:20Z. */
export const T0 = 1_700_000_000_000;

/** What a faulty peer does instead of answering. */
export type Fault = "throw" | "hang" | "status" | "garbage";

/** Swarm ids used by the helpers: far apart on the ring. */
export const SWARM_A = 0x1000_0000_0000_0000n;
export const SWARM_B = 0x9000_0000_0000_0000n;

export interface TestNode {
  readonly info: NodeInfo;
  readonly node: StorageNode;
  readonly store: MessageStore;
  /** Milliseconds this node's clock runs ahead (negative: behind). */
  skew: number;
  fault?: Fault;
}

export interface TestNet {
  readonly nodes: TestNode[];
  readonly network: NetworkView;
  readonly names: NameRegistry;
  /** The shared test time; every node clock is `time.now + skew`. */
  readonly time: { now: number };
  /** Resolves the hung peers' pending promises so nothing is left behind. */
  close(): void;
  readonly kv: Deno.Kv;
}

/** Seed of node `i`: 32 bytes of `0x40 + i`. */
export function nodeSeed(i: number): Uint8Array {
  return new Uint8Array(32).fill(0x40 + i);
}

/**
 * Starts nodes: `layout` lists how many nodes each swarm gets (default 3 in A, 1 in B).
 * Node i listens on port 22100 + i.
 */
export async function startNet(
  layout: [bigint, number][] = [[SWARM_A, 3], [SWARM_B, 1]],
  options: { peerTimeout?: number } = {},
): Promise<TestNet> {
  const kv = await Deno.openKv(":memory:");
  const time = { now: T0 };
  const names = createNameRegistry();
  const nodes: TestNode[] = [];
  const hung: (() => void)[] = [];
  const network: NetworkView = {
    nodes: () => nodes.map((n) => n.info),
    swarmIds: () => [...new Set(nodes.map((n) => n.info.swarmId))],
    members: (id) => nodes.filter((n) => n.info.swarmId === id).map((n) => n.info),
    peer(ed25519) {
      const target = nodes.find((n) => n.info.ed25519 === ed25519);
      if (!target) return undefined;
      const peer: PeerNode = {
        handle(method, params, opts) {
          switch (target.fault) {
            case "throw":
              return Promise.reject(new Error("connection reset"));
            case "hang":
              return new Promise<RpcResult>((resolve) =>
                hung.push(() => resolve({ status: 503, text: "gone" }))
              );
            case "status":
              return Promise.resolve({ status: 503, text: "Service node is not ready" });
            case "garbage":
              return Promise.resolve({ status: 200, text: "not json" });
          }
          return target.node.handle(method, params, opts);
        },
      };
      return peer;
    },
  };
  let index = 0;
  for (const [swarmId, count] of layout) {
    for (let k = 0; k < count; k++, index++) {
      const seed = nodeSeed(index);
      const publicKey = createEd25519Signer(seed).publicKey;
      const info: NodeInfo = {
        ed25519: toHex(publicKey),
        x25519: toHex(ed25519ToX25519PublicKey(publicKey)),
        ip: "127.0.0.1",
        port: 22100 + index,
        swarmId,
      };
      const store = createKvMessageStore(kv, info.ed25519);
      const entry: TestNode = { info, store, skew: 0, node: undefined as unknown as StorageNode };
      (entry as { node: StorageNode }).node = createStorageNode({
        seed,
        info,
        network,
        store,
        names,
        clock: () => time.now + entry.skew,
        peerTimeout: options.peerTimeout,
      });
      nodes.push(entry);
    }
  }
  return {
    nodes,
    network,
    names,
    time,
    kv,
    close() {
      for (const release of hung.splice(0)) release();
      kv.close();
    },
  };
}

/** Runs `fn` with a fresh network and always closes it. */
export async function withNet(
  fn: (net: TestNet) => Promise<void>,
  layout?: [bigint, number][],
  options?: { peerTimeout?: number },
): Promise<void> {
  const net = await startNet(layout, options);
  try {
    await fn(net);
  } finally {
    net.close();
  }
}

const utf8 = new TextEncoder();

/** A client account that signs requests. */
export interface Account {
  /** 66-hex pubkey: a 05 Session ID, or an 03 group id. */
  readonly pubkey: string;
  /** 64-hex Ed25519 key (sent as `pubkey_ed25519` for 05 accounts). */
  readonly ed25519: string;
  /** Base64 signature of `message`. */
  sign(message: string | Uint8Array): string;
  /** The auth params of a request signed over `message`. */
  auth(message: string): Record<string, string>;
}

/** A 05 account from a 32-byte seed. */
export function sessionAccount(seed: Uint8Array): Account {
  const signer = createEd25519Signer(seed);
  const ed25519 = toHex(signer.publicKey);
  const pubkey = "05" + toHex(ed25519ToX25519PublicKey(signer.publicKey));
  const sign = (m: string | Uint8Array) =>
    toBase64(signer.sign(typeof m === "string" ? utf8.encode(m) : m));
  return {
    pubkey,
    ed25519,
    sign,
    auth: (m) => ({ pubkey, pubkey_ed25519: ed25519, signature: sign(m) }),
  };
}

/** An 03 group account (signs with the key itself, no `pubkey_ed25519`). */
export function groupAccount(seed: Uint8Array): Account {
  const signer = createEd25519Signer(seed);
  const ed25519 = toHex(signer.publicKey);
  const pubkey = "03" + ed25519;
  const sign = (m: string | Uint8Array) =>
    toBase64(signer.sign(typeof m === "string" ? utf8.encode(m) : m));
  return { pubkey, ed25519, sign, auth: (m) => ({ pubkey, signature: sign(m) }) };
}

/** The first 05 account (seeded 1, 2, …) whose swarm is `swarm` among the test swarms. */
export function accountIn(
  swarm: bigint,
  make: (seed: Uint8Array) => Account = sessionAccount,
  skip = 0,
): Account {
  for (let i = 1;; i++) {
    const account = make(new Uint8Array(32).fill(i));
    if (selectSwarm([SWARM_A, SWARM_B], swarmSpace(account.pubkey)) !== swarm) continue;
    if (skip-- > 0) continue;
    return account;
  }
}

/** The JSON body of a result (throws on a text result). */
export function body(result: RpcResult): Record<string, unknown> {
  if (!("body" in result)) throw new Error(`expected JSON, got ${result.status} ${result.text}`);
  return result.body as Record<string, unknown>;
}

/** The text of a result (throws on a JSON result). */
export function text(result: RpcResult): string {
  if (!("text" in result)) throw new Error(`expected text, got ${JSON.stringify(result)}`);
  return result.text;
}

/** Base64 of UTF-8 text. */
export function b64(textValue: string): string {
  return toBase64(utf8.encode(textValue));
}

export { fromHex, toBase64, toHex };

/** Params of a `store` of `data` (text) for `account`, signed when the namespace needs it. */
export function storeParams(
  account: Account,
  now: number,
  options: { namespace?: number; data?: string; ttl?: number; timestamp?: number } = {},
): Record<string, unknown> {
  const namespace = options.namespace ?? 0;
  const timestamp = options.timestamp ?? now;
  const params: Record<string, unknown> = {
    pubkey: account.pubkey,
    timestamp,
    ttl: options.ttl ?? 86_400_000,
    data: b64(options.data ?? "hello"),
  };
  if (namespace !== 0) params.namespace = namespace;
  if (namespace % 10 !== 0) {
    Object.assign(params, account.auth(`store${namespace}${timestamp}`));
  }
  return params;
}

/** Signed `retrieve` params for `account` at `now`. */
export function retrieveParams(
  account: Account,
  now: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const ns = typeof extra.namespace === "number" && extra.namespace !== 0 ? extra.namespace : "";
  return { ...account.auth(`retrieve${ns}${now}`), timestamp: now, ...extra };
}

/** Stores and returns the message hash (asserting a 200). */
export async function put(
  node: StorageNode,
  account: Account,
  now: number,
  options: Parameters<typeof storeParams>[2] = {},
): Promise<string> {
  const result = await node.handle("store", storeParams(account, now, options));
  if (result.status !== 200) throw new Error(`store failed: ${JSON.stringify(result)}`);
  return body(result).hash as string;
}

/** The hashes a node returns for the account's namespace, in order. */
export async function hashesOn(
  node: StorageNode,
  account: Account,
  now: number,
  namespace = 0,
): Promise<string[]> {
  const result = await node.handle("retrieve", retrieveParams(account, now, { namespace }));
  const messages = body(result).messages as { hash: string }[];
  return messages.map((m) => m.hash);
}
